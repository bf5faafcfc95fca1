import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { DomainError } from '@pioneer/shared/errors';
import { elmoTranscript, signedElmoTranscript, TARTU, tartuIdentity, type ElmoFixture } from '../../../../../test/support/elmo.js';
import { createDemoIdentityPem, parseIdentityPem } from '../documents/signing/signing-identity.js';
import { signElmo } from '../documents/signing/elmo-signature.js';
import { MAX_ELMO_BYTES, readElmo } from './elmo.reader.js';
import { inTurn, MAX_CONCURRENT_VALIDATIONS } from './elmo.schema.js';
import { sameLearner } from './learner-match.js';

const MARI: ElmoFixture = {
  givenNames: 'Mari',
  familyName: 'Tamm',
  dateOfBirth: '1999-04-01',
  institution: TARTU,
  courses: [
    { code: 'LTAT.05.003', title: 'Software Engineering', credits: '6', grade: 'A', date: '2025-01-20' },
    { code: 'MJRI.01.005', title: 'E-Governance & Digital Public Services', credits: '7.5', grade: 'B', date: '2025-06-10' },
    { code: 'LTAT.00.001', title: 'Thesis seminar', credits: '3', grade: 'F', date: '2025-06-12', status: 'failed' },
  ],
};

const bytes = (xml: string) => Buffer.from(xml, 'utf8');

