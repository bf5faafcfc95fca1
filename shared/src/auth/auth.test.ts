import fc from 'fast-check';
import { SignJWT, exportSPKI, generateKeyPair, importJWK } from "jose";
import { describe, expect, it } from 'vitest';
import { readTokenVerification } from '../config/env.js';
import {
  canAdmitStudent,
  canReadCohorts,
  canReadRecognitionSources,
  canReadPersonalData,
  canReadStudentRecord,
  canReadThesis,
  canReadUniversityOffice,
  canRecordThesisDefence,
  canRegisterForExamination,
  canWriteUniversity,
  isStaffOf,
} from './policy.js';
import { SCOPES, UNIVERSITIES, principalFromClaims, type Principal } from './principal.js';
import { createTokenVerifier, generateSigningJwk, publicJwkOf, tokenIssuer } from './tokens.js';

const STUDENT = '6f1c2f0e-3f57-4c55-9a43-2f7b3c1d0a11';
const OTHER = '0b8e8c5e-5b2f-4e0a-8f55-0b9f5b1b7c22';
const ALL_SCOPES = [SCOPES.committee, SCOPES.examiner, SCOPES.student, SCOPES.recordReader, ...UNIVERSITIES.flatMap((u) => [SCOPES.staff(u), SCOPES.office(u)])];

const principal = (scope: string, sub = 'someone', name?: string): Principal => principalFromClaims({ sub, scope, ...(name ? { name } : {}) });
const anyPrincipal = fc
  .record({ scopes: fc.subarray(ALL_SCOPES), sub: fc.constantFrom(STUDENT, OTHER, 'staff-1'), name: fc.constantFrom('Prof. A', 'Prof. B') })
  .filter(({ scopes, sub }) => !scopes.includes('student') || sub !== 'staff-1')
  .map(({ scopes, sub, name }) => principal(scopes.join(' '), sub, name));

