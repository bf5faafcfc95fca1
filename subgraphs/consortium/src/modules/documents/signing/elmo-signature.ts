/**
 * XML-DSig enveloped signature of an ELMO document, as the ELMO schema requires ("Every EMREX ELMO
 * element MUST be signed with xmldsig-core2 enveloped signature. The ds:SignedInfo element MUST
 * contain a single ds:Reference with an empty URI … SHOULD contain … its certificate in the
 * ds:KeyInfo element"): RSA-SHA256, exclusive canonicalisation, SHA-256 digest, with xml-crypto.
 */
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { SigningIdentity } from './signing-identity.js';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** Appends the ds:Signature as the last child of <elmo> (its place in the schema's sequence). */
export function signElmo(xml: string, identity: SigningIdentity): string {
  const sig = new SignedXml({ privateKey: identity.privateKeyPem, publicCert: identity.certificatePem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
  sig.addReference({ xpath: '/*', transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256, isEmptyUri: true });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}

/**
 * Checks the enveloped signature with the certificate the document itself carries (KeyInfo),
 * and, when given, that this certificate is the expected one. Returns false for any change.
 */
export function verifyElmo(xml: string, expectedCertificatePem?: string): boolean {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signatures = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature');
  if (signatures.length !== 1) return false;
  const certText = signatures[0]!.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'X509Certificate')[0]?.textContent?.replace(/\s+/g, '');
  if (!certText) return false;
  const pem = `-----BEGIN CERTIFICATE-----\n${certText.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  if (expectedCertificatePem && expectedCertificatePem.replace(/\s+/g, '') !== pem.replace(/\s+/g, '')) return false;
  const sig = new SignedXml({ publicCert: pem });
  sig.loadSignature(signatures[0]! as unknown as Node);
  try {
    return sig.checkSignature(xml) && sig.getSignedReferences().length === 1;
  } catch {
    return false;
  }
}
