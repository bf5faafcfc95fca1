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
}

@InputType('UpdateExamComponentInput', { description: 'Edits of one examination of a course (§16 (3)); only before any result is recorded for it' })
export class UpdateExamComponentInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Int, { nullable: true, description: 'Weight in the course score (§16 (3)), 1-100' }) weight?: number | null;
  @Field(() => Int, { nullable: true }) maxAttempts?: number | null;
  @Field(() => String, { nullable: true, description: 'Why (required): every change is recorded with who, when and why (§21)' }) reason?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version the edit is based on; if the examination has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion?: number | null;
}

/*
 * The inputs below are the 0.2 forms (issue 15 item 6): one `input` per mutation, named after the
 * mutation, "examination" for what 0.1 called a component, and every field the hub needs non-null
 * in the schema. The 0.1 inputs above stay, unchanged, for the deprecated mutations until 0.3.
 */

@InputType('RegisterExaminationAttemptInput', { description: 'Registration of a student for one attempt at one examination (§9 (4))' })
export class RegisterExaminationAttemptInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String, { description: 'The examination within the course, e.g. "written-exam"' }) examinationKey!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => String, { description: 'ISO date' }) registeredOn!: string;
}

@InputType('RecordExaminationResultInput', { description: 'The result of a registered attempt at one examination (§16 (1), §20)' })
export class RecordExaminationResultInput extends ResultValueInput {
  @Field(() => String) studentId!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String) examinationKey!: string;
  @Field(() => Int) attempt!: number;
}

@InputType('RectifyExaminationResultInput', { description: 'A correction of a recorded result, with its reason (§16 (2), §21)' })
export class RectifyExaminationResultInput extends ResultValueInput {
  @Field(() => String) resultId!: string;
  @Field(() => String, { description: 'Why: every version is kept with who, when and why (§21)' }) reason!: string;
  @Field(() => Int, { nullable: true, description: 'The version the correction is based on; if the result has changed since, VERSION_CONFLICT and nothing is written' })
  expectedVersion?: number | null;
}

@InputType('CancelExaminationRegistrationInput', { description: 'Withdrawal of a registration that has no result; the attempt is not used' })
export class CancelExaminationRegistrationInput {
  @Field(() => String) registrationId!: string;
  @Field(() => String, { description: 'ISO date' }) cancelledOn!: string;
  @Field(() => String) reason!: string;
}

@InputType('EditCourseInput', { description: 'An edit of a course (Münster: module) by its examinations office' })
export class EditCourseInput {
  @Field(() => String) courseCode!: string;
  @Field(() => String, { nullable: true, description: 'The new title; null keeps it' }) title?: string | null;
  @Field(() => Int, { nullable: true, description: 'Weight in the overall grade (§16 (4)), 1-30; null keeps it, use resetOverallWeight to go back to the credits' })
  overallWeight?: number | null;
  @Field(() => Boolean, { nullable: true }) resetOverallWeight?: boolean | null;
  @Field(() => String, { description: 'Why: every change is recorded with who, when and why (§21)' }) reason!: string;
  @Field(() => Int, { nullable: true, description: 'The version the edit is based on; if the course has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion?: number | null;
}

@InputType('EditExaminationInput', { description: 'An edit of one examination of a course (§16 (3)); weight and attempts only before any registration for it' })
export class EditExaminationInput {
  @Field(() => String) courseCode!: string;
  @Field(() => String) examinationKey!: string;
  @Field(() => String, { nullable: true, description: 'The new title; null keeps it' }) title?: string | null;
  @Field(() => Int, { nullable: true, description: 'Weight in the course score (§16 (3)), 1-100' }) weight?: number | null;
  @Field(() => Int, { nullable: true }) maxAttempts?: number | null;
  @Field(() => String, { description: 'Why: every change is recorded with who, when and why (§21)' }) reason!: string;
  @Field(() => Int, { nullable: true, description: 'The version the edit is based on; if the examination has changed since, VERSION_CONFLICT and nothing is written' }) expectedVersion?: number | null;
}
