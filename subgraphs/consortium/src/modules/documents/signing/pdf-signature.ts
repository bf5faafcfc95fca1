/**
 * PAdES baseline (B-B) signature of an issued PDF: @signpdf adds the signature dictionary
 * (SubFilter ETSI.CAdES.detached) and the byte ranges; the CMS signature inside is made here,
 * because the stock P12 signer of @signpdf writes the Adobe PKCS#7 profile (with signingTime
 * and without the ESS signing-certificate-v2 attribute that CAdES / PAdES require, ETSI EN 319 122-1
 * 5.2.2.3 and EN 319 142-1 5.4). The signing time is the dictionary's /M, as PAdES asks.
 */
import { createHash, sign as rsaSign } from 'node:crypto';
import forge from 'node-forge';
import { SignPdf } from '@signpdf/signpdf';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { SigningIdentity } from './signing-identity.js';

const { asn1 } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (o: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, b.toString('binary'));
const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const algorithm = (o: string) => seq([oid(o), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
const attribute = (type: string, value: forge.asn1.Asn1) => seq([oid(type), set([value])]);
const der = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

/** CMS SignedData (RFC 5652), detached, with the CAdES-B signed attributes. */
export class CadesSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const cert = forge.pki.certificateFromPem(this.identity.certificatePem);
    const certAsn1 = forge.pki.certificateToAsn1(cert);
    const signedAttrs = [
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.messageDigest, octets(createHash('sha256').update(pdfBuffer).digest())),
      // ESS signing-certificate-v2: SEQUENCE { certs SEQUENCE OF ESSCertIDv2 { certHash } } (SHA-256, the default, omitted).
      attribute(OID.signingCertificateV2, seq([seq([seq([octets(createHash('sha256').update(this.identity.certificateDer).digest())])])])),
    ];
    // The signature covers the DER of the attributes as a SET (RFC 5652 5.4); they are stored as [0] IMPLICIT.
    const signature = rsaSign('sha256', der(set(signedAttrs)), this.identity.privateKeyPem);
    const issuerAndSerial = seq([forge.pki.distinguishedNameToAsn1(cert.issuer), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, forge.util.hexToBytes(cert.serialNumber))]);
    const signerInfo = seq([
      int(1),
      issuerAndSerial,
      algorithm(OID.sha256),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, signedAttrs),
      algorithm(OID.rsaEncryption),
      octets(signature),
    ]);
    const signedData = seq([
      int(1),
      set([algorithm(OID.sha256)]),
      seq([oid(OID.data)]),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [certAsn1]),
      set([signerInfo]),
    ]);
    return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
  }
}

const signPdf = new SignPdf();

/** Signs a PDF made by pdfmake / PDFKit (classic cross-reference table, which the plain placeholder needs). */
export async function signPdfDocument(pdf: Buffer, identity: SigningIdentity, details: { reason: string; location: string; signingTime: Date }): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: details.reason,
    contactInfo: 'PIONEER Academic Committee',
    name: identity.subject,
    location: details.location,
    signingTime: details.signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 8192,
    // A PDF name: no spaces.
    appName: 'PIONEER-hub',
  });
  return signPdf.sign(withPlaceholder, new CadesSigner(identity));
}
