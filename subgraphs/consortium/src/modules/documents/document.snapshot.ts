import { createHash } from 'node:crypto';
import type { GradeDistribution } from './document-record.client.js';
import { gradeOnScale, THESIS_SCALE, UNIVERSITIES, type ResultLabel, type UniversityCode } from '@pioneer/shared/regulations';

/**
 * The data a document is made from, frozen at issue. Two parts:
 *  - `record`: what the federated record says (identity, every course, the thesis, the engine's
 *    verdict). Built by one function from the live record both at issue and when the status is
 *    asked for, so that a correction behind an issued document (§21) changes its fingerprint.
 *  - `issue`: what only the issue adds (number, version, date, who signs).
 */

export const DocumentKind = {
  /** §17: the joint degree Master's diploma. */
  DIPLOMA: 'DIPLOMA',
  /** §18 (1): the Diploma Supplement. */
  DIPLOMA_SUPPLEMENT: 'DIPLOMA_SUPPLEMENT',
  /** §15 (5): the transcript of a student who has permanently failed the master's examination. */
  TRANSCRIPT_OF_RECORDS: 'TRANSCRIPT_OF_RECORDS',
} as const;
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

/** One attempt at one examination of a course, as the university recorded it (§15 (5), §16 (1), §20). */
export interface AttemptLine {
  componentKey: string;
  component: string;
  attempt: number;
  /** GRADED, ABSENT, WITHDRAWN, FRAUD or PLAGIARISM (§20). */
  status: string;
  points: number | null;
  localGrade: string | null;
  label: ResultLabel | null;
  outcome: 'PASSED' | 'FAILED';
  examinedOn: string;
}

export interface CourseLine {
  university: UniversityCode;
  code: string;
  title: string;
  semester: number;
  credits: number;
  state: string;
  completed: boolean;
  recognised: boolean;
  permanentlyFailed: boolean;
  score: number | null;
  localGrade: string | null;
  label: ResultLabel | null;
  /**
   * §16 (4): the course's weight in the overall grade, present only when it is not its credits
   * (the default): a changed weight then changes the fingerprint of every document it affects
   * (issue 11), and documents issued with default weights keep theirs.
   */
  overallWeight?: number;
  /** Every recorded attempt, by examination and attempt number. */
  attempts: AttemptLine[];
  /** §13: the committee's decision behind a recognised course. */
  recognition: { decisionReference: string; decidedOn: string } | null;
}

export interface UniversityLine {
  university: UniversityCode;
  universityName: string;
  enrolled: boolean;
  studentNumber: string | null;
  courses: CourseLine[];
}

export interface ThesisLine {
  attempt: number;
  title: string;
  state: string;
  score: number | null;
  grade: string | null;
  label: ResultLabel | null;
  defendedOn: string | null;
  defenceHost: string | null;
}

export interface RecordSnapshot {
  student: { id: string; givenName: string; familyName: string; dateOfBirth: string; placeOfBirth: string; cohort: number };
  universities: UniversityLine[];
  /** Every attempt, in order (§15 (2)); the last one counts. */
  theses: ThesisLine[];
  progression: {
    status: string;
    totalCredits: number;
    masterExaminationPassed: boolean;
    permanentlyFailed: boolean;
    permanentFailureReason: string | null;
  };
  /** §16 (4): only once the master's examination is passed. */
  overall: { points: number; grade: string; label: ResultLabel } | null;
}

export interface Person {
  name: string;
  role: string;
  institution: string;
}

/** The Academic Committee (§5 (3)) and the signatories of the diploma (§17 (2)): configuration, not code. */
export interface Signatories {
  chair: Person;
  members: Person[];
  /** §17 (2): the rectors of the three universities or their delegates. */
  rectors: Person[];
}

export interface IssueInfo {
  documentId: string;
  /** Human-readable, unique and sequential per kind and intake: PIONEER-DS-2024-0001. Absent in documents issued before numbers existed. */
  documentNumber?: string;
  /** Where anyone holding the document checks it (GET /verify/<number> on the gateway's host); printed as a QR code. */
  verifyUrl?: string | null;
  /** The supplement: the number of the diploma it accompanies, when that was issued first. */
  diplomaNumber?: string | null;
  /** The supplement: the reference group of its ECTS grading tables, frozen at issue. */
  gradeDistribution?: GradeDistribution;
  kind: DocumentKind;
  version: number;
  /** ISO date. */
  issuedOn: string;
  signatories: Signatories;
  /** §15 (5): the certificate of exmatriculation presented for the transcript. */
  exmatriculation: { certificateDate: string; reference: string } | null;
}

export interface DocumentSnapshot {
  record: RecordSnapshot;
  issue: IssueInfo;
}

