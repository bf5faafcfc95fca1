/**
 * Reading an ELMO / EMREX file that another institution issued (§13 (2): the transcript of
 * records the student submits for recognition). Pure apart from the schema validation, which
 * runs in a worker (elmo.schema.ts). The checks, in order, each with its own code:
 *
 * 1. size (ELMO_TOO_LARGE), UTF-8 (ELMO_NOT_XML);
 * 2. no DOCTYPE or entity declaration at all (ELMO_DOCTYPE_FORBIDDEN): ELMO needs none, and
 *    refusing them before parsing rules out external entities (XXE) and entity expansion;
 * 3. well-formed XML (ELMO_NOT_XML), then the committed ELMO schema (ELMO_SCHEMA_INVALID);
 * 4. a signed file: one enveloped XML-DSig signature, a child of <elmo>, with one reference to the
 *    whole document (URI ""), verified with xml-crypto against the certificate in its KeyInfo
 *    (ELMO_SIGNATURE_INVALID). Everything shown is then read from the signed reference's own
 *    canonical XML, never from the uploaded DOM, so content outside the signature (a wrapping
 *    attack, an unsigned comment) cannot be what the committee sees.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { validateElmoSchema } from './elmo.schema.js';

export const ELMO_NS = 'https://github.com/emrex-eu/elmo-schemas/tree/v1';
const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
/** Transcripts are a few kilobytes; the limit leaves room for an attached PDF and stays under the gateway's body limit once base64-encoded. */
export const MAX_ELMO_BYTES = 512 * 1024;
/**
 * What a signature may use: RSA with SHA-256 or SHA-512, digests SHA-256 or SHA-512. SHA-1 is
 * refused (collisions can be made); HMAC is off in xml-crypto and stays off (the "key" would be the
 * certificate in the file itself).
 */
const SIGNATURE_ALGORITHMS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const DIGEST_ALGORITHMS = new Set(['http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmlenc#sha512']);
/** Schema errors reported back: enough to fix the file, bounded. */
const MAX_REPORTED_ERRORS = 10;

export interface ElmoSigner {
  subject: string;
  issuer: string;
  /** SHA-256 of the certificate's DER, hex. */
  certificateSha256: string;
  validFrom: string;
  validTo: string;
}

export interface ElmoLearner {
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
}

/** One learning opportunity (course, module, …) of the file, with what its issuer reported. */
export interface LearningOpportunity {
  /** Its place in the file: report number, then its position (and of its parts), e.g. "1.3" or "1.3.2". */
  key: string;
  code: string | null;
  title: string;
  type: string | null;
  /** ECTS credits as written (xs:decimal), e.g. "6" or "7.5". */
  credits: string | null;
  /** The issuer's grade (ELMO resultLabel), on its own scale. */
  resultLabel: string | null;
  /** passed, failed or in-progress, as the issuer reported it. */
  status: string | null;
  date: string | null;
  institution: string;
  country: string | null;
  /** The issuer's description of the grading scheme the result label belongs to. */
  gradingScheme: string | null;
}

export interface ElmoReading {
  sha256: string;
  size: number;
  signer: ElmoSigner | null;
  learner: ElmoLearner;
  learningOpportunities: LearningOpportunity[];
}

function refuse(code: ErrorCode, message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError(code, message, details);
}

function parse(xml: string): Document {
  try {
    return new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /line:?\s*(\d+)/i.exec(message)?.[1];
    refuse(ErrorCode.ELMO_NOT_XML, 'The file is not well-formed XML', { line: line ? Number(line) : null, reason: message.split('\n')[0]!.slice(0, 300) });
  }
}

const children = (parent: Element, name: string, ns = ELMO_NS): Element[] =>
  Array.from(parent.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === ns);
const child = (parent: Element, name: string): Element | null => children(parent, name)[0] ?? null;
const text = (e: Element | null): string | null => {
  const t = e?.textContent?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};
