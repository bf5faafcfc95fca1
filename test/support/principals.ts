import { principalFromClaims, type Principal } from '@pioneer/shared/auth';

/**
 * A Local Coordinator who sits on the Academic Committee and works in all three examinations
 * offices: the in-process subgraph tests act as them where the test is not about access.
 */
export const COORDINATOR: Principal = principalFromClaims({ sub: 'coordinator', name: 'Test Coordinator', scope: 'committee leuven:office muenster:office ttu:office' });

/** A context factory bound to one principal (no forwarded token in in-process tests). */
export function actingAs<C>(factory: (principal: Principal | null, authorization: string | null) => C, principal: Principal | null = COORDINATOR): () => C {
  return () => factory(principal, null);
}