/** The university record fields the documents need, as the gateway and @requires deliver them. */
export interface LiveCourse {
  university: UniversityCode;
  code: string;
  title?: string | null;
  semester: number;
  credits: number;
  state: string;
  completed: boolean;
  recognised: boolean;
  permanentlyFailed: boolean;
  score: number | null;
  localGrade?: string | null;
  label?: string | null;
  overallWeight?: number | null;
  attempts?: { examinationKey: string; examinationTitle: string; attempt: number; status: string; points: number | null; localGrade?: string | null; label?: string | null; outcome?: string | null; examinedOn: string }[] | null;
  recognition?: { decisionReference: string; decidedOn: string } | null;
}
export interface LiveRecord {
  university: UniversityCode;
  universityName?: string | null;
  enrolled: boolean;
  studentNumber?: string | null;
  courses: LiveCourse[];
}

export const UNIVERSITY_NAMES: Readonly<Record<UniversityCode, string>> = {
  LEUVEN: 'KU Leuven',
  MUENSTER: 'University of Münster',
  TTU: 'Tallinn University of Technology (TalTech)',
};

/**
 * The record part of a snapshot from the live federated record. Courses sort by code and theses
 * by attempt so the same record always gives the same snapshot, whatever order it arrived in.
 */
export function recordSnapshot(input: {
  student: RecordSnapshot['student'];
  records: Record<UniversityCode, LiveRecord>;
  theses: readonly { attempt: number; title: string; state: string; score: number | null; defendedOn: string | null; defenceHost: string | null }[];
  progression: RecordSnapshot['progression'];
  overall: { points: number; grade: string; label: string } | null;
}): RecordSnapshot {
  const s = input.student;
  return {
    student: { id: s.id, givenName: s.givenName, familyName: s.familyName, dateOfBirth: s.dateOfBirth, placeOfBirth: s.placeOfBirth, cohort: s.cohort },
    universities: UNIVERSITIES.map((u) => {
      const r = input.records[u];
      return {
        university: u,
        universityName: r.universityName ?? UNIVERSITY_NAMES[u],
        enrolled: r.enrolled,
        studentNumber: r.studentNumber ?? null,
        courses: [...r.courses]
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((c) => ({
            university: c.university,
            code: c.code,
            title: c.title ?? c.code,
            semester: c.semester,
            credits: c.credits,
            state: c.state,
            completed: c.completed,
            recognised: c.recognised,
            permanentlyFailed: c.permanentlyFailed,
            score: c.score,
            localGrade: c.localGrade ?? null,
            label: (c.label ?? null) as ResultLabel | null,
            ...(c.overallWeight != null && c.overallWeight !== c.credits ? { overallWeight: c.overallWeight } : {}),
            attempts: [...(c.attempts ?? [])]
              .sort((a, b) => a.examinationKey.localeCompare(b.examinationKey) || a.attempt - b.attempt)
              .map((a) => ({
                // Issued snapshots are stored as they were: their keys keep the 0.1 words.
                componentKey: a.examinationKey,
                component: a.examinationTitle,
                attempt: a.attempt,
                status: a.status,
                points: a.points,
                localGrade: a.localGrade ?? null,
                label: (a.label ?? null) as ResultLabel | null,
                outcome: a.outcome === 'PASSED' ? ('PASSED' as const) : ('FAILED' as const),
                examinedOn: a.examinedOn,
              })),
            recognition: c.recognition ? { decisionReference: c.recognition.decisionReference, decidedOn: c.recognition.decidedOn } : null,
          })),
      };
    }),
    theses: [...input.theses]
      .sort((a, b) => a.attempt - b.attempt)
      .map((t) => {
        // The thesis module is graded on the table of §16 (4) (engine: THESIS_SCALE).
        const grade = t.score === null ? null : gradeOnScale(THESIS_SCALE, t.score);
        return { attempt: t.attempt, title: t.title, state: t.state, score: t.score, grade: grade?.grade ?? null, label: grade?.label ?? null, defendedOn: t.defendedOn, defenceHost: t.defenceHost };
      }),
    progression: { ...input.progression },
    overall: input.overall ? { points: input.overall.points, grade: input.overall.grade, label: input.overall.label as ResultLabel } : null,
  };
}

/** JSON with object keys sorted: the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The fingerprint compared to decide whether an issued document is outdated (§21). */
export function recordFingerprint(record: RecordSnapshot): string {
  return sha256Hex(canonicalJson(record));
}

/** The date of the last examination on record (courses and thesis): the end of the period of study and the degree's date. */
export function finalExaminationDate(record: RecordSnapshot): string | null {
  const dates = [
    ...record.universities.flatMap((u) => u.courses.flatMap((c) => c.attempts.map((a) => a.examinedOn))),
    ...record.theses.map((t) => t.defendedOn).filter((d): d is string => d !== null),
  ];
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}

/** The latest thesis attempt: the one that counts (§15 (2)). */
export function finalThesis(record: RecordSnapshot): ThesisLine | null {
  return record.theses.at(-1) ?? null;
}
