/**
 * The signed-in person: a bearer token kept for this browser tab only (sessionStorage), its
 * claims read for display and routing. The token is never trusted here for access: the gateway
 * and the subgraphs verify it on every request.
 */
export interface Claims {
  sub: string;
  name?: string;
  scope: string;
  exp: number;
}

export type University = 'leuven' | 'muenster' | 'ttu';
export const UNIVERSITIES: readonly University[] = ['leuven', 'muenster', 'ttu'];

export interface Session {
  token: string;
  claims: Claims;
  scopes: Set<string>;
}

const TOKEN_KEY = 'pioneer.token';
const NOTICE_KEY = 'pioneer.notice';

function decodePart(part: string): unknown {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a JWT, or null when it is not one. */
export function readClaims(token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = decodePart(parts[1]!) as Partial<Claims>;
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    return { sub: claims.sub, name: claims.name, scope: typeof claims.scope === 'string' ? claims.scope : '', exp: claims.exp };
  } catch {
    return null;
  }
}

export function isExpired(claims: Claims, now = Date.now()): boolean {
  return claims.exp * 1000 <= now;
}

export function currentSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = readClaims(token);
  if (!claims || isExpired(claims)) {
    endSession('Your session has expired. Please sign in again.');
    return null;
  }
  return { token, claims, scopes: new Set(claims.scope.split(/\s+/).filter(Boolean)) };
}

const listeners = new Set<() => void>();
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const changed = () => listeners.forEach((l) => l());

export function startSession(token: string): Session {
  const claims = readClaims(token);
  if (!claims) throw new Error('The identity provider returned something that is not a token.');
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.removeItem(NOTICE_KEY);
  changed();
  return currentSession()!;
}

/** Signs out; `notice` is shown on the sign-in page (why the person is back there). */
export function endSession(notice?: string): void {
  const had = sessionStorage.getItem(TOKEN_KEY) !== null;
  sessionStorage.removeItem(TOKEN_KEY);
  if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
  if (had) changed();
}

export function takeNotice(): string | null {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return notice;
}

/** What the person may open, from their scopes (the API decides what they actually get). */
export function rolesOf(session: Session) {
  const s = session.scopes;
  const offices = UNIVERSITIES.filter((u) => s.has(`${u}:office`));
  const staffOf = UNIVERSITIES.filter((u) => s.has(`${u}:office`) || s.has(`${u}:staff`));
  return {
    committee: s.has('committee'),
    student: s.has('student'),
    examiner: s.has('examiner'),
    offices,
    staffOf,
    readsCohorts: s.has('committee') || staffOf.length > 0,
  };
}

export function homeOf(session: Session): string {
  const roles = rolesOf(session);
  if (roles.committee) return '/dashboard';
  if (roles.staffOf.length) return `/office/${roles.staffOf[0]}`;
  if (roles.student) return `/students/${encodeURIComponent(session.claims.sub)}`;
  // Roles without a screen of their own (a thesis examiner): a page that says so.
  return '/nothing';
}
