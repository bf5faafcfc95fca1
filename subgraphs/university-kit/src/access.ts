import { canReadUniversityOffice, canRegisterForExamination, canWriteUniversity, requireAccess, requirePrincipal, SCOPES, type Principal } from '@pioneer/shared/auth';
import { AUTHENTICATED, requiresAnyScope } from '@pioneer/shared/federation';
import type { UniversityContext } from './context.js';
import type { UniversityProfile } from './profile.js';

/**
 * The university subgraph's access rules (docs/security.md): reads of the catalogue for anyone
 * signed in; the office lists for the university's staff and the committee; every write for its
 * examinations office only (§5 (1)), a registration also for the student themself (§9).
 */

/** Anyone signed in. */
export const signedIn = (ctx: UniversityContext): Principal => requirePrincipal(ctx.principal);

export function officeReader(ctx: UniversityContext): Principal {
  return requireAccess(ctx.principal, (p) => canReadUniversityOffice(p, ctx.profile.field), `${ctx.profile.name}'s examination records are for its staff and the Academic Committee`);
}

export function officeWriter(ctx: UniversityContext): Principal {
  return requireAccess(ctx.principal, (p) => canWriteUniversity(p, ctx.profile.field), `only ${ctx.profile.name}'s examinations office records its data`);
}

export function registrant(ctx: UniversityContext, studentId: string): Principal {
  return requireAccess(ctx.principal, (p) => canRegisterForExamination(p, ctx.profile.field, studentId), `registration at ${ctx.profile.name} is for its examinations office or the student themself`);
}

/** The gateway-side twin of officeReader, as a directive on the field. */
export const officeReadScopes = (profile: UniversityProfile) => requiresAnyScope(SCOPES.staff(profile.field), SCOPES.office(profile.field), SCOPES.committee);

export { AUTHENTICATED };
