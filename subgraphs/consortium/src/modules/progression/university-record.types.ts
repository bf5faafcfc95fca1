import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { CourseState, University } from '@pioneer/shared/graphql';

/**
 * The part of the universities' `UniversityRecord` / `CourseResult` the consortium needs. Names
 * match the university subgraphs' types (federation merges them); only these fields are
 * requested through @requires.
 */
@ObjectType('CourseResult')
@Directive('@shareable')
export class CourseResultInput {
  @Field(() => String) code!: string;
  @Field(() => Int) credits!: number;
  @Field(() => Int) overallWeight!: number;
  @Field(() => CourseState) state!: CourseState;
  @Field(() => Int, { nullable: true }) score!: number | null;
}

@ObjectType('UnreadableRecord')
@Directive('@shareable')
export class UnreadableRecordInput {
  @Field(() => String) rule!: string;
  @Field(() => String) courseCode!: string;
  @Field(() => String) message!: string;
}

@ObjectType('UniversityRecord')
@Directive('@shareable')
export class UniversityRecordInput {
  @Field(() => University) university!: University;
  @Field(() => Boolean) enrolled!: boolean;
  @Field(() => [CourseResultInput]) courses!: CourseResultInput[];
  /** Absent (Rust planner) or null when the record is readable. */
  @Field(() => UnreadableRecordInput, { nullable: true }) unreadable?: UnreadableRecordInput | null;
}

/**
 * The selection the consortium @requires from each university: one string, used in every
 * @requires, and only what the rules read. Every course record crosses the hub twice (university →
 * gateway → consortium), for every student of a page: a course's university and semester are its
 * record's (§7 (1); the university subgraph sets them from its profile), so they do not travel;
 * and the course's `state` is the one word the progression rules need of its outcome (§8 (2)
 * completed, §13 recognised, §15 (4) permanently failed, a failed attempt with a retake left,
 * started at all), where five flags used to travel: a page of 500 moved about 45 % fewer bytes
 * and a tenth less CPU over the hub (docs/benchmarks.md, issue 16).
 */
const COURSE_FIELDS = 'code credits overallWeight state score';
const RECORD_FIELDS = `university enrolled unreadable { rule courseCode message } courses { ${COURSE_FIELDS} }`;
export const REQUIRES_UNIVERSITY_RECORDS = `leuven { ${RECORD_FIELDS} } muenster { ${RECORD_FIELDS} } ttu { ${RECORD_FIELDS} }`;

/**
 * A university record as it arrives in a representation, with every field the consortium reads
 * present. A query planner may leave `null` fields out of the representations it sends for
 * @requires (the Rust planner does): absent means null, and it is made so here, once, before any
 * rule reads the record (a `score` left out is not "not an integer", it is "no score yet").
 */
export function recordFromRepresentation(raw: unknown): UniversityRecordInput | null {
  if (raw === null || raw === undefined || typeof raw !== 'object') return null;
  const record = raw as Partial<UniversityRecordInput>;
  return {
    ...(record as UniversityRecordInput),
    courses: Array.isArray(record.courses) ? record.courses.map((c) => ({ ...c, score: c?.score ?? null })) : [],
  };
}
