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
