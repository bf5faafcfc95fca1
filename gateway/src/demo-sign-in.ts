/**
 * The demo identity provider's sign-in for the web app (development and test only): the gateway
 * host mints a token for a chosen role and person with the demo key the hub was given
 * (DEMO_TOKEN_KEY), exactly as `npm run token` does. Configuration refuses the key in production
 * (config.ts), and without it these routes answer 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tokenIssuer, type TokenIssuer } from '@pioneer/shared/auth';
import { ErrorCode } from '@pioneer/shared/errors';
import type { JWK } from 'jose';
import { DEMO_AUDIENCE, DEMO_ISSUER, DEMO_ROLES, isDemoRole } from '../../scripts/lib/tokens.js';

type Execute = (body: string, headers: Record<string, string>) => Promise<Response>;

const ROLE_LABELS: { role: keyof typeof DEMO_ROLES; label: string; needs: 'student' | 'examiner' | null }[] = [
  { role: 'committee', label: 'Academic Committee', needs: null },
  { role: 'leuven-office', label: 'KU Leuven examinations office', needs: null },
  { role: 'muenster-office', label: 'Münster examinations office', needs: null },
  { role: 'ttu-office', label: 'TalTech examinations office', needs: null },
  { role: 'leuven-staff', label: 'KU Leuven staff (read-only)', needs: null },
  { role: 'muenster-staff', label: 'Münster staff (read-only)', needs: null },
  { role: 'ttu-staff', label: 'TalTech staff (read-only)', needs: null },
  { role: 'student', label: 'Student', needs: 'student' },
  { role: 'examiner', label: 'Thesis examiner', needs: 'examiner' },
  { role: 'coordinator', label: 'Local Coordinator (committee and all offices)', needs: null },
];

/** Longest and shortest lifetime a demo token may be asked for, in seconds (8 h, as `npm run token`). */
const MAX_TTL = 8 * 3600;
const MAX_BODY = 4096;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}
const refuse = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { errors: [{ message, extensions: { code } }] });

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function createDemoSignIn(key: JWK, execute: Execute) {
  let issuer: Promise<TokenIssuer> | null = null;
  const getIssuer = () => (issuer ??= tokenIssuer(key, DEMO_ISSUER, DEMO_AUDIENCE));

  /** Who can be picked: the students (read as the committee through the gateway) and the examiners appointed. */
  async function people(res: ServerResponse): Promise<void> {
    const token = await (await getIssuer()).mint({ ...DEMO_ROLES.committee(), name: 'demo sign-in page' }, { expiresIn: '1m' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const students: { id: string; name: string; cohort: number }[] = [];
    let examiners: string[] = [];
    try {
      for (let offset = 0; ; offset += 500) {
        const r = (await (await execute(JSON.stringify({ query: 'query($o: Int!) { students(offset: $o, limit: 500) { total items { id givenName familyName cohort } } defenceCommittees { members { name } } }', variables: { o: offset } }), headers)).json()) as any;
        if (!r.data) throw new Error(r.errors?.[0]?.message ?? 'no data');
        students.push(...r.data.students.items.map((s: any) => ({ id: s.id, name: `${s.givenName} ${s.familyName}`, cohort: s.cohort })));
        examiners = [...new Set<string>(r.data.defenceCommittees.flatMap((c: any) => c.members.map((m: any) => m.name)))].sort();
        if (offset + 500 >= r.data.students.total) break;
      }
    } catch {
      return refuse(res, 503, ErrorCode.SOURCE_UNAVAILABLE, 'The list of demo people could not be read from the hub');
    }
    students.sort((a, b) => a.name.localeCompare(b.name));
    send(res, 200, { roles: ROLE_LABELS, students, examiners: examiners.length ? examiners : ['Prof. Dr. Joep Crompvoets'] });
  }

  async function mint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A JSON body: another site's page cannot send one without a CORS preflight, which is refused.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, ErrorCode.BAD_USER_INPUT, 'Send the role as JSON');
    let body: any;
    try {
      body = await readJson(req);
    } catch {
      return refuse(res, 400, ErrorCode.BAD_USER_INPUT, 'The request body is not JSON of at most 4 KB');
    }
    const role = body?.role;
    if (typeof role !== 'string' || !isDemoRole(role)) return refuse(res, 400, ErrorCode.BAD_USER_INPUT, `Unknown role; one of ${Object.keys(DEMO_ROLES).join(', ')}`);
    const arg = body.arg;
    if (arg !== undefined && (typeof arg !== 'string' || arg.length === 0 || arg.length > 200)) return refuse(res, 400, ErrorCode.BAD_USER_INPUT, 'The person must be a non-empty string of at most 200 characters');
    const ttl = body.ttlSeconds ?? MAX_TTL;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL) return refuse(res, 400, ErrorCode.BAD_USER_INPUT, `ttlSeconds must be 1-${MAX_TTL}`);
    let claims;
    try {
      claims = DEMO_ROLES[role](arg);
    } catch (e) {
      return refuse(res, 400, ErrorCode.BAD_USER_INPUT, e instanceof Error ? e.message : 'Bad role argument');
    }
    const token = await (await getIssuer()).mint(claims, { expiresIn: `${ttl}s` });
    send(res, 200, { token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() });
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/auth/demo/people' && req.method === 'GET') return people(res);
    if (path === '/auth/demo/token' && req.method === 'POST') return mint(req, res);
    return refuse(res, 404, ErrorCode.NOT_FOUND, 'Not found');
  };
}
