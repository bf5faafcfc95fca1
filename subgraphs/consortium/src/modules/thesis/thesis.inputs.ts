import { Field, InputType, Int } from 'type-graphql';

@InputType('AssignThesisTopicInput', { description: '§10 (2), (3): the topic, set on request of the supervising member of the Thesis Defence Committee' })
export class AssignThesisTopicInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) title!: string;
  @Field(() => String) supervisor!: string;
  @Field(() => String, { description: 'ISO date, put on record (§10 (3))' }) assignedOn!: string;
}

@InputType('ChangeThesisTopicInput', { description: '§10 (4)' })
export class ChangeThesisTopicInput {
  @Field(() => String) title!: string;
  @Field(() => String) changedOn!: string;
}

@InputType('ThesisExtensionInput', { description: '§10 (5): an Academic Committee decision' })
export class ThesisExtensionInput {
  @Field(() => Int) weeks!: number;
  @Field(() => String) requestedOn!: string;
  @Field(() => String) decidedOn!: string;
  @Field(() => String) reason!: string;
}

@InputType('ThesisSubmissionInput', { description: '§10 (7): three bound copies and the digital version' })
export class ThesisSubmissionInput {
  @Field(() => Int) boundCopies!: number;
  @Field(() => String, { nullable: true }) boundCopiesOn?: string | null;
  @Field(() => String, { nullable: true }) digitalOn?: string | null;
}

@InputType('DefenceResultInput', { description: "§11 (2): each examiner's score and the joint score, points 0-100" })
export class DefenceResultInput {
  @Field(() => [Int]) examinerScores!: number[];
  @Field(() => Int) jointScore!: number;
}

/*
 * The 0.2 forms of the thesis steps (issue 15 item 6): one `input` per mutation, named after it,
 * carrying the thesis id and the version the step is based on, every field the step needs
 * non-null. The 0.1 inputs above stay, unchanged, for the deprecated mutations until 0.3.
 */

const EXPECTED_VERSION = 'The thesis version the step is based on; if it has changed since, VERSION_CONFLICT and nothing is written';

@InputType('RecordThesisTopicChangeInput', { description: '§10 (4): the one change of topic, within the first four weeks' })
export class RecordThesisTopicChangeInput {
  @Field(() => String) thesisId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'ISO date' }) changedOn!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@InputType('GrantThesisSubmissionExtensionInput', { description: '§10 (5): an Academic Committee decision extending the submission deadline' })
export class GrantThesisSubmissionExtensionInput {
  @Field(() => String) thesisId!: string;
  @Field(() => Int) weeks!: number;
  @Field(() => String, { description: 'ISO date, before the deadline' }) requestedOn!: string;
  @Field(() => String, { description: 'ISO date' }) decidedOn!: string;
  @Field(() => String) reason!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@InputType('RecordThesisSubmissionInput', { description: '§10 (7): three bound copies and the digital version, each with the date it was handed in' })
export class RecordThesisSubmissionInput {
  @Field(() => String) thesisId!: string;
  @Field(() => Int) boundCopies!: number;
  @Field(() => String, { description: 'ISO date the bound copies were handed in' }) boundCopiesOn!: string;
  @Field(() => String, { description: 'ISO date the digital version was handed in' }) digitalOn!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@InputType('SetThesisDefenceDateInput', { description: '§10 (8): the defence date, within eight weeks of the submission' })
export class SetThesisDefenceDateInput {
  @Field(() => String) thesisId!: string;
  @Field(() => String, { description: 'ISO date' }) defenceOn!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@InputType('RecordThesisDefenceResultInput', { description: "§11 (2): each examiner's score and the committee's joint score, points 0-100 on the thesis scale" })
export class RecordThesisDefenceResultInput {
  @Field(() => String) thesisId!: string;
  @Field(() => [Int], { description: 'One score per examiner of the Thesis Defence Committee' }) examinerScores!: number[];
  @Field(() => Int, { description: "The committee's joint score, the thesis's `score` (§11 (2), §16 (1))" }) score!: number;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}
