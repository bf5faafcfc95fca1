import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CourseState, ResultLabel, University, useInstead } from '@pioneer/shared/graphql';
import { ResultStatus } from '../examinations/exam-result.entity.js';

export const AttemptOutcome = { PASSED: 'PASSED', FAILED: 'FAILED' } as const;
export type AttemptOutcome = (typeof AttemptOutcome)[keyof typeof AttemptOutcome];
registerEnumType(AttemptOutcome, { name: 'AttemptOutcome', description: 'Whether one attempt at one examination passed (§16 (1), §20)' });

/**
 * The value types a university contributes to the federated `Student`. All three universities
 * expose the same shapes (hence @shareable), and the consortium @requires a subset of them.
 */
@ObjectType('AttemptRecord', { description: 'One recorded attempt at one examination of a course' })
@Directive('@shareable')
export class AttemptView {
  @Field(() => String) examinationKey!: string;
  @Field(() => String) examinationTitle!: string;
  @Field(() => String, { deprecationReason: useInstead('examinationKey') }) componentKey!: string;
  @Field(() => String, { deprecationReason: useInstead('examinationTitle') }) componentTitle!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => ResultStatus) status!: ResultStatus;
  @Field(() => Int, { nullable: true }) points!: number | null;
  @Field(() => Boolean, { nullable: true }) passed!: boolean | null;
  @Field(() => String) examinedOn!: string;
  @Field(() => String, { nullable: true, description: 'Grade of this attempt on the university’s scale, failing ones too (§16 (1)); null for a pass/fail examination' })
  localGrade!: string | null;
  @Field(() => ResultLabel, { nullable: true, description: 'Result label of this attempt (§16 (1)); FAIL for an absence or withdrawal (§20)' })
  label!: ResultLabel | null;
  @Field(() => AttemptOutcome) outcome!: AttemptOutcome;
}

@ObjectType('RecognitionRecord', { description: 'Recognition of prior learning (§13)' })
@Directive('@shareable')
export class RecognitionView {
  @Field(() => String) decisionReference!: string;
  @Field(() => String) decidedOn!: string;
  @Field(() => Int, { nullable: true }) points!: number | null;
}

@ObjectType('CourseResult', { description: "A student's standing in one course / module, computed by the regulations engine" })
@Directive('@shareable')
export class CourseResult {
  @Field(() => University) university!: University;
  @Field(() => String) code!: string;
  @Field(() => String) title!: string;
  @Field(() => Int) semester!: number;
  @Field(() => Int) credits!: number;
  @Field(() => Int, { description: 'Weight in the overall grade (§16 (4))' }) overallWeight!: number;
  @Field(() => CourseState) state!: CourseState;
  @Field(() => Boolean, { description: '§8 (2): all coursework completed and every examination passed' }) completed!: boolean;
  @Field(() => Boolean, { description: '§13' }) recognised!: boolean;
  @Field(() => Boolean, { description: '§15 (4)' }) permanentlyFailed!: boolean;
  @Field(() => Int) attemptsUsed!: number;
  @Field(() => Int) attemptsLeft!: number;
  @Field(() => Boolean) hasFailedAttempt!: boolean;
  @Field(() => Int, { nullable: true, description: 'Course score, points 0-100 (§16 (3))' }) score!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Grade on the university’s own scale (§16 (1), (3)), passing or failing: a failed course shows its fail grade (Münster 5.0, TalTech 0). Null only when nothing is graded yet; `state` says why (NOT_STARTED, IN_PROGRESS)',
  })
  localGrade!: string | null;
  @Field(() => ResultLabel, { nullable: true, description: 'Result label of `localGrade` (§16 (1)); FAIL for a failed course' }) label!: ResultLabel | null;
  @Field(() => [AttemptView]) attempts!: AttemptView[];
  @Field(() => RecognitionView, { nullable: true }) recognition!: RecognitionView | null;
}

@ObjectType('UnreadableRecord', { description: 'Why the regulations engine cannot evaluate a stored record (issue 11); the course is left out of `courses`' })
@Directive('@shareable')
export class UnreadableRecord {
  @Field(() => String, { description: 'The rule the stored record breaks: the engine’s error code, e.g. ATTEMPT_OUT_OF_ORDER' }) rule!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String) message!: string;
}

@ObjectType('UniversityRecord', { description: "A student's record at one university" })
@Directive('@shareable')
export class UniversityRecord {
  @Field(() => University) university!: University;
  @Field(() => String) universityName!: string;
  @Field(() => Boolean, { description: 'Whether this university has enrolled the student (§4 (1) d)' }) enrolled!: boolean;
  @Field(() => String, { nullable: true }) studentNumber!: string | null;
  @Field(() => Int, { description: 'Credits earned at this university' }) creditsEarned!: number;
  @Field(() => [CourseResult], { description: 'Every course of the catalogue, attempted or not (but a course the engine cannot evaluate, see `unreadable`)' }) courses!: CourseResult[];
  @Field(() => UnreadableRecord, {
    nullable: true,
    description: 'Set when a stored course record cannot be evaluated (written around the hub’s checks): that course is missing from `courses`, and the consortium computes no progression from this record',
  })
  unreadable!: UnreadableRecord | null;
}
