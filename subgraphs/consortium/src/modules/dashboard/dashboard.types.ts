import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Student } from '../students/student.entity.js';
import { OverallGrade, StudentStatus } from '../progression/progression.types.js';

export const DashboardFlag = {
  /** A thesis deadline (submission, defence) falls within the dashboard's window. */
  DEADLINE_DUE: 'DEADLINE_DUE',
  /** An outstanding failed attempt: a course examination or the thesis awaiting its retake. */
  FAILED_ATTEMPT: 'FAILED_ATTEMPT',
  /** The next fail would be permanent: a course or the thesis is on its last attempt (§15 (2), (4)). */
  AT_RISK: 'AT_RISK',
} as const;
export type DashboardFlag = (typeof DashboardFlag)[keyof typeof DashboardFlag];
registerEnumType(DashboardFlag, { name: 'DashboardFlag', description: 'What a dashboard draws attention to' });

@ObjectType('Deadline')
export class Deadline {
  @Field(() => String, { description: 'THESIS_SUBMISSION (§10 (4), (5)), DEFENCE_PERIOD_END (§10 (8)) or DEFENCE (the scheduled date)' }) kind!: string;
  @Field(() => String) date!: string;
  @Field(() => Int, { description: 'Days from the dashboard’s date; negative when past' }) daysLeft!: number;
}

@ObjectType('DashboardEntry')
export class DashboardEntry {
  @Field(() => Student) student!: Student;
  @Field(() => StudentStatus) status!: StudentStatus;
  @Field(() => Int) totalCredits!: number;
  @Field(() => OverallGrade, { nullable: true }) overallGrade!: OverallGrade | null;
  @Field(() => [DashboardFlag]) flags!: DashboardFlag[];
  @Field(() => Deadline, { nullable: true }) nextDeadline!: Deadline | null;
}

@ObjectType('DashboardPage')
export class DashboardPage {
  @Field(() => Int) cohort!: number;
  @Field(() => String, { description: 'The date deadlines are counted from' }) asOf!: string;
  @Field(() => Int, { description: 'Entries matching the filters, before paging' }) total!: number;
  @Field(() => [DashboardEntry]) items!: DashboardEntry[];
  @Field(() => String, {
    nullable: true,
    description: 'A page filtered by status or flag is computed from one reading of the whole intake: pass this id as `snapshot` to page on through the same reading (kept for five minutes); null for unfiltered pages, which read only their own students',
  })
  snapshot!: string | null;
  @Field(() => Date, { description: 'When the federated record behind this page was read' }) readAt!: Date;
}
