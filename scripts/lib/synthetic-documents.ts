/**
 * Synthetic document snapshots for unit tests and the documents benchmark: the real §7 (3)
 * catalogue, deterministic scores, every grade and the overall grade from the regulations engine.
 */
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { computeProgression, gradeOnScale, type CourseState, type UniversityCode } from '@pioneer/shared/regulations';
import type { GradeDistribution } from '../../subgraphs/consortium/src/modules/documents/document-record.client.js';
import { formatDocumentNumber } from '../../subgraphs/consortium/src/modules/documents/document-number.js';
import { recordSnapshot, type DocumentKind, type DocumentSnapshot, type LiveRecord, type Signatories } from '../../subgraphs/consortium/src/modules/documents/document.snapshot.js';

/** When each university's examinations of the synthetic students were sat (semesters 1-3 of the 2024 intake). */
const EXAM_DAY: Record<UniversityCode, string> = { LEUVEN: '2025-01-20', MUENSTER: '2025-07-10', TTU: '2026-01-15' };
const RETAKE_DAY = '2025-09-22';

export const TEST_SIGNATORIES: Signatories = {
  chair: { name: 'Prof. Dr. Ada Chair', role: 'Chair of the Academic Committee', institution: 'KU Leuven' },
  members: [
    { name: 'Prof. Dr. Ada Chair', role: 'Member of the Academic Committee', institution: 'KU Leuven' },
    { name: 'Prof. Dr. Bernd Member', role: 'Member of the Academic Committee', institution: 'University of Münster' },
    { name: 'Prof. Dr. Kadri Liige', role: 'Member of the Academic Committee', institution: 'TalTech' },
  ],
  rectors: [
    { name: 'Prof. Dr. Rector Leuven', role: 'Rector', institution: 'KU Leuven' },
    { name: 'Prof. Dr. Rektorin Münster', role: 'Rector', institution: 'University of Münster' },
    { name: 'Prof. Dr. Rektor Tallinn', role: 'Rector', institution: 'TalTech' },
  ],
};

/**
 * Student `n`: a graduate with scores between 55 and 95 and one recognised course, or, with
 * `failed`, a student who permanently failed MS-SCEG (§15 (4)).
 */
