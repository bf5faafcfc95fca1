import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/codes.js';
import type { Principal } from './principal.js';

/** The signed-in principal, or UNAUTHENTICATED: every operation of the hub needs one. */
export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in: this operation needs a bearer token');
  return principal;
}

/**
 * Refuses with FORBIDDEN unless `allowed`. The message says what is needed, never whether the
 * thing asked about exists.
 */
export function requireAccess(principal: Principal | null, allowed: (p: Principal) => boolean, what: string): Principal {
  const p = requirePrincipal(principal);
  if (!allowed(p)) throw new DomainError(ErrorCode.FORBIDDEN, `Not allowed: ${what}`);
  return p;
}
