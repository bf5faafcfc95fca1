import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ConsortiumContext } from '../../context.js';
import { Student } from '../students/student.entity.js';
import { OverallGrade, Progression } from './progression.types.js';
import { progressionOf, requireAllRecords } from './progression.service.js';
import { isAdmittedToMasterExamination, type Progression as EngineProgression } from '@pioneer/shared/regulations';
import { REQUIRES_UNIVERSITY_RECORDS } from './university-record.types.js';
import { recordReader } from '../../access.js';
import { AUTHENTICATED } from '@pioneer/shared/federation';

/**
 * One engine run per student and request: `progression` and `overallGrade` share it (a dashboard
 * asks for both). A missing source rejects once, for both fields. The current thesis attempt and
 * an exclusion by the Academic Committee (§20) come from one batched statement per page.
 */
function progressionFor(student: Student, ctx: ConsortiumContext): Promise<EngineProgression> {
  let computed = ctx.progressions.get(student);
  if (!computed) {
    computed = (async () => {
      const facts = await ctx.loaders.progressionFacts.load(student.id);
      return progressionOf(student, facts.thesis, facts.excluded);
    })();
    ctx.progressions.set(student, computed);
  }
  return computed;
}

const REQUIRES = `@requires(fields: "${REQUIRES_UNIVERSITY_RECORDS}")`;

/**
 * Fields computed from the universities' records, which the gateway's query plan fetches from
 * the three university subgraphs and passes here (`@requires` on Student). Nothing is read from
 * another subgraph's database.
 */
@Resolver(() => Student)
export class ProgressionResolver {
  @FieldResolver(() => Progression, { nullable: true })
  @Directive(REQUIRES)
  @Directive(AUTHENTICATED)
  async progression(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<Progression> {
    recordReader(ctx, student.id);
    const p = await progressionFor(student, ctx);
    const records = requireAllRecords(student);
    return {
      ...p,
      admittedToMasterExamination: isAdmittedToMasterExamination({ LEUVEN: records.LEUVEN.enrolled, MUENSTER: records.MUENSTER.enrolled, TTU: records.TTU.enrolled }),
      creditsByUniversity: Object.entries(p.creditsByUniversity).map(([university, credits]) => ({ university: university as never, credits })),
      creditsBySemester: Object.entries(p.creditsBySemester).map(([semester, credits]) => ({ semester: Number(semester), credits })),
    };
  }

  /** §16 (4): only when the master's examination is passed (every course and the thesis complete). */
  @FieldResolver(() => OverallGrade, { nullable: true })
  @Directive(REQUIRES)
  @Directive(AUTHENTICATED)
  async overallGrade(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<OverallGrade | null> {
    recordReader(ctx, student.id);
    const p = await progressionFor(student, ctx);
    return p.overall ? { points: p.overall.points, grade: p.overall.grade, label: p.overall.label } : null;
  }
}
