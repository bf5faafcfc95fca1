import { principalFromClaims, type Principal } from '@pioneer/shared/auth';
import { DEMO_ROLES } from '../../scripts/lib/tokens.js';

/**
 * A Local Coordinator who sits on the Academic Committee and works in all three examinations
 * offices: the in-process subgraph tests act as them where the test is not about access.
 */
export const COORDINATOR: Principal = principalFromClaims(DEMO_ROLES.coordinator());

/** A context factory bound to one principal (no forwarded token in in-process tests). */
export function actingAs<C>(factory: (principal: Principal | null, authorization: string | null) => C, principal: Principal | null = COORDINATOR): () => C {
  return () => factory(principal, null);
}
