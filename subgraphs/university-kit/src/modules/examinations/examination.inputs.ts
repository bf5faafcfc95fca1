import { Field, InputType, Int } from 'type-graphql';
import { ResultStatus } from './exam-result.entity.js';

@InputType('RegisterForExaminationInput', { description: 'Registration for one attempt at one examination (§9 (4))' })
export class RegisterForExaminationInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String) componentKey!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => String, { description: 'ISO date' }) registeredOn!: string;
}

@InputType('ResultValueInput', { description: 'Points for a scored examination, a verdict for a pass / fail one, neither for a status other than GRADED' })
export class ResultValueInput {
  @Field(() => ResultStatus) status!: ResultStatus;
  @Field(() => Int, { nullable: true }) points?: number | null;
  @Field(() => Boolean, { nullable: true }) passed?: boolean | null;
  @Field(() => String, { description: 'ISO date' }) examinedOn!: string;
  @Field(() => String) examiner!: string;
}

@InputType('RecordResultInput')
export class RecordResultInput extends ResultValueInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String) componentKey!: string;
  @Field(() => Int) attempt!: number;
}

@InputType('RecogniseCreditsInput', { description: 'Recognition of prior learning decided by the Academic Committee (§13)' })
export class RecogniseCreditsInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String, { description: "The id of the Academic Committee's recognition decision for this student and course (`decideRecognition`)" }) decisionReference!: string;
  @Field(() => String, { description: 'ISO date' }) decidedOn!: string;
  @Field(() => Int, { nullable: true, description: 'Points transferred, if any; without them the course stays out of §16 (4)' }) points?: number | null;
}

@InputType('EnrolStudentInput', { description: "The university's enrolment of a programme student (§4 (1) d)" })
export class EnrolStudentInput {
  @Field(() => String, { description: "The consortium's student id" }) studentId!: string;
  @Field(() => String, { description: "This university's student number" }) studentNumber!: string;
  @Field(() => String, { description: 'ISO date' }) enrolledOn!: string;
}

@InputType('UpdateCourseInput', { description: 'Edits of a course / module by its examinations office' })
export class UpdateCourseInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Int, { nullable: true, description: 'Weight in the overall grade (§16 (4)), 1-30; null keeps it, use resetOverallWeight to go back to the credits' })
  overallWeight?: number | null;
  @Field(() => Boolean, { nullable: true }) resetOverallWeight?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Why (required): every change is recorded with who, when and why (§21)' }) reason?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version the edit is based on; if the course has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'The edition edited: the one in force in this academic year, e.g. "2025/26"; default the current one' }) academicYear?: string | null;
}

@InputType('UpdateExamComponentInput', { description: 'Edits of one examination of a course (§16 (3)); only before any result is recorded for it' })
export class UpdateExamComponentInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Int, { nullable: true, description: 'Weight in the course score (§16 (3)), 1-100' }) weight?: number | null;
  @Field(() => Int, { nullable: true }) maxAttempts?: number | null;
  @Field(() => String, { nullable: true, description: 'Why (required): every change is recorded with who, when and why (§21)' }) reason?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version the edit is based on; if the examination has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'The edition edited: the one in force in this academic year, e.g. "2025/26"; default the current one' }) academicYear?: string | null;
}
