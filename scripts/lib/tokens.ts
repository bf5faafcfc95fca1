/**
 * The demo's identity provider: one ES256 key pair (kept in .data/auth so tokens minted by
 * `npm run token` work against the running hub) and a token per role. A deployment uses its own
 * provider and gives the hub only the public keys (AUTH_JWKS).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateSigningJwk, tokenIssuer, type TokenClaims, type TokenIssuer } from '@pioneer/shared/auth';
import type { JWK } from 'jose';

export const DEMO_ISSUER = 'pioneer-hub';
export const DEMO_AUDIENCE = 'pioneer-hub';

/** One preset per role; `student` and `examiner` take the student id / examiner name. */
export const DEMO_ROLES = {
  committee: () => ({ sub: 'ac-chair', name: 'Chair of the Academic Committee', scope: 'committee' }),
  'leuven-office': () => ({ sub: 'leuven-office', name: 'KU Leuven examinations office', scope: 'leuven:staff leuven:office' }),
  'leuven-staff': () => ({ sub: 'leuven-staff', name: 'KU Leuven staff', scope: 'leuven:staff' }),
  'muenster-office': () => ({ sub: 'muenster-office', name: 'Münster examinations office', scope: 'muenster:staff muenster:office' }),
  'muenster-staff': () => ({ sub: 'muenster-staff', name: 'Münster staff', scope: 'muenster:staff' }),
  'ttu-office': () => ({ sub: 'ttu-office', name: 'TalTech examinations office', scope: 'ttu:staff ttu:office' }),
  'ttu-staff': () => ({ sub: 'ttu-staff', name: 'TalTech staff', scope: 'ttu:staff' }),
  examiner: (name = 'Prof. Dr. Joep Crompvoets') => ({ sub: `examiner:${name}`, name, scope: 'examiner' }),
  student: (studentId?: string) => {
    if (!studentId) throw new Error('a student token needs the student id: npm run token -- student <id>');
    return { sub: studentId, name: 'Student', scope: 'student' };
  },
  /** A Local Coordinator on the Academic Committee who also works in all three offices (tests, demos). */
  coordinator: () => ({ sub: 'coordinator', name: 'Local Coordinator', scope: 'committee leuven:office muenster:office ttu:office' }),
} satisfies Record<string, (arg?: string) => TokenClaims>;

export type DemoRole = keyof typeof DEMO_ROLES;

export function isDemoRole(role: string): role is DemoRole {
  return Object.hasOwn(DEMO_ROLES, role);
}

/** The demo key pair at `path`, made on first use (a private JWK; the directory is git-ignored). */
export async function loadOrCreateSigningKey(path: string): Promise<JWK> {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as JWK;
  const jwk = await generateSigningJwk();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

export function demoIssuer(jwk: JWK): Promise<TokenIssuer> {
  return tokenIssuer(jwk, DEMO_ISSUER, DEMO_AUDIENCE);
}

export async function mintDemoToken(issuer: TokenIssuer, role: DemoRole, arg?: string): Promise<string> {
  return issuer.mint(DEMO_ROLES[role](arg));
}
