import { isStudentId } from '../federation/ids.js';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/codes.js';

/** The three universities, by the short names used in scopes and subgraph names. */
export const UNIVERSITIES = ['leuven', 'muenster', 'ttu'] as const;
export type UniversityKey = (typeof UNIVERSITIES)[number];

/**
 * What a token may carry in its `scope` claim (space-separated, as OAuth 2.0 has it). The gateway
 * checks the same scopes in `@requiresScopes`; the subgraphs check them again, together with the
 * rules a scope cannot express (a student sees only their own record).
 *
 * - `<university>:staff`  staff of that university, read-only
 * - `<university>:office` its examinations office: records its own data (implies staff)
 * - `committee`           member of the Academic Committee (§5)
 * - `examiner`            examiner of theses (§11 (1), §12): the token's `name` is the name under
 *                         which the Academic Committee appointed them
 * - `student`             a student; the token's subject is the student id
 * - `record-reader`       a service reading the federated record for a decision it was asked to
 *                         take (the consortium's own identity; read-only, no personal data)
 */
export const SCOPES = {
  committee: 'committee',
  examiner: 'examiner',
  student: 'student',
  recordReader: 'record-reader',
  staff: (u: UniversityKey) => `${u}:staff`,
  office: (u: UniversityKey) => `${u}:office`,
} as const;

const KNOWN_SCOPES = new Set<string>([SCOPES.committee, SCOPES.examiner, SCOPES.student, SCOPES.recordReader, ...UNIVERSITIES.flatMap((u) => [SCOPES.staff(u), SCOPES.office(u)])]);

export interface Principal {
  /** The token's subject: a staff or examiner identifier, or for a student the student id. */
  subject: string;
  /** A display name (examiners are matched by it against the Defence Committee, §11 (1)). */
  name: string;
  scopes: ReadonlySet<string>;
}

/**
 * The principal a verified token's claims describe. Unknown scopes are ignored (a token may be
 * issued for other systems too); a student scope whose subject is not a student id is refused,
 * since every student rule compares the subject with a student id.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.length === 0 || subject.length > 200) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The token has no valid subject');
  }
  const raw = claims.scope;
  const listed = typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  const scopes = new Set(listed.filter((s) => KNOWN_SCOPES.has(s)));
  if (scopes.has(SCOPES.student) && !isStudentId(subject)) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'A student token must name the student id as its subject');
  }
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : subject;
  return { subject, name, scopes };
}

/** The roles a principal acts in, for the audit trail ("committee leuven:office"). */
export function rolesOf(p: Principal | null): string {
  return p ? [...p.scopes].sort().join(' ') || 'none' : 'anonymous';
}