/** The code and details of the DomainError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> | undefined }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, details: e.details as Record<string, unknown> | undefined };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('reading an ELMO file for recognition (§13 (2))', () => {
  it('reads an unsigned transcript: its learning opportunities with credits, grades, dates, issuer and country; marked unsigned', async () => {
    const xml = elmoTranscript(MARI);
    const r = await readElmo(bytes(xml));
    expect(r.signer).toBeNull();
    expect(r.sha256).toBe(createHash('sha256').update(xml).digest('hex'));
    expect(r.size).toBe(Buffer.byteLength(xml));
    expect(r.learner).toEqual({ givenNames: 'Mari', familyName: 'Tamm', dateOfBirth: '1999-04-01' });
    expect(r.learningOpportunities.map((l) => [l.key, l.code, l.title, l.credits, l.resultLabel, l.status, l.date, l.institution, l.country])).toEqual([
      ['1.1', 'LTAT.05.003', 'Software Engineering', '6', 'A', 'passed', '2025-01-20', 'University of Tartu', 'EE'],
      ['1.2', 'MJRI.01.005', 'E-Governance & Digital Public Services', '7.5', 'B', 'passed', '2025-06-10', 'University of Tartu', 'EE'],
      ['1.3', 'LTAT.00.001', 'Thesis seminar', '3', 'F', 'failed', '2025-06-12', 'University of Tartu', 'EE'],
    ]);
    expect(r.learningOpportunities[0]!.gradingScheme).toContain('A (excellent)');
  });

  it('verifies a signed transcript and reports the signer certificate’s subject', async () => {
    const r = await readElmo(bytes(signedElmoTranscript(MARI)));
    expect(r.signer).toMatchObject({ subject: 'CN=EMREX contact point (test), O=University of Tartu, C=EE', certificateSha256: tartuIdentity().certificateSha256 });
    expect(r.learningOpportunities).toHaveLength(3);
  });

  it('also accepts a byte order mark', async () => {
    const r = await readElmo(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(elmoTranscript(MARI))]));
    expect(r.learningOpportunities).toHaveLength(3);
  });

  it('refuses a file changed after signing: credits, a grade, a failed course made passed', async () => {
    const signed = signedElmoTranscript(MARI);
    for (const tampered of [
      signed.replace('<value>6</value>', '<value>30</value>'),
      signed.replace('<resultLabel>B</resultLabel>', '<resultLabel>A</resultLabel>'),
      signed.replace('<status>failed</status>', '<status>passed</status>'),
    ]) {
      expect(tampered).not.toBe(signed);
      expect(await refusal(readElmo(bytes(tampered)))).toMatchObject({ code: 'ELMO_SIGNATURE_INVALID', details: { reason: 'MISMATCH' } });
    }
  });

  it('refuses a signature made with another key than the certificate it shows', async () => {
    const forger = parseIdentityPem(createDemoIdentityPem());
    const forged = signElmo(elmoTranscript(MARI), forger);
    const shown = forged.replace(/<ds:X509Certificate>[^<]+<\/ds:X509Certificate>/, `<ds:X509Certificate>${tartuIdentity().certificateDer.toString('base64')}</ds:X509Certificate>`);
    expect(shown).not.toBe(forged);
    expect((await refusal(readElmo(bytes(shown)))).code).toBe('ELMO_SIGNATURE_INVALID');
  });

  it('refuses a signature with SHA-1, however valid', async () => {
    const sha1 = new SignedXml({ privateKey: tartuIdentity().privateKeyPem, publicCert: tartuIdentity().certificatePem, signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
    sha1.addReference({ xpath: '/*', transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1', isEmptyUri: true });
    sha1.computeSignature(elmoTranscript(MARI), { prefix: 'ds', location: { reference: '/*', action: 'append' } });
    expect(await refusal(readElmo(bytes(sha1.getSignedXml())))).toMatchObject({ code: 'ELMO_SIGNATURE_INVALID', details: { reason: 'ALGORITHM' } });
  });

  it('refuses signature wrapping: a genuine signature moved off the document element does not vouch for other content', async () => {
    const genuine = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signedElmoTranscript(MARI))![0];
    const forgedCourses = elmoTranscript({ ...MARI, courses: [{ code: 'FAKE.1', title: 'Everything', credits: '60', grade: 'A', date: '2025-01-20' }] });
    // ELMO's <extension> takes elements of other namespaces (XML-DSig is one), so the schema alone lets this through.
    const wrapped = forgedCourses.replace('</elmo>', `<extension>${genuine}</extension></elmo>`);
    expect(await refusal(readElmo(bytes(wrapped)))).toMatchObject({ code: 'ELMO_SIGNATURE_INVALID', details: { reason: 'NOT_ENVELOPED' } });
    // A second signature next to the genuine one.
    const twice = signedElmoTranscript(MARI).replace('<ds:Signature', `<extension>${genuine}</extension><ds:Signature`);
    expect(await refusal(readElmo(bytes(twice)))).toMatchObject({ code: 'ELMO_SIGNATURE_INVALID', details: { reason: 'SIGNATURE_COUNT' } });
  });

  it('reads what was signed, not comments added afterwards', async () => {
    const signed = signedElmoTranscript(MARI).replace('<title xml:lang="en">Software Engineering</title>', '<title xml:lang="en">Software Engineering<!-- and Advanced Algorithms --></title>');
    const r = await readElmo(bytes(signed));
    expect(r.learningOpportunities[0]!.title).toBe('Software Engineering');
  });

  it('refuses a DOCTYPE with entities before parsing (XXE, entity expansion)', async () => {
    const xxe = elmoTranscript(MARI).replace('<elmo ', '<!DOCTYPE elmo [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<elmo ').replace('Tamm', '&secret;');
    expect((await refusal(readElmo(bytes(xxe)))).code).toBe('ELMO_DOCTYPE_FORBIDDEN');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><elmo>&lol2;</elmo>`;
    expect((await refusal(readElmo(bytes(laughs)))).code).toBe('ELMO_DOCTYPE_FORBIDDEN');
  });

  it('refuses what is not XML, not UTF-8, too large, or not valid against the ELMO schema, each with its code', async () => {
    expect((await refusal(readElmo(bytes('Transcript of records: Mari Tamm, 6 ECTS')))).code).toBe('ELMO_NOT_XML');
    expect(await refusal(readElmo(bytes(elmoTranscript(MARI).replace('</learner>', '</learner-x>'))))).toMatchObject({ code: 'ELMO_NOT_XML' });
    expect(await refusal(readElmo(Buffer.from('<elmo>Tartu \xe9</elmo>', 'latin1')))).toMatchObject({ code: 'ELMO_NOT_XML', details: { reason: 'NOT_UTF8' } });
    expect(await refusal(readElmo(Buffer.alloc(MAX_ELMO_BYTES + 1, 0x20)))).toMatchObject({ code: 'ELMO_TOO_LARGE', details: { maxBytes: MAX_ELMO_BYTES } });
    const invalid = await refusal(readElmo(bytes(elmoTranscript(MARI).replace(/<familyName>.*<\/familyName>/, ''))));
    expect(invalid.code).toBe('ELMO_SCHEMA_INVALID');
    expect((invalid.details!.errors as { line: number; message: string }[])[0]).toMatchObject({ line: 8, message: expect.stringContaining('familyName') });
  });

  it('matches the file’s learner with the student by family name (accents and case aside) and date of birth', () => {
    expect(sameLearner({ givenNames: 'Jürgen', familyName: 'MÜLLER-Lüdenscheidt', dateOfBirth: '1998-02-03' }, { familyName: 'Muller Ludenscheidt', dateOfBirth: '1998-02-03' })).toBe(true);
    expect(sameLearner({ givenNames: 'Jürgen', familyName: 'Müller', dateOfBirth: '1998-02-04' }, { familyName: 'Müller', dateOfBirth: '1998-02-03' })).toBe(false);
    expect(sameLearner({ givenNames: 'Jürgen', familyName: 'Meier', dateOfBirth: null }, { familyName: 'Müller', dateOfBirth: '1998-02-03' })).toBe(false);
  });
});

describe('schema validation: each in a worker thread, a bounded number at once', () => {
  it('eight files read at once all come back, each with its own content', async () => {
    const readings = await Promise.all(Array.from({ length: 8 }, (_, i) => readElmo(bytes(elmoTranscript({ ...MARI, givenNames: `Mari ${i}` })))));
    expect(readings.map((r) => r.learner.givenNames)).toEqual(Array.from({ length: 8 }, (_, i) => `Mari ${i}`));
  });

  it(`never more than ${MAX_CONCURRENT_VALIDATIONS} run at once; the others wait their turn, in order`, async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      inTurn(async () => {
        running += 1;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return i;
      }),
    );
    // Release whatever is running until all six have had their turn.
    while (order.length < 6 || releases.length) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([most, order]).toEqual([MAX_CONCURRENT_VALIDATIONS, [0, 1, 2, 3, 4, 5]]);
  });
});
