import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ConsortiumContext } from '../../context.js';
import { Student } from '../students/student.entity.js';
import { DecisionKind } from '../thesis/committee-decision.entity.js';
import { OverallGrade, Progression } from './progression.types.js';
import { progressionOf, requireAllRecords } from './progression.service.js';
import { isAdmittedToMasterExamination, type Progression as EngineProgression } from '@pioneer/shared/regulations';
import { REQUIRES_UNIVERSITY_RECORDS } from './university-record.types.js';

/** §20: an exclusion by the Academic Committee makes the master's examination permanently failed. */
async function isExcluded(student: Student, ctx: ConsortiumContext): Promise<boolean> {
  return (await ctx.loaders.decisions.load(student.id)).some((d) => d.kind === DecisionKind.EXCLUSION);
}

/**
 * One engine run per student and request: `progression` and `overallGrade` share it (a dashboard
 * asks for both). A missing source rejects once, for both fields.
 */
function progressionFor(student: Student, ctx: ConsortiumContext): Promise<EngineProgression> {
  let computed = ctx.progressions.get(student);
  if (!computed) {
    computed = (async () => progressionOf(student, await ctx.loaders.theses.load(student.id), await isExcluded(student, ctx)))();
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
  async progression(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<Progression> {
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
  async overallGrade(@Root() student: Student, @Ctx() ctx: ConsortiumContext): Promise<OverallGrade | null> {
    const p = await progressionFor(student, ctx);
    return p.overall ? { points: p.overall.points, grade: p.overall.grade, label: p.overall.label } : null;
  }
}
