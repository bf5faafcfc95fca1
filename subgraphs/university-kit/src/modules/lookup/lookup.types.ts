import { Directive, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Enrolment } from '../enrolment/enrolment.entity.js';

export const EnrolmentStatus = { IN_PROGRESS: 'IN_PROGRESS', COMPLETED: 'COMPLETED', PERMANENTLY_FAILED: 'PERMANENTLY_FAILED' } as const;
export type EnrolmentStatus = (typeof EnrolmentStatus)[keyof typeof EnrolmentStatus];
registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  description: "A student's standing at one university: every course completed (§8 (2)), one permanently failed (§15 (4)), or in progress",
});

@InputType('EnrolmentSearchInput', { description: 'Enrolments of this university, filtered; every filter optional' })
export class EnrolmentSearchInput {
  @Field(() => String, { nullable: true, description: "The start of this university's student number (case-insensitive)" }) studentNumber?: string | null;
  @Field(() => Int, { nullable: true, description: 'The intake year (the autumn the student started at KU Leuven)' }) intake?: number | null;
  @Field(() => EnrolmentStatus, { nullable: true }) status?: EnrolmentStatus | null;
  @Field(() => Int, { defaultValue: 50, description: '1-500' }) limit!: number;
  @Field(() => Int, { defaultValue: 0 }) offset!: number;
}

@ObjectType('EnrolmentPage', { description: 'A page of enrolments, ordered by student number, with the number of all that match' })
@Directive('@shareable')
export class EnrolmentPage {
  @Field(() => [Enrolment]) items!: Enrolment[];
  @Field(() => Int) total!: number;
}

@InputType('SessionRegistrationsInput', { description: 'One examination session: an examination, optionally one attempt, date of the results and edition' })
export class SessionRegistrationsInput {
  @Field(() => String) courseCode!: string;
  @Field(() => String) examinationKey!: string;
  @Field(() => Int, { nullable: true }) attempt?: number | null;
  @Field(() => String, { nullable: true, description: 'ISO date the results were examined on; registrations without a result then do not match' }) examinedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Only the edition in force in this academic year, e.g. "2025/26"; default every edition' }) academicYear?: string | null;
}
