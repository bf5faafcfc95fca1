import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { post } from '../support/graphql.js';
import { base64, elmoTranscript, signedElmoTranscript, TARTU, type ElmoFixture } from '../support/elmo.js';
import { MAX_ELMO_BYTES } from '../../subgraphs/consortium/src/modules/recognition-import/elmo.reader.js';

/**
 * Issue 15 item 3, through the gateway only: a student brings transcripts of prior learning as
 * ELMO files, one signed by the issuing university's EMREX contact point and one unsigned; the
 * Academic Committee previews them, puts them on record and decides recognition for one course
 * from each (§13 (2), (3)); the universities' offices record the recognitions citing the
 * decisions (§13 (4)); the student's record shows the credits, traceable to the files.
 */
let hub: RunningHub;
let committee: string;
let studentId: string;
const TTU_COURSE = ttu.catalogue.at(-1)!;
const MUENSTER_COURSE = muenster.catalogue.at(-1)!;

const learner = { givenNames: 'Mari', familyName: 'Tamm', dateOfBirth: '1999-04-01' };
const SIGNED: ElmoFixture = {
  ...learner,
  institution: TARTU,
  courses: [
    { code: 'LTAT.05.003', title: 'Software Engineering', credits: '6', grade: 'A', date: '2025-01-20' },
    { code: 'MJRI.01.005', title: 'E-Governance and Digital Public Services', credits: '6', grade: 'B', date: '2025-06-10' },
  ],
};
const UNSIGNED: ElmoFixture = {
  ...learner,
  institution: { name: 'Vilnius University', country: 'LT', schac: 'vu.lt' },
  courses: [{ code: 'IS-501', title: 'Information Systems Research Seminar', credits: '5', grade: '9', date: '2024-12-18' }],
};

async function gql(token: string, query: string, variables: Record<string, unknown> = {}) {
  const { body } = await post(hub.gatewayUrl, query, variables, token);
  return body;
}