/** The English one of several language variants, else the first. */
const preferEnglish = (elements: Element[]): string | null =>
  text(elements.find((e) => (e.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang') ?? '').toLowerCase().startsWith('en')) ?? elements[0] ?? null);

function certificatePem(signature: Element): string {
  const certificates = signature.getElementsByTagNameNS(DSIG_NS, 'X509Certificate');
  const base64 = certificates[0]?.textContent?.replace(/\s+/g, '');
  if (certificates.length !== 1 || !base64) {
    refuse(ErrorCode.ELMO_SIGNATURE_INVALID, 'A signed ELMO file carries its signing certificate in ds:KeyInfo (ELMO schema); this one does not', { reason: 'NO_CERTIFICATE' });
  }
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function signerOf(pem: string): ElmoSigner {
  try {
    const cert = new X509Certificate(pem);
    return {
      subject: cert.subject.split('\n').join(', '),
      issuer: cert.issuer.split('\n').join(', '),
      certificateSha256: createHash('sha256').update(cert.raw).digest('hex'),
      validFrom: new Date(cert.validFrom).toISOString(),
      validTo: new Date(cert.validTo).toISOString(),
    };
  } catch {
    refuse(ErrorCode.ELMO_SIGNATURE_INVALID, 'The certificate in the signature cannot be read', { reason: 'CERTIFICATE_UNREADABLE' });
  }
}

/**
 * Verifies the one enveloped signature and returns the document as signed (the reference's
 * canonical XML, parsed) with its signer.
 */
function verified(xml: string, doc: Document, signatures: Element[]): { signedRoot: Element; signer: ElmoSigner } {
  const invalid = (reason: string, message: string): never => refuse(ErrorCode.ELMO_SIGNATURE_INVALID, message, { reason });
  if (signatures.length !== 1) invalid('SIGNATURE_COUNT', `An ELMO file has at most one signature; this one has ${signatures.length}`);
  const signature = signatures[0]!;
  if (signature.parentNode !== doc.documentElement) invalid('NOT_ENVELOPED', 'The signature must be a child of <elmo>, enveloping the whole document');
  const references = signature.getElementsByTagNameNS(DSIG_NS, 'Reference');
  if (references.length !== 1 || references[0]!.getAttribute('URI') !== '') {
    invalid('REFERENCE', 'The signature must have one reference, to the whole document (URI="")');
  }
  const algorithms = (name: string) => Array.from(signature.getElementsByTagNameNS(DSIG_NS, name)).map((e) => e.getAttribute('Algorithm') ?? '');
  const weak = [...algorithms('SignatureMethod').filter((a) => !SIGNATURE_ALGORITHMS.has(a)), ...algorithms('DigestMethod').filter((a) => !DIGEST_ALGORITHMS.has(a))];
  if (weak.length) invalid('ALGORITHM', `The signature uses an algorithm the hub does not accept (${weak[0]!.slice(0, 100)}); RSA with SHA-256 or SHA-512 is required`);
  const pem = certificatePem(signature);
  const signer = signerOf(pem);
  // Only the certificate in the file: xml-crypto's own KeyInfo lookup is switched off.
  const sig = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
  let signed: string[] = [];
  try {
    sig.loadSignature(signature as unknown as Node);
    if (sig.checkSignature(xml)) signed = sig.getSignedReferences();
  } catch {
    signed = [];
  }
  if (signed.length !== 1) invalid('MISMATCH', 'The signature does not match the file: it was changed after signing, or signed with another key');
  // What the reference covers must be the <elmo> document element itself.
  const signedRoot = parse(signed[0]!).documentElement;
  if (!signedRoot || signedRoot.localName !== 'elmo' || signedRoot.namespaceURI !== ELMO_NS) {
    invalid('REFERENCE', 'The signed content is not the <elmo> document');
  }
  return { signedRoot: signedRoot!, signer };
}

function learningOpportunities(report: Element, reportNumber: number): LearningOpportunity[] {
  const issuer = child(report, 'issuer');
  const institution = (issuer && preferEnglish(children(issuer, 'title'))) ?? 'unknown institution';
  const country = issuer ? text(child(issuer, 'country')) : null;
  const schemes = new Map(children(report, 'gradingScheme').map((g) => [g.getAttribute('localId') ?? '', preferEnglish(children(g, 'description'))]));
  const out: LearningOpportunity[] = [];
  const visit = (los: Element, key: string) => {
    const identifiers = children(los, 'identifier');
    const instance = child(child(los, 'specifies') ?? los, 'learningOpportunityInstance');
    const ects = instance ? children(instance, 'credit').find((c) => text(child(c, 'scheme'))?.toLowerCase() === 'ects') : undefined;
    const term = instance ? child(instance, 'academicTerm') : null;
    const schemeId = instance ? text(child(instance, 'gradingSchemeLocalId')) : null;
    out.push({
      key,
      code: text(identifiers.find((i) => i.getAttribute('type') === 'local') ?? identifiers[0] ?? null),
      title: preferEnglish(children(los, 'title')) ?? '(untitled)',
      type: text(child(los, 'type')),
      credits: ects ? text(child(ects, 'value')) : null,
      resultLabel: instance ? text(child(instance, 'resultLabel')) : null,
      status: instance ? text(child(instance, 'status')) : null,
      date: (instance && text(child(instance, 'date'))) ?? (term && text(child(term, 'end'))) ?? null,
      institution,
      country,
      gradingScheme: schemeId ? (schemes.get(schemeId) ?? null) : null,
    });
    children(los, 'hasPart')
      .flatMap((part) => children(part, 'learningOpportunitySpecification'))
      .forEach((part, i) => visit(part, `${key}.${i + 1}`));
  };
  children(report, 'learningOpportunitySpecification').forEach((los, i) => visit(los, `${reportNumber}.${i + 1}`));
  return out;
}

/** Reads, validates and (when signed) verifies an ELMO file; a DomainError says why it cannot be used. */
export async function readElmo(bytes: Uint8Array): Promise<ElmoReading> {
  if (bytes.length > MAX_ELMO_BYTES) {
    refuse(ErrorCode.ELMO_TOO_LARGE, `An ELMO file may have at most ${MAX_ELMO_BYTES} bytes; this one has ${bytes.length}`, { maxBytes: MAX_ELMO_BYTES, bytes: bytes.length });
  }
  let xml: string;
  try {
    // ignoreBOM: false drops a leading byte order mark.
    xml = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    refuse(ErrorCode.ELMO_NOT_XML, 'ELMO files are UTF-8; this file is not', { reason: 'NOT_UTF8' });
  }
  const declared = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  if (declared && declared.toLowerCase() !== 'utf-8') refuse(ErrorCode.ELMO_NOT_XML, `ELMO files are UTF-8; this one declares ${declared.slice(0, 40)}`, { reason: 'NOT_UTF8' });
  if (!xml.trim()) refuse(ErrorCode.ELMO_NOT_XML, 'The file is empty', { reason: 'EMPTY' });
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    refuse(ErrorCode.ELMO_DOCTYPE_FORBIDDEN, 'An ELMO file has no DOCTYPE or entity declarations; they are refused before the file is read (external entities, entity expansion)');
  }
  const doc = parse(xml);
  const schema = await validateElmoSchema(xml);
  if (!schema.valid) {
    refuse(ErrorCode.ELMO_SCHEMA_INVALID, `The file is not valid against the ELMO schema: ${schema.errors[0]?.message ?? 'unknown error'}`, {
      errors: schema.errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: schema.errors.length,
    });
  }
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG_NS, 'Signature'));
  const { signedRoot, signer } = signatures.length ? verified(xml, doc, signatures) : { signedRoot: doc.documentElement!, signer: null };
  const learner = child(signedRoot, 'learner')!;
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    signer,
    learner: { givenNames: text(child(learner, 'givenNames')) ?? '', familyName: text(child(learner, 'familyName')) ?? '', dateOfBirth: text(child(learner, 'bday')) },
    learningOpportunities: children(signedRoot, 'report').flatMap((r, i) => learningOpportunities(r, i + 1)),
  };
}