export function syntheticSnapshot(n: number, kind: DocumentKind, options: { failed?: boolean; issuedOn?: string } = {}): DocumentSnapshot {
  const records = {} as Record<UniversityCode, LiveRecord>;
  for (const [i, p] of [leuven, muenster, ttu].entries()) {
    records[p.code] = {
      university: p.code,
      universityName: p.name,
      enrolled: true,
      studentNumber: p.studentNumber(n),
      courses: p.catalogue.map((c, j) => {
        const score = 55 + ((n * 7 + i * 11 + j * 13) % 41);
        const failedHere = options.failed && c.code === 'MS-SCEG';
        // The failed student left during semester 3: TalTech's first four courses graded, one sat but not finished, the rest never taken.
        const ttuIndex = p.code === 'TTU' ? j : -1;
        const notTaken = options.failed && ttuIndex >= 5;
        const unfinished = options.failed && ttuIndex === 4;
        const recognised = !options.failed && c.code === 'TTU-TS' && n % 2 === 0;
        const examDay = EXAM_DAY[p.code];
        const g = failedHere ? gradeOnScale(p.code, 44) : gradeOnScale(p.code, score);
        const attempt = (k: number, points: number, day: string) => {
          const a = gradeOnScale(p.code, points);
          return { examinationKey: 'exam', examinationTitle: 'Written examination', attempt: k, status: 'GRADED', points, localGrade: a.grade, label: a.label, outcome: a.passed ? 'PASSED' : 'FAILED', examinedOn: day };
        };
        const attempts = recognised || notTaken ? [] : failedHere ? [attempt(1, 38, examDay), attempt(2, 44, RETAKE_DAY)] : unfinished ? [attempt(1, 40, examDay)] : [attempt(1, score, examDay)];
        return {
          university: p.code,
          code: c.code,
          title: c.title,
          semester: p.semester,
          credits: c.credits,
          state: failedHere ? 'PERMANENTLY_FAILED' : recognised ? 'RECOGNISED' : notTaken ? 'NOT_STARTED' : unfinished ? 'FAILED_RETAKE_POSSIBLE' : 'COMPLETED',
          completed: !failedHere && !notTaken && !unfinished,
          recognised,
          permanentlyFailed: Boolean(failedHere),
          score: failedHere ? 44 : notTaken ? null : unfinished ? 40 : score,
          localGrade: notTaken ? null : unfinished ? gradeOnScale(p.code, 40).grade : g.grade,
          label: notTaken ? null : unfinished ? 'FAIL' : g.label,
          attempts,
          recognition: recognised ? { decisionReference: `AC-REC-2025-${String(n).padStart(3, '0')}`, decidedOn: '2025-10-02' } : null,
        };
      }),
    };
  }
  const thesisScore = 60 + (n % 35);
  const theses = options.failed ? [] : [{ attempt: 1, title: `Interoperability governance, case ${n}`, state: 'PASSED', score: thesisScore, defendedOn: '2026-06-30', defenceHost: 'TTU' }];
  const progression = computeProgression({
    courses: Object.values(records).flatMap((r) =>
      r.courses.map((c) => ({ university: c.university, code: c.code, semester: c.semester, credits: c.credits, state: c.state as CourseState, score: c.score })),
    ),
    thesis: theses[0] ? { state: 'PASSED', attempt: 1, score: thesisScore } : null,
    excluded: false,
  });
  const record = recordSnapshot({
    student: { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, givenName: 'Yağmur Chloé', familyName: `Østergaard-${n}`, dateOfBirth: '2000-02-29', placeOfBirth: 'Izmir, Türkiye', cohort: 2024 },
    records,
    theses,
    progression: { status: progression.status, totalCredits: progression.totalCredits, masterExaminationPassed: progression.masterExaminationPassed, permanentlyFailed: progression.permanentlyFailed, permanentFailureReason: progression.permanentFailureReason },
    overall: progression.overall ? { points: progression.overall.points, grade: progression.overall.grade, label: progression.overall.label } : null,
  });
  return {
    record,
    issue: {
      documentId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      documentNumber: formatDocumentNumber(kind, 2024, n),
      verifyUrl: `http://127.0.0.1:4000/verify/${formatDocumentNumber(kind, 2024, n)}`,
      ...(kind === 'DIPLOMA_SUPPLEMENT' ? { diplomaNumber: formatDocumentNumber('DIPLOMA', 2024, n), gradeDistribution: SYNTHETIC_DISTRIBUTION } : {}),
      kind,
      version: 1,
      issuedOn: options.issuedOn ?? '2026-11-25',
      signatories: TEST_SIGNATORIES,
      exmatriculation: options.failed ? { certificateDate: '2026-10-01', reference: 'EXM-2026-0042' } : null,
    },
  };
}

/** The reference group of the synthetic supplements: the grades students 1-200 get above (all passing). */
function syntheticDistribution(): GradeDistribution {
  const grades: GradeDistribution['grades'] = { LEUVEN: {}, MUENSTER: {}, TTU: {}, OVERALL: {} };
  for (let n = 1; n <= 200; n++) {
    for (const [i, p] of [leuven, muenster, ttu].entries()) {
      p.catalogue.forEach((c, j) => {
        if (c.code === 'TTU-TS' && n % 2 === 0) return; // recognised: graded elsewhere
        const g = gradeOnScale(p.code, 55 + ((n * 7 + i * 11 + j * 13) % 41)).grade;
        grades[p.code][g] = (grades[p.code][g] ?? 0) + 1;
      });
    }
    const g = gradeOnScale('OVERALL', 60 + (n % 35)).grade;
    grades.OVERALL[g] = (grades.OVERALL[g] ?? 0) + 1;
  }
  return { intake: 2024, students: 200, grades };
}
const SYNTHETIC_DISTRIBUTION = syntheticDistribution();
