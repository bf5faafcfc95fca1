/**
 * ELMO files of another institution, made by the tests (issue 15 item 3): a transcript of
 * records as EMREX exchanges it, unsigned or signed with a test certificate the way an EMREX
 * contact point signs (enveloped XML-DSig, with the hub's own signer, xml-crypto).
 */
import { createDemoIdentityPem, parseIdentityPem, type SigningIdentity } from '../../subgraphs/consortium/src/modules/documents/signing/signing-identity.js';
import { signElmo } from '../../subgraphs/consortium/src/modules/documents/signing/elmo-signature.js';
import { xmlEscape } from '../../subgraphs/consortium/src/modules/documents/document.elmo.js';

export interface ElmoCourse {
  code: string;
  title: string;
  credits: string;
  grade: string;
  date: string;
  status?: 'passed' | 'failed' | 'in-progress';
}

export interface ElmoFixture {
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  institution: { name: string; country: string; schac: string };
  courses: ElmoCourse[];
}

export const TARTU: ElmoFixture['institution'] = { name: 'University of Tartu', country: 'EE', schac: 'ut.ee' };

const course = (c: ElmoCourse) => `
    <learningOpportunitySpecification>
      <identifier type="local">${xmlEscape(c.code)}</identifier>
      <title xml:lang="et">${xmlEscape(c.title)} (et)</title>
      <title xml:lang="en">${xmlEscape(c.title)}</title>
      <type>Course</type>
      <specifies>
        <learningOpportunityInstance>
          <date>${c.date}</date>
          <status>${c.status ?? 'passed'}</status>
          <gradingSchemeLocalId>ut-a-f</gradingSchemeLocalId>
          <resultLabel>${xmlEscape(c.grade)}</resultLabel>
          <credit><scheme>ects</scheme><value>${c.credits}</value></credit>
          <languageOfInstruction>en</languageOfInstruction>
        </learningOpportunityInstance>
      </specifies>
    </learningOpportunitySpecification>`;

/** A transcript of records in ELMO (schema v1), unsigned. */
export function elmoTranscript(f: ElmoFixture): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1">
  <generatedDate>2026-06-30T10:00:00Z</generatedDate>
  <learner>
    <identifier type="local">B-4711</identifier>
    <givenNames>${xmlEscape(f.givenNames)}</givenNames>
    <familyName>${xmlEscape(f.familyName)}</familyName>
    <bday>${f.dateOfBirth}</bday>
  </learner>
  <report>
    <issuer>
      <country>${f.institution.country}</country>
      <identifier type="schac">${f.institution.schac}</identifier>
      <title xml:lang="en">${xmlEscape(f.institution.name)}</title>
      <url>https://www.${f.institution.schac}</url>
    </issuer>${f.courses.map(course).join('')}
    <issueDate>2026-06-30T10:00:00Z</issueDate>
    <gradingScheme localId="ut-a-f">
      <description xml:lang="en">A (excellent), B (very good), C (good), D (satisfactory), E (sufficient), F (fail)</description>
    </gradingScheme>
  </report>
</elmo>
`;
}

let identity: SigningIdentity | null = null;

/** The test contact point's key and certificate (made once per test process; RSA key generation is slow). */
export function tartuIdentity(): SigningIdentity {
  identity ??= parseIdentityPem(
    createDemoIdentityPem(new Date(), [
      { name: 'commonName', value: 'EMREX contact point (test)' },
      { name: 'organizationName', value: 'University of Tartu' },
      { name: 'countryName', value: 'EE' },
    ]),
  );
  return identity;
}

/** The transcript signed as an EMREX contact point signs it (enveloped, whole document, certificate in KeyInfo). */
export function signedElmoTranscript(f: ElmoFixture, signer = tartuIdentity()): string {
  return signElmo(elmoTranscript(f), signer);
}

export const base64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