async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
  const body = await gql(token, query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  hub = await startTestHub('catalogue', await freshHubDatabases('elmo'));
  committee = await hub.token('committee');
  const { admitStudent } = await ok(committee, `mutation($i: AdmitStudentInput!) { admitStudent(input: $i) { id } }`, {
    i: {
      givenName: 'Mari',
      familyName: 'Tamm',
      dateOfBirth: '1999-04-01',
      placeOfBirth: 'Tartu, Estonia',
      cohort: 2025,
      bachelorDegree: 'BSc Computer Science',
      bachelorInstitution: 'University of Tartu',
      bachelorCredits: 180,
      bachelorField: 'COMPUTER_SCIENCES',
      englishProficiency: 'IELTS Academic 7.5',
      decidedOn: '2025-05-15',
      decisionReference: 'KUL-PIONEER-2025-ELMO',
    },
  });
  studentId = admitStudent.id;
  for (const u of [ttu, muenster]) {
    await ok(await hub.token(`${u.field}-office` as 'ttu-office'), `mutation($i: EnrolStudentInput!) { ${u.field}EnrolStudent(input: $i) { studentNumber } }`, {
      i: { studentId, studentNumber: u.studentNumber(901), enrolledOn: '2025-09-15' },
    });
  }
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

describe('recognition of prior learning from ELMO files (§13)', () => {
  const IMPORT = `mutation($i: ImportElmoInput!) { importElmo(input: $i) { id sha256 signed signer { subject } learnerMatchesStudent learningOpportunities { key title credits resultLabel institution country } } }`;
  const DECIDE = `mutation($i: RecognitionDecisionInput!) { decideRecognition(input: $i) { id } }`;

  it('the committee previews, stores and decides from a signed and an unsigned file; the offices record; the record traces back', async () => {
    const preview = await ok(committee, `query($i: PreviewElmoImportInput!) { previewElmoImport(input: $i) { signed signer { subject } learningOpportunities { key code title credits resultLabel date institution country } } }`, {
      i: { file: base64(signedElmoTranscript(SIGNED)) },
    });
    expect(preview.previewElmoImport).toMatchObject({ signed: true, signer: { subject: 'CN=EMREX contact point (test), O=University of Tartu, C=EE' } });
    expect(preview.previewElmoImport.learningOpportunities[1]).toEqual({
      key: '1.2', code: 'MJRI.01.005', title: 'E-Governance and Digital Public Services', credits: '6', resultLabel: 'B', date: '2025-06-10', institution: 'University of Tartu', country: 'EE',
    });

    const signed = (await ok(committee, IMPORT, { i: { studentId, fileName: 'tartu.xml', file: base64(signedElmoTranscript(SIGNED)) } })).importElmo;
    const unsigned = (await ok(committee, IMPORT, { i: { studentId, fileName: 'vilnius.xml', file: base64(elmoTranscript(UNSIGNED)) } })).importElmo;
    expect([signed.signed, signed.learnerMatchesStudent, unsigned.signed, unsigned.signer]).toEqual([true, true, false, null]);

    const reason = 'Comparable in content and level (Lisbon Convention); staff of the subject consulted (§13 (1), (3))';
    const fromSigned = (await ok(committee, DECIDE, {
      i: { studentId, university: 'TTU', courseCode: TTU_COURSE.code, decidedOn: '2025-10-01', reason, source: { elmoImportId: signed.id, learningOpportunityKeys: ['1.2'] } },
    })).decideRecognition.id;
    const fromUnsigned = (await ok(committee, DECIDE, {
      i: { studentId, university: 'MUENSTER', courseCode: MUENSTER_COURSE.code, decidedOn: '2025-10-01', reason, source: { elmoImportId: unsigned.id, learningOpportunityKeys: ['1.1'] } },
    })).decideRecognition.id;

    // §13 (4): each university records the recognition citing the committee's decision.
    for (const [u, course, decision] of [[ttu, TTU_COURSE, fromSigned], [muenster, MUENSTER_COURSE, fromUnsigned]] as const) {
      await ok(await hub.token(`${u.field}-office` as 'ttu-office'), `mutation($i: RecogniseCreditsInput!) { ${u.field}RecogniseCredits(input: $i) { decisionReference } }`, {
        i: { studentId, courseCode: course.code, decisionReference: decision, decidedOn: '2025-10-02' },
      });
    }

    const student = await hub.token('student', studentId);
    const record = (await ok(student, `query($id: String!) {
      student(id: $id) {
        ttu { creditsEarned courses { code state recognised recognition { decisionReference } } }
        muenster { creditsEarned courses { code state recognised recognition { decisionReference } } }
        decisions { id kind courseCode elmoImport { fileName sha256 signed signer { subject } } recognisedFrom { title credits resultLabel institution country } }
      }
    }`, { id: studentId })).student;
    expect(record.ttu.courses.find((c: { code: string }) => c.code === TTU_COURSE.code)).toEqual({ code: TTU_COURSE.code, state: 'RECOGNISED', recognised: true, recognition: { decisionReference: fromSigned } });
    expect(record.muenster.courses.find((c: { code: string }) => c.code === MUENSTER_COURSE.code)).toEqual({ code: MUENSTER_COURSE.code, state: 'RECOGNISED', recognised: true, recognition: { decisionReference: fromUnsigned } });
    expect([record.ttu.creditsEarned, record.muenster.creditsEarned]).toEqual([TTU_COURSE.credits, MUENSTER_COURSE.credits]);
    // The source of each recognised course: the decision it cites, and the file and learning opportunity behind that.
    const byId = Object.fromEntries(record.decisions.map((d: { id: string }) => [d.id, d]));
    expect(byId[fromSigned]).toEqual({
      id: fromSigned, kind: 'RECOGNITION', courseCode: TTU_COURSE.code,
      elmoImport: { fileName: 'tartu.xml', sha256: signed.sha256, signed: true, signer: { subject: 'CN=EMREX contact point (test), O=University of Tartu, C=EE' } },
      recognisedFrom: [{ title: 'E-Governance and Digital Public Services', credits: '6', resultLabel: 'B', institution: 'University of Tartu', country: 'EE' }],
    });
    expect(byId[fromUnsigned]).toEqual({
      id: fromUnsigned, kind: 'RECOGNITION', courseCode: MUENSTER_COURSE.code,
      elmoImport: { fileName: 'vilnius.xml', sha256: unsigned.sha256, signed: false, signer: null },
      recognisedFrom: [{ title: 'Information Systems Research Seminar', credits: '5', resultLabel: '9', institution: 'Vilnius University', country: 'LT' }],
    });
  });

  it('refuses through the gateway a tampered file, a DOCTYPE, a file over the limit, and anyone but the committee, with their codes', async () => {
    const tampered = signedElmoTranscript(SIGNED).replace('<resultLabel>B</resultLabel>', '<resultLabel>A</resultLabel>');
    const code = async (token: string, xml: string) => (await gql(token, `mutation($i: ImportElmoInput!) { importElmo(input: $i) { id } }`, { i: { studentId, fileName: 'x.xml', file: base64(xml) } })).errors?.[0]?.extensions?.code;
    expect(await code(committee, tampered)).toBe('ELMO_SIGNATURE_INVALID');
    expect(await code(committee, elmoTranscript(UNSIGNED).replace('<elmo ', '<!DOCTYPE elmo [<!ENTITY x SYSTEM "file:///etc/passwd">]><elmo '))).toBe('ELMO_DOCTYPE_FORBIDDEN');
    expect(await code(await hub.token('ttu-office'), elmoTranscript(UNSIGNED))).toBe('FORBIDDEN');
    // Over the hub's limit for one file, yet within the gateway's body limit once base64-encoded: refused as a limit, with it.
    const large = await gql(committee, `mutation($i: ImportElmoInput!) { importElmo(input: $i) { id } }`, { i: { studentId, fileName: 'x.xml', file: Buffer.alloc(MAX_ELMO_BYTES + 1, 0x20).toString('base64') } });
    expect(large.errors?.[0]?.extensions).toMatchObject({ code: 'ELMO_TOO_LARGE', details: { maxBytes: MAX_ELMO_BYTES, bytes: MAX_ELMO_BYTES + 1 } });
    // Every attempt is in the consortium's audit trail; a stored file with its SHA-256.
    const audit = (await ok(committee, `{ consortiumAuditTrail(filter: { operation: "importElmo" }) { items { outcome target } } }`)).consortiumAuditTrail.items as { outcome: string; target: string }[];
    expect(audit.map((e) => e.outcome).sort()).toEqual(['ELMO_DOCTYPE_FORBIDDEN', 'ELMO_SIGNATURE_INVALID', 'ELMO_TOO_LARGE', 'FORBIDDEN', 'OK', 'OK']);
    expect(audit.filter((e) => e.outcome === 'OK').every((e) => /^studentId=\S+ fileName=\S+\.xml sha256=[0-9a-f]{64}$/.test(e.target))).toBe(true);
  });

  it('a decision retried with the same Idempotency-Key is taken once (issue 12 item 3)', async () => {
    const stored = (await ok(committee, IMPORT, { i: { studentId, fileName: 'tartu.xml', file: base64(signedElmoTranscript(SIGNED)) } })).importElmo;
    const decide = async () => {
      const res = await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${committee}`, 'idempotency-key': `elmo-decision-${studentId}` },
        body: JSON.stringify({
          query: DECIDE,
          variables: { i: { studentId, university: 'TTU', courseCode: ttu.catalogue[0]!.code, decidedOn: '2025-10-01', reason: 'Comparable in content and level (§13 (1), (3))', source: { elmoImportId: stored.id, learningOpportunityKeys: ['1.1'] } } },
        }),
      });
      return res.json();
    };
    const decisions = async () => (await ok(committee, `query($id: String!) { student(id: $id) { decisions { id } } }`, { id: studentId })).student.decisions.length as number;
    const before = await decisions();
    const first = await decide();
    expect(first.errors).toBeUndefined();
    expect(await decide()).toEqual(first);
    expect(await decisions()).toBe(before + 1);
  });
});
