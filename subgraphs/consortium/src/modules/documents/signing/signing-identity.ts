/**
 * The consortium's document-signing identity: an RSA key and its X.509 certificate, in one PEM
 * file (key first, then the certificate). Production names its own file (issued by a CA the
 * universities trust); without one, a self-signed demo certificate is made on first start and
 * kept (mode 0600) so that every document of a demo installation carries the same certificate.
 *
 * The certificate is built with node-forge (maintained, pure JS, the same library the PDF
 * signer packages use); the key itself comes from Node's crypto, which is much faster than
 * forge's pure-JS key generation.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import forge from 'node-forge';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';

export interface SigningIdentity {
  privateKeyPem: string;
  certificatePem: string;
  /** DER of the certificate. */
  certificateDer: Buffer;
  /** SHA-256 of the certificate's DER, hex: what the verification page shows to compare with. */
  certificateSha256: string;
  subject: string;
}

const DEMO_SUBJECT = [
  { name: 'commonName', value: 'PIONEER Academic Committee document signing (demo)' },
  { name: 'organizationName', value: 'PIONEER joint degree consortium' },
  { name: 'countryName', value: 'BE' },
];

/** A fresh self-signed certificate for a fresh RSA-2048 key, valid for ten years (tests name other subjects). */
export function createDemoIdentityPem(now = new Date(), subject: { name: string; value: string }[] = DEMO_SUBJECT): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  // A positive serial number: the top bit cleared.
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600 * 1000);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return `${keyPem}${forge.pki.certificateToPem(cert)}`;
}

function fail(file: string, why: string): never {
  throw new DomainError(ErrorCode.CONFIG_INVALID, `Document signing identity ${file}: ${why}`, { file });
}

/** Reads key and certificate from one PEM file and checks that they belong together. */
export function parseIdentityPem(pem: string, file = 'PEM'): SigningIdentity {
  const keyMatch = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/.exec(pem);
  const certMatch = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  if (!keyMatch) fail(file, 'no private key');
  if (!certMatch) fail(file, 'no certificate');
  let cert: forge.pki.Certificate;
  let keyPem: string;
  try {
    cert = forge.pki.certificateFromPem(certMatch[0]);
    const key = createPrivateKey(keyMatch[0]);
    if (key.asymmetricKeyType !== 'rsa') fail(file, 'the key must be RSA');
    keyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
    const fromKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const fromCert = createPublicKey(forge.pki.publicKeyToPem(cert.publicKey)).export({ type: 'spki', format: 'der' });
    if (!fromKey.equals(fromCert)) fail(file, 'the certificate is not the private key’s');
  } catch (e) {
    if (e instanceof DomainError) throw e;
    fail(file, 'unreadable key or certificate');
  }
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    privateKeyPem: keyPem,
    certificatePem: forge.pki.certificateToPem(cert),
    certificateDer: der,
    certificateSha256: createHash('sha256').update(der).digest('hex'),
    subject: cert.subject.attributes.map((a) => `${a.shortName}=${String(a.value)}`).join(', '),
  };
}

/**
 * The identity in `file`; when the file does not exist and `createIfMissing`, a demo identity is
 * made and written exclusively (`wx`), so that two processes starting at once end up with the
 * one that was written first.
 */
export function loadSigningIdentity(file: string, createIfMissing: boolean): SigningIdentity {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch {
    if (!createIfMissing) fail(file, 'file not found');
    // Only the identity's own folder is private; its parents keep their usual mode (the data
    // folder must stay reachable for the embedded PostgreSQL's own user).
    mkdirSync(dirname(dirname(file)), { recursive: true });
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, createDemoIdentityPem(), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') fail(file, 'cannot be written');
    }
    pem = readFileSync(file, 'utf8');
  }
  return parseIdentityPem(pem, file);
}
