import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CourseState, ResultLabel, University } from '@pioneer/shared/graphql';

/**
 * The part of the universities' `UniversityRecord` / `CourseResult` the consortium needs. Names
 * match the university subgraphs' types (federation merges them); only these fields are
 * requested through @requires.
 */
@ObjectType('CourseResult')
@Directive('@shareable')
export class CourseResultInput {
  @Field(() => University) university!: University;
  @Field(() => String) code!: string;
  @Field(() => Int) semester!: number;
  @Field(() => Int) credits!: number;
  @Field(() => Int) overallWeight!: number;
  @Field(() => CourseState) state!: CourseState;
  @Field(() => Boolean) completed!: boolean;
  @Field(() => Boolean) recognised!: boolean;
  @Field(() => Boolean) permanentlyFailed!: boolean;
  @Field(() => Int) attemptsUsed!: number;
  @Field(() => Boolean) hasFailedAttempt!: boolean;
  @Field(() => Int, { nullable: true }) score!: number | null;
  // The documents show these (documents module); progression does not need them.
  @Field(() => String) title?: string;
  @Field(() => String, { nullable: true }) localGrade?: string | null;
  @Field(() => ResultLabel, { nullable: true }) label?: ResultLabel | null;
}

@ObjectType('UniversityRecord')
@Directive('@shareable')
export class UniversityRecordInput {
  @Field(() => University) university!: University;
  @Field(() => Boolean) enrolled!: boolean;
  @Field(() => [CourseResultInput]) courses!: CourseResultInput[];
  @Field(() => String) universityName?: string;
  @Field(() => String, { nullable: true }) studentNumber?: string | null;
}

/** The selection the consortium @requires from each university: one string, used in every @requires. */
const COURSE_FIELDS = 'university code semester credits overallWeight state completed recognised permanentlyFailed attemptsUsed hasFailedAttempt score';
const RECORD_FIELDS = `university enrolled courses { ${COURSE_FIELDS} }`;
export const REQUIRES_UNIVERSITY_RECORDS = `leuven { ${RECORD_FIELDS} } muenster { ${RECORD_FIELDS} } ttu { ${RECORD_FIELDS} }`;

/** What the documents @require: the same records with the fields a document prints (title, local grade, label, student number). */
const DOCUMENT_RECORD_FIELDS = `university universityName enrolled studentNumber courses { ${COURSE_FIELDS} title localGrade label }`;
export const REQUIRES_DOCUMENT_RECORDS = `leuven { ${DOCUMENT_RECORD_FIELDS} } muenster { ${DOCUMENT_RECORD_FIELDS} } ttu { ${DOCUMENT_RECORD_FIELDS} }`;
