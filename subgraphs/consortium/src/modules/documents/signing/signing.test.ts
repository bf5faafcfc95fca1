import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticSnapshot } from '../../../../../../scripts/lib/synthetic-documents.js';
import { pdfsig, pdfText, validateElmo, xmlsec1Verify } from '../../../../../../test/support/documents.js';
import { renderIssuedDocument, type RenderedDocument } from '../document.render.js';
import { DocumentKind } from '../document.snapshot.js';
import { verifyElmo } from './elmo-signature.js';
import { createDemoIdentityPem, loadSigningIdentity, parseIdentityPem, type SigningIdentity } from './signing-identity.js';

/** Signed PDF (PAdES, checked by poppler's pdfsig) and signed ELMO (xml-crypto and xmlsec1), on synthetic snapshots. */
let identity: SigningIdentity;
let supplement: RenderedDocument;
let transcript: RenderedDocument;
const failed = syntheticSnapshot(8, DocumentKind.TRANSCRIPT_OF_RECORDS, { failed: true });

beforeAll(async () => {
  identity = parseIdentityPem(createDemoIdentityPem());
  supplement = await renderIssuedDocument(syntheticSnapshot(7, DocumentKind.DIPLOMA_SUPPLEMENT), identity);
  transcript = await renderIssuedDocument(failed, identity);
}, 60_000);

/** Flips one byte inside the signed content (not inside the signature itself). */
function tamper(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

describe('PAdES signature of the PDF (pdfsig)', () => {
  it('pdfsig finds one valid ETSI.CAdES.detached signature over the whole document, by the consortium’s certificate', async () => {
    const report = await pdfsig(supplement.pdf);
    expect(report, report.output).toMatchObject({ valid: true, type: 'ETSI.CAdES.detached', whole: true, signer: 'PIONEER Academic Committee document signing (demo)' });
  });

  it('a changed byte in the signed content makes pdfsig reject it', async () => {
    // Byte 200 lies in the first page objects, inside the first signed byte range.
    const report = await pdfsig(tamper(supplement.pdf, 200));
    expect(report.valid, report.output).toBe(false);
  });

  it('the signed PDF still reads: the verification address and document number are printed', async () => {
    const text = await pdfText(supplement.pdf);
    expect(text).toContain('Document number PIONEER-DS-2024-0007');
    expect(text).toContain('http://127.0.0.1:4000/verify/PIONEER-DS-2024-0007');
  });
});

describe('XML-DSig signature of the ELMO (xml-crypto and xmlsec1)', () => {
  it('is an enveloped RSA-SHA256 signature with exclusive C14N, one empty-URI reference and the certificate in KeyInfo', () => {
    const xml = supplement.xml!;
    expect(xml).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(xml).toContain('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    expect(xml.match(/<ds:Reference /g)).toHaveLength(1);
    expect(xml).toContain('<ds:Reference URI="">');
    expect(xml).toMatch(/<ds:X509Certificate>[A-Za-z0-9+/=\s]+<\/ds:X509Certificate>/);
    expect(xml.trimEnd().endsWith('</ds:Signature></elmo>')).toBe(true);
  });

  it('validates against the ELMO schema with the signature and the PDF attached', async () => {
    expect(await validateElmo(supplement.xml!)).toEqual({ valid: true, errors: [] });
    expect(await validateElmo(transcript.xml!)).toEqual({ valid: true, errors: [] });
    const attached = /<content>data:application\/pdf;base64,([^<]+)<\/content>/.exec(supplement.xml!)![1]!;
    expect(Buffer.from(attached, 'base64').equals(supplement.pdf)).toBe(true);
    expect(supplement.xml).toContain('<type>Diploma Supplement</type>');
  });

  it('xml-crypto and xmlsec1 both accept it', async () => {
    expect(verifyElmo(supplement.xml!, identity.certificatePem)).toBe(true);
    expect(await xmlsec1Verify(supplement.xml!, identity.certificatePem)).toBe(true);
    expect(verifyElmo(transcript.xml!)).toBe(true);
    expect(await xmlsec1Verify(transcript.xml!, identity.certificatePem)).toBe(true);
  });

  it('both reject a changed byte, and xml-crypto rejects another certificate', async () => {
    const changed = supplement.xml!.replace('<familyName>Østergaard-7</familyName>', '<familyName>Østergaard-8</familyName>');
    expect(changed).not.toBe(supplement.xml);
    expect(verifyElmo(changed)).toBe(false);
    expect(await xmlsec1Verify(changed, identity.certificatePem)).toBe(false);
    const other = parseIdentityPem(createDemoIdentityPem());
    expect(verifyElmo(supplement.xml!, other.certificatePem)).toBe(false);
  });
});

describe('ELMO content (issue 13, item 5)', () => {
  it('every course has its academic term and date; the failed module its fail grade; the degree is dated on the final examination', () => {
    const xml = supplement.xml!;
    expect(xml).toMatch(/<identifier type="local">LEU-[A-Z]+<\/identifier>.*?<start>2024-09-01<\/start><date>2025-01-20<\/date><academicTerm><title xml:lang="en">Winter semester 2024\/25<\/title><start>2024-09-01<\/start><end>2025-02-28<\/end><\/academicTerm>/);
    expect(xml).toMatch(/<identifier type="local">PIONEER<\/identifier>.*?<start>2024-09-01<\/start><date>2026-06-30<\/date>/);
    const t = transcript.xml!;
    expect(t).toMatch(/MS-SCEG<\/identifier>.*?<date>2025-09-22<\/date>.*?<status>failed<\/status><gradingSchemeLocalId>muenster-1\.0-5\.0<\/gradingSchemeLocalId><resultLabel>5\.0<\/resultLabel>/);
    // Exmatriculated: a course sat but not finished is failed, never in progress.
    expect(t).not.toContain('<status>in-progress</status>');
  });

  it('recognised credits are marked as such (§13), earned ones are not', async () => {
    const even = await renderIssuedDocument(syntheticSnapshot(6, DocumentKind.DIPLOMA_SUPPLEMENT), identity);
    const los = (code: string) => new RegExp(`<learningOpportunitySpecification><identifier type="local">${code}</identifier>.*?</learningOpportunitySpecification>`).exec(even.xml!)![0];
    expect(los('TTU-TS')).toContain('<description xml:lang="en">Recognised prior learning (§13): decision AC-REC-2025-006 of 2025-10-02');
    expect(los('TTU-TS')).toContain('<pioneer:recognition xmlns:pioneer="urn:pioneer:elmo-extension:1" section="§13" decisionReference="AC-REC-2025-006" decidedOn="2025-10-02"');
    expect(los('TTU-TS')).toContain('<date>2025-10-02</date>');
    expect(los('MS-SCEG')).not.toContain('recogni');
    expect(await validateElmo(even.xml!)).toEqual({ valid: true, errors: [] });
  });
});

describe('the signing identity', () => {
  it('is made once, kept with mode 0600, and read back the same', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'signing-')), 'sub', 'identity.pem');
    const a = loadSigningIdentity(file, true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = loadSigningIdentity(file, true);
    expect(b.certificateSha256).toBe(a.certificateSha256);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a missing configured file and a key that does not match its certificate', () => {
    expect(() => loadSigningIdentity(join(tmpdir(), 'nope', 'missing.pem'), false)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const a = createDemoIdentityPem();
    const b = createDemoIdentityPem();
    const mixed = a.slice(0, a.indexOf('-----BEGIN CERTIFICATE')) + b.slice(b.indexOf('-----BEGIN CERTIFICATE'));
    expect(() => parseIdentityPem(mixed)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});