describe('principals from token claims', () => {
  it('keeps known scopes only, and needs a subject', () => {
    expect([...principal('committee admin root leuven:office').scopes]).toEqual(['committee', 'leuven:office']);
    expect(principalFromClaims({ sub: 'x', scope: ['ttu:staff', 7] }).scopes.has('ttu:staff')).toBe(true);
    expect(() => principalFromClaims({ scope: 'committee' })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => principalFromClaims({ sub: '', scope: 'committee' })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
  });

  it('a student token must name a student id as its subject', () => {
    expect(() => principal('student', 'not-a-student-id')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(principal('student', STUDENT).subject).toBe(STUDENT);
  });
});

describe('the access rules (docs/security.md), as laws', () => {
  it('only a university’s own examinations office writes its data', () => {
    fc.assert(
      fc.property(anyPrincipal, fc.constantFrom(...UNIVERSITIES), (p, u) => {
        expect(canWriteUniversity(p, u)).toBe(p.scopes.has(`${u}:office`));
        // Office implies staff: whoever writes may read what they wrote.
        if (canWriteUniversity(p, u)) expect(canReadUniversityOffice(p, u)).toBe(true);
      }),
    );
  });

  it('a student’s record: a student sees only their own; examiners and services never see personal data', () => {
    fc.assert(
      fc.property(anyPrincipal, fc.constantFrom(STUDENT, OTHER), (p, id) => {
        const privileged = p.scopes.has('committee') || UNIVERSITIES.some((u) => isStaffOf(p, u));
        if (!privileged && !p.scopes.has('record-reader')) expect(canReadStudentRecord(p, id)).toBe(p.scopes.has('student') && p.subject === id);
        if (!privileged) expect(canReadPersonalData(p, id)).toBe(p.scopes.has('student') && p.subject === id);
        // Personal data is never wider than the record.
        if (canReadPersonalData(p, id)) expect(canReadStudentRecord(p, id)).toBe(true);
      }),
    );
  });

  it('a registration is for the office or the student themself, never for another student', () => {
    fc.assert(
      fc.property(anyPrincipal, fc.constantFrom(...UNIVERSITIES), (p, u) => {
        if (!p.scopes.has(`${u}:office`)) expect(canRegisterForExamination(p, u, OTHER)).toBe(p.scopes.has('student') && p.subject === OTHER);
      }),
    );
  });

  it('examiners: a thesis they supervise or examine, a defence only of their committee', () => {
    const examiner = principal('examiner', 'e', 'Prof. A');
    expect(canReadThesis(examiner, STUDENT, [{ supervisor: 'Prof. A', defenceCommittee: [] }])).toBe(true);
    expect(canReadThesis(examiner, STUDENT, [{ supervisor: 'Prof. B', defenceCommittee: ['Prof. A'] }])).toBe(true);
    expect(canReadThesis(examiner, STUDENT, [{ supervisor: 'Prof. B', defenceCommittee: ['Prof. C'] }])).toBe(false);
    expect(canReadPersonalData(examiner, STUDENT)).toBe(false);
    expect(canRecordThesisDefence(examiner, ['Prof. A', 'Prof. B', 'Prof. C'])).toBe(true);
    expect(canRecordThesisDefence(examiner, ['Prof. B', 'Prof. C', 'Prof. D'])).toBe(false);
    // The name alone is not the role.
    expect(canRecordThesisDefence(principal('', 'e', 'Prof. A'), ['Prof. A'])).toBe(false);
  });

  it('admission: KU Leuven’s office or the committee (§4); cohorts: committee, staff and the consortium service', () => {
    expect(canAdmitStudent(principal('leuven:office'))).toBe(true);
    expect(canAdmitStudent(principal('muenster:office ttu:office leuven:staff'))).toBe(false);
    expect(canReadCohorts(principal('record-reader'))).toBe(true);
    expect(canReadCohorts(principal('student', STUDENT))).toBe(false);
  });

  it('ELMO files on record for recognition (§13): the committee and any university’s staff or office; never students, examiners or services', () => {
    fc.assert(
      fc.property(anyPrincipal, (p) => {
        expect(canReadRecognitionSources(p)).toBe(p.scopes.has('committee') || UNIVERSITIES.some((u) => isStaffOf(p, u)));
      }),
    );
    expect(canReadRecognitionSources(principal('record-reader'))).toBe(false);
    expect(canReadRecognitionSources(principal('student', STUDENT))).toBe(false);
  });
});

describe('token verification', () => {
  const config = async (issuer = 'pioneer-hub', audience = 'pioneer-hub') => {
    const key = await generateSigningJwk();
    const minted = await tokenIssuer(key, issuer, audience);
    return { key, minted, verifier: createTokenVerifier({ keys: { jwks: minted.publicJwks }, issuer: 'pioneer-hub', audience: 'pioneer-hub' }) };
  };

  it('accepts its own tokens and turns them into principals', async () => {
    const { minted, verifier } = await config();
    const p = await verifier.authenticate(`Bearer ${await minted.mint({ sub: STUDENT, scope: 'student', name: 'Ada' })}`);
    expect(p).toMatchObject({ subject: STUDENT, name: 'Ada' });
    expect(await verifier.authenticate(undefined)).toBeNull();
  });

  it('a token verified once is remembered only until it expires', async () => {
    const { minted, verifier } = await config();
    const token = `Bearer ${await minted.mint({ sub: 'x', scope: 'committee' }, { expiresIn: '1s' })}`;
    expect((await verifier.authenticate(token))?.subject).toBe('x');
    expect((await verifier.authenticate(token))?.subject).toBe('x');
    await new Promise((r) => setTimeout(r, 2100));
    await expect(verifier.authenticate(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses wrong issuer, wrong audience, expiry, tampering, alg none and an HMAC token keyed with the public key', async () => {
    const { key, minted, verifier } = await config();
    const wrongIssuer = (await config('someone-else')).minted;
    const wrongAudience = (await config('pioneer-hub', 'other-api')).minted;
    const signWithForeignIssuer = await tokenIssuer(key, 'someone-else', 'pioneer-hub');
    const good = await minted.mint({ sub: 'x', scope: 'ttu:staff' });
    const [h, , sig] = good.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'x', scope: 'committee', iss: 'pioneer-hub', aud: 'pioneer-hub', exp: 9999999999 })).toString('base64url');
    const { d: _d, ...publicJwk } = key;
    const hmacWithPublicKey = await new SignJWT({ scope: 'committee' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('pioneer-hub')
      .setAudience('pioneer-hub')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    const bad = [
      await wrongIssuer.mint({ sub: 'x', scope: 'committee' }),
      await wrongAudience.mint({ sub: 'x', scope: 'committee' }),
      await signWithForeignIssuer.mint({ sub: 'x', scope: 'committee' }),
      await minted.mint({ sub: 'x', scope: 'committee' }, { expiresIn: '-5s' }),
      `${h}.${forgedPayload}.${sig}`,
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forgedPayload}.`,
      hmacWithPublicKey,
    ];
    for (const token of bad) await expect(verifier.authenticate(`Bearer ${token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const header of ['Bearer', 'bearer x.y.z', 'Basic abc', 'Bearer a.b', `Bearer ${'a'.repeat(9000)}.b.c`]) {
      await expect(verifier.authenticate(header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('configuration: a JWK Set or one PEM public key; private or symmetric keys are refused', async () => {
    const key = await generateSigningJwk();
    const minted = await tokenIssuer(key, 'pioneer-hub', 'pioneer-hub');
    expect(readTokenVerification({ AUTH_JWKS: JSON.stringify(minted.publicJwks) }).keys).toEqual({ jwks: minted.publicJwks });
    expect(() => readTokenVerification({ AUTH_JWKS: JSON.stringify({ keys: [key] }) })).toThrow(/public/);
    expect(() => readTokenVerification({ AUTH_JWKS: JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }) })).toThrow(/public/);
    expect(() => readTokenVerification({})).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const rsa = await generateKeyPair('RS256');
    const pem = await exportSPKI(rsa.publicKey);
    const verifier = createTokenVerifier(readTokenVerification({ AUTH_JWT_PUBLIC_KEY: pem, AUTH_JWT_ALGORITHM: 'RS256' }));
    const token = await new SignJWT({ scope: 'committee' }).setProtectedHeader({ alg: 'RS256' }).setSubject('c').setIssuer('pioneer-hub').setAudience('pioneer-hub').setIssuedAt().setExpirationTime('5m').sign(rsa.privateKey);
    expect((await verifier.authenticate(`Bearer ${token}`))?.scopes.has('committee')).toBe(true);
    expect(readTokenVerification({ AUTH_JWKS: JSON.stringify(minted.publicJwks) }).keyScopes).toEqual({ 'consortium-service': ['record-reader'] });
    expect(readTokenVerification({ AUTH_JWKS: JSON.stringify(minted.publicJwks), AUTH_KEY_SCOPES: '{"svc":["record-reader"]}' }).keyScopes).toEqual({ svc: ['record-reader'] });
    expect(() => readTokenVerification({ AUTH_JWKS: JSON.stringify(minted.publicJwks), AUTH_KEY_SCOPES: '{"svc":[]}' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  // Issue 11 item 5: the consortium's service key signs record-reader tokens and nothing else.
  it("the consortium's service key is trusted for record-reader only, with or without a kid", async () => {
    const idp = await generateSigningJwk('idp-1');
    const service = await generateSigningJwk('consortium-service');
    const fromIdp = await tokenIssuer(idp, 'pioneer-hub', 'pioneer-hub');
    const fromService = await tokenIssuer(service, 'pioneer-hub', 'pioneer-hub');
    const verifier = createTokenVerifier(readTokenVerification({ AUTH_JWKS: JSON.stringify({ keys: [...fromIdp.publicJwks.keys, ...fromService.publicJwks.keys] }) }));
    const reader = await verifier.authenticate(`Bearer ${await fromService.mint({ sub: 'service:consortium', scope: 'record-reader' }, { expiresIn: '2m' })}`);
    expect([...reader!.scopes]).toEqual(['record-reader']);
    for (const scope of ['committee', 'leuven:office', 'record-reader committee', 'examiner', '']) {
      await expect(verifier.authenticate(`Bearer ${await fromService.mint({ sub: 'anyone', scope })}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    // The same key without a kid is not found among the unbound keys.
    const { privateKey } = { privateKey: await importJWK(service, 'ES256') };
    const noKid = await new SignJWT({ scope: 'committee' }).setProtectedHeader({ alg: 'ES256' }).setSubject('x').setIssuer('pioneer-hub').setAudience('pioneer-hub').setIssuedAt().setExpirationTime('5m').sign(privateKey);
    await expect(verifier.authenticate(`Bearer ${noKid}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const otherKid = await new SignJWT({ scope: 'committee' }).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setSubject('x').setIssuer('pioneer-hub').setAudience('pioneer-hub').setIssuedAt().setExpirationTime('5m').sign(privateKey);
    await expect(verifier.authenticate(`Bearer ${otherKid}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // The identity provider's key still signs any scope.
    expect((await verifier.authenticate(`Bearer ${await fromIdp.mint({ sub: 'c', scope: 'committee' })}`))?.scopes.has('committee')).toBe(true);
  });

  it('refuses a token that lives longer than 12 hours, is issued in the future, or has no iat', async () => {
    const key = await generateSigningJwk('idp-1');
    const verifier = createTokenVerifier({ keys: { jwks: { keys: [publicJwkOf(key)] } }, issuer: 'pioneer-hub', audience: 'pioneer-hub' });
    const privateKey = await importJWK(key, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, number>) =>
      new SignJWT({ scope: 'committee', ...claims }).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setSubject('x').setIssuer('pioneer-hub').setAudience('pioneer-hub').sign(privateKey);
    const refused = [
      await sign({ iat: now, exp: now + 100 * 365 * 24 * 3600 }), // a 100-year token
      await sign({ iat: now, exp: now + 12 * 3600 + 1 }),
      await sign({ iat: now + 3600, exp: now + 7200 }), // issued in the future
      await sign({ iat: now + 120, exp: now + 600 }), // beyond the one-minute skew
      await sign({ exp: now + 600 }), // no iat
      await sign({ iat: now - 13 * 3600, exp: now + 600 }), // older than the maximum lifetime
      await sign({ iat: now, nbf: now + 3600, exp: now + 600 }), // valid only in the future
    ];
    for (const token of refused) await expect(verifier.authenticate(`Bearer ${token}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await verifier.authenticate(`Bearer ${await sign({ iat: now + 30, exp: now + 12 * 3600 })}`))?.subject).toBe('x');
    expect((await verifier.authenticate(`Bearer ${await sign({ iat: now - 30, exp: now + 8 * 3600 })}`))?.subject).toBe('x');
  });
});
