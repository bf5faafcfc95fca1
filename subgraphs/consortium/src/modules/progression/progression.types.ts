import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ResultLabel, University } from '@pioneer/shared/graphql';

export const StudentStatus = {
  SEMESTER_1_IN_PROGRESS: 'SEMESTER_1_IN_PROGRESS',
  SEMESTER_2_IN_PROGRESS: 'SEMESTER_2_IN_PROGRESS',
  SEMESTER_3_IN_PROGRESS: 'SEMESTER_3_IN_PROGRESS',
  THESIS_ELIGIBLE: 'THESIS_ELIGIBLE',
  THESIS_IN_PROGRESS: 'THESIS_IN_PROGRESS',
  THESIS_SUBMITTED: 'THESIS_SUBMITTED',
  THESIS_DEFENCE_SCHEDULED: 'THESIS_DEFENCE_SCHEDULED',
  GRADUATED: 'GRADUATED',
  PERMANENTLY_FAILED: 'PERMANENTLY_FAILED',
} as const;
export type StudentStatus = (typeof StudentStatus)[keyof typeof StudentStatus];
registerEnumType(StudentStatus, { name: 'StudentStatus', description: "A student's stage in the programme, for dashboards" });

export const PermanentFailureReason = { COURSE: 'COURSE', THESIS: 'THESIS', EXCLUSION: 'EXCLUSION' } as const;
export type PermanentFailureReason = (typeof PermanentFailureReason)[keyof typeof PermanentFailureReason];
registerEnumType(PermanentFailureReason, { name: 'PermanentFailureReason', description: '§15 (3), (4), §20' });

@ObjectType('UniversityCredits')
export class UniversityCredits {
  @Field(() => University) university!: University;
  @Field(() => Int) credits!: number;
}

@ObjectType('SemesterCredits')
export class SemesterCredits {
  @Field(() => Int) semester!: number;
  @Field(() => Int) credits!: number;
}

@ObjectType('OverallGrade', { description: 'The final overall grade (§16 (4)) on the KU Leuven scale' })
export class OverallGrade {
  @Field(() => Int, { description: 'Points 0-100: 75 % credit-weighted course scores, 25 % thesis, rounded up' }) points!: number;
  @Field(() => String, { description: 'KU Leuven grade 0-20' }) grade!: string;
  @Field(() => ResultLabel) label!: ResultLabel;
}

@ObjectType('Progression', { description: 'Joint progression across the three universities (§6, §7, §15), from their live records' })
export class Progression {
  @Field(() => [UniversityCredits]) creditsByUniversity!: UniversityCredits[];
  @Field(() => [SemesterCredits]) creditsBySemester!: SemesterCredits[];
  @Field(() => Int) courseCredits!: number;
  @Field(() => Int) thesisCredits!: number;
  @Field(() => Int, { description: 'Credits earned toward the 120 of §6 (2)' }) totalCredits!: number;
  @Field(() => Int) requiredCredits!: number;
  @Field(() => Boolean, { description: '§10 (3): 90 credits earned' }) thesisEligible!: boolean;
  @Field(() => Boolean, { description: '§8 (2) as read in docs/regulations.md' }) ttuAdmissible!: boolean;
  @Field(() => Int) coursesCompleted!: number;
  @Field(() => Int) coursesPending!: number;
  @Field(() => Int) coursesFailed!: number;
  @Field(() => Int) coursesPermanentlyFailed!: number;
  @Field(() => Boolean, { description: '§15 (2)-(4), §20' }) permanentlyFailed!: boolean;
  @Field(() => PermanentFailureReason, { nullable: true }) permanentFailureReason!: PermanentFailureReason | null;
  @Field(() => Boolean, { description: '§15 (1)' }) masterExaminationPassed!: boolean;
  @Field(() => Boolean, { description: '§4 (2): enrolled at all three universities' }) admittedToMasterExamination!: boolean;
  @Field(() => StudentStatus) status!: StudentStatus;
}
