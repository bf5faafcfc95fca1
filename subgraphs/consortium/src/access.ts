import {
  canReadCohorts,
  canReadPersonalData,
  canReadRecognitionSources,
  canReadStudentRecord,
  canReadThesis,
  isCommittee,
  requireAccess,
  requirePrincipal,
  type Principal,
  type ThesisExaminers,
} from '@pioneer/shared/auth';
import { isStudentId, isUuid } from '@pioneer/shared/federation';
import type { ConsortiumContext } from './context.js';
import { Thesis } from './modules/thesis/thesis.entity.js';

/**
 * The consortium's access rules (docs/security.md). Each is checked before anything is looked
 * up for a caller who may not see it, so a refusal never tells whether the thing exists.
 */

export const signedIn = (ctx: ConsortiumContext): Principal => requirePrincipal(ctx.principal);

export const committeeMember = (ctx: ConsortiumContext, what: string): Principal => requireAccess(ctx.principal, isCommittee, `${what} is for the Academic Committee`);

export const cohortReader = (ctx: ConsortiumContext): Principal => requireAccess(ctx.principal, canReadCohorts, 'cohort lists and dashboards are for the Academic Committee and university staff');

export const recognitionSourceReader = (ctx: ConsortiumContext): Principal =>
  requireAccess(ctx.principal, canReadRecognitionSources, 'ELMO files on record are for the Academic Committee and the universities’ staff');

export const recordReader = (ctx: ConsortiumContext, studentId: string): Principal =>
  requireAccess(ctx.principal, (p) => canReadStudentRecord(p, studentId), "a student's record is for the student, the staff of the three universities and the Academic Committee");

export const personalDataReader = (ctx: ConsortiumContext, studentId: string): Principal =>
  requireAccess(ctx.principal, (p) => canReadPersonalData(p, studentId), 'date and place of birth are for the student, the staff of the three universities and the Academic Committee');

export function examinersOf(thesis: Thesis): ThesisExaminers {
  return { supervisor: thesis.supervisor, defenceCommittee: thesis.defenceCommittee?.members?.map((m) => m.name) ?? [] };
}

/** Who may see a student at all (name, thesis): record readers, and examiners of one of their theses. */
export async function studentVisible(ctx: ConsortiumContext, studentId: string): Promise<Principal> {
  const p = requirePrincipal(ctx.principal);
  if (canReadStudentRecord(p, studentId)) return p;
  const theses = isStudentId(studentId) ? await ctx.loaders.theses.load(studentId) : [];
  return requireAccess(p, (q) => canReadThesis(q, studentId, theses.map(examinersOf)), 'this student is not yours to see');
}

/**
 * For a mutation on one thesis: the thesis's facts when the caller passes `allowed`. Not found
 * (or not an id) is answered as UNKNOWN_THESIS by the service only for the committee; anyone else
 * hears FORBIDDEN.
 */
export async function thesisAccess(
  ctx: ConsortiumContext,
  thesisId: string,
  allowed: (p: Principal, facts: { studentId: string } & ThesisExaminers) => boolean,
  what: string,
): Promise<Principal> {
  const p = requirePrincipal(ctx.principal);
  if (isCommittee(p)) return p;
  const thesis = isUuid(thesisId) ? await ctx.em.findOne(Thesis, { id: thesisId }, { populate: ['defenceCommittee'] }) : null;
  return requireAccess(p, (q) => thesis !== null && allowed(q, { studentId: thesis.student.id, ...examinersOf(thesis) }), what);
}
