/**
 * Pure builders: snapshot → document model. The model is what every output is made from (the
 * GraphQL type, the PDF); it holds text only, already worded, so the renderers decide layout and
 * nothing else. No grade is computed here: points, grades and labels come from the snapshot,
 * which has them from the regulations engine.
 */
import { GRADING_TABLES, PROGRAMME_TOTAL_CREDITS, THESIS_CREDITS, labelText, type ResultLabel, type ScaleId } from '@pioneer/shared/regulations';
import type { GradeDistribution } from './document-record.client.js';
import { DocumentKind, finalExaminationDate, finalThesis, type AttemptLine, type CourseLine, type DocumentSnapshot, type Person, type RecordSnapshot, type Signatories } from './document.snapshot.js';
import { DS_INTRODUCTION, DS_INTRODUCTION_CLOSING, FLEMISH_DATABASE_NOTE, INSTITUTIONS, JOINT_DEGREE_NOTE, NATIONAL_SYSTEMS, PAPER_NOTE, PROGRAMME, STATE_DOCUMENT, institution } from './document.texts.js';

export interface DocField {
  label: string;
  value: string;
}
export interface DocTable {
  caption: string;
  columns: string[];
  rows: string[][];
  /** Relative column widths; '*' shares the rest. */
  widths: (number | '*')[];
}
export interface DocSection {
  number: string;
  heading: string;
  fields: DocField[];
  paragraphs: string[];
  tables: DocTable[];
  /** Numbered subsections with their own content (the supplement's 4.1 … 4.5), after the fields. */
  parts: DocSection[];
}
export type ModelKind = DocumentKind | 'CURRENT_TRANSCRIPT';
export interface DocumentModel {
  kind: ModelKind;
  title: string;
  subtitle: string;
  /** Null for the current (not issued) transcript. */
  documentId: string | null;
  /** PIONEER-DS-2024-0001; null for the current record (and for documents issued before numbers existed). */
  documentNumber: string | null;
  /** The public verification address, printed with a QR code; null where there is nothing to verify. */
  verifyUrl: string | null;
  version: number | null;
  issuedOn: string;
  preamble: string[];
  sections: DocSection[];
  signatures: Person[];
  footerNote: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-11-25 → 25 November 2026. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

const section = (number: string, heading: string, parts: Partial<Omit<DocSection, 'number' | 'heading'>> = {}): DocSection => ({
  number,
  heading,
  fields: parts.fields ?? [],
  paragraphs: parts.paragraphs ?? [],
  tables: parts.tables ?? [],
  parts: parts.parts ?? [],
});

export const fullName = (r: RecordSnapshot) => `${r.student.givenName} ${r.student.familyName}`;

/**
 * A result in words: the engine's label, or what stands instead of one. `ended`: the student is
 * exmatriculated (§15 (5)), so nothing is "in progress" any more: an unfinished course is "Not
 * completed", an untouched one "Not taken".
 */
function resultText(c: CourseLine, ended = false): string {
  if (c.recognised) return c.label ? `Recognised (§13), ${labelText(c.label)}` : 'Recognised (§13)';
  if (c.completed) return c.label ? labelText(c.label) : 'Passed';
  if (c.permanentlyFailed) return 'Permanently failed (§15 (4))';
  if (c.attempts.length === 0 && c.state === 'NOT_STARTED') return 'Not taken';
  if (ended) return 'Not completed (studies ended)';
  if (c.state === 'FAILED_RETAKE_POSSIBLE') return 'Failed, retake possible';
  if (c.state === 'IN_PROGRESS') return 'In progress';
  return 'Not taken';
}

const STATUS_TEXT: Record<string, string> = { ABSENT: 'Absent', WITHDRAWN: 'Withdrawn', FRAUD: 'Deception', PLAGIARISM: 'Plagiarism' };

/** One attempt's result: its label on the scale, or the §20 reason it counts as a fail. */
function attemptText(a: AttemptLine): string {
  if (a.status !== 'GRADED') return `${STATUS_TEXT[a.status] ?? a.status}: Fail (§20)`;
  if (a.label) return labelText(a.label);
  return a.outcome === 'PASSED' ? 'Passed' : 'Fail';
}

const ATTEMPT_COLUMNS = ['Code', 'Course / module', 'ECTS', 'Examination', 'Att.', 'Date', 'Points', 'Grade', 'Result'];
const ATTEMPT_WIDTHS: DocTable['widths'] = [46, '*', 26, 70, 22, 50, 30, 30, 84];

/**
 * §15 (5): per university, every examination attempt with its date, points, local grade and
 * result, then the course's result; a course never attempted is one "Not taken" line.
 */
export function attemptTables(record: RecordSnapshot, ended: boolean): DocTable[] {
  return record.universities.map((u) => {
    const earned = u.courses.filter((c) => c.completed || c.recognised).reduce((s, c) => s + c.credits, 0);
    const rows: string[][] = [];
    for (const c of u.courses) {
      const head = [c.code, c.title, String(c.credits)];
      for (const a of c.attempts) {
        rows.push([...head, a.component, String(a.attempt), a.examinedOn, a.points === null ? '–' : String(a.points), a.localGrade ?? '–', attemptText(a)]);
      }
      const course = c.attempts.length ? 'Course result' : '–';
      rows.push([...head, course, '', c.recognition ? c.recognition.decidedOn : '', c.score === null ? '–' : String(c.score), c.localGrade ?? '–', resultText(c, ended)]);
    }
    return { caption: `${u.universityName}, semester ${u.courses[0]?.semester ?? ''}: ${earned} ECTS credits earned`, columns: ATTEMPT_COLUMNS, widths: ATTEMPT_WIDTHS, rows };
  });
}

const COURSE_COLUMNS = ['Code', 'Course / module', 'Sem.', 'ECTS', 'Points', 'Local grade', 'Result'];
const COURSE_WIDTHS: DocTable['widths'] = [52, '*', 26, 30, 36, 40, 100];

/** One table per university: every course / module of its catalogue with the student's result. */
export function courseTables(record: RecordSnapshot): DocTable[] {
  return record.universities.map((u) => {
    const earned = u.courses.filter((c) => c.completed || c.recognised).reduce((s, c) => s + c.credits, 0);
    return {
      caption: `${u.universityName}, semester ${u.courses[0]?.semester ?? ''}: ${earned} ECTS credits earned`,
      columns: COURSE_COLUMNS,
      widths: COURSE_WIDTHS,
      rows: u.courses.map((c) => [c.code, c.title, String(c.semester), String(c.credits), c.score === null ? '–' : String(c.score), c.localGrade ?? '–', resultText(c)]),
    };
  });
}

export function thesisTable(record: RecordSnapshot, ended = false): DocTable {
  return {
    caption: `Master thesis and its defence, semester 4: ${THESIS_CREDITS} ECTS credits (§7 (2), §11)`,
    columns: ['Attempt', 'Title', 'Defended', 'Points', 'Grade', 'Result'],
    widths: [40, '*', 60, 36, 34, 80],
    rows: record.theses.map((t) => [
      String(t.attempt),
      t.title,
      t.defendedOn ? longDate(t.defendedOn) : '–',
      t.score === null ? '–' : String(t.score),
      t.grade ?? '–',
      t.state === 'PASSED' && t.label ? labelText(t.label) : t.state === 'PERMANENTLY_FAILED' ? 'Permanently failed (§15 (2))' : t.state === 'FAILED' ? 'Fail' : ended ? 'Not completed (studies ended)' : 'In progress',
    ]),
  };
}

const SCALE_CAPTION: Record<ScaleId, string> = {
  LEUVEN: 'KU Leuven (courses, semester 1): scores 0-100, grades 0-20 (§16 (1), (3))',
  MUENSTER: 'University of Münster (modules, semester 2): grades 1.0-5.0, 1.0 best (§16 (1), (3))',
  TTU: 'TalTech (courses, semester 3): grades 0-5 (§16 (1), (3))',
  OVERALL: 'Final overall grade and the Master thesis module: KU Leuven scale (§16 (4))',
};

/** The grading tables of §16 as the engine holds them, every row (the Münster table is not run together). */
export function gradingTables(scales: readonly ScaleId[] = ['LEUVEN', 'MUENSTER', 'TTU', 'OVERALL']): DocTable[] {
  return scales.map((scale) => ({
    caption: SCALE_CAPTION[scale],
    columns: ['Points', 'Grade', 'Result'],
    widths: [80, 120, '*'],
    rows: [...GRADING_TABLES[scale].rows].reverse().map((r) => [r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`, r.grade, labelText(r.label)]),
  }));
}

/**
 * ECTS grading tables (ECTS Users' Guide 2015, 4.2.2 and Annex 3): for each passing grade of a
 * scale, how often it was given in the reference group and the cumulative percentage, best grade
 * first, so that a reader can place a grade in its statistical context. Percentages to one
 * decimal place, computed from whole counts.
 */
export function ectsGradingTables(distribution: GradeDistribution): DocTable[] {
  const scales: ScaleId[] = ['LEUVEN', 'MUENSTER', 'TTU', 'OVERALL'];
  const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${(Math.round((part * 1000) / whole) / 10).toFixed(1)} %`);
  return scales.map((scale) => {
    const counts = distribution.grades[scale];
    const passing = [...GRADING_TABLES[scale].rows].reverse().filter((r) => r.label !== 'FAIL');
    const total = passing.reduce((sum, r) => sum + (counts[r.grade] ?? 0), 0);
    let cumulative = 0;
    const what = scale === 'OVERALL' ? 'final overall grades of the intake\u2019s graduates' : 'passing course / module grades given at this university to the intake';
    return {
      caption: `ECTS grading table, ${SCALE_CAPTION[scale].split(':')[0]}: reference group the ${what} ${distribution.intake} (${total} grades, ${distribution.students} students)`,
      columns: ['Grade', 'Number of grades', 'Percentage', 'Cumulative percentage'],
      widths: [80, 90, 90, '*'],
      rows: passing.map((r) => {
        const n = counts[r.grade] ?? 0;
        cumulative += n;
        return [r.grade, String(n), percent(n, total), percent(cumulative, total)];
      }),
    };
  });
}

function overallText(record: RecordSnapshot): string {
  const o = record.overall;
  return o ? `${o.grade} out of 20 (${labelText(o.label)}), ${o.points} points out of 100 (§16 (4))` : 'Not awarded: the master\u2019s examination has not been passed (§16 (4))';
}

function studentNumbers(record: RecordSnapshot): string {
  const numbers = record.universities.filter((u) => u.studentNumber).map((u) => `${u.universityName}: ${u.studentNumber}`);
  return numbers.length ? numbers.join('; ') : `PIONEER student id ${record.student.id}`;
}

function holderFields(record: RecordSnapshot, numbered: boolean): DocField[] {
  const n = (i: string, label: string) => (numbered ? `${i} ${label}` : label);
  return [
    { label: n('1.1', 'Family name(s)'), value: record.student.familyName },
    { label: n('1.2', 'Given name(s)'), value: record.student.givenName },
    { label: n('1.3', 'Date and place of birth'), value: `${longDate(record.student.dateOfBirth)}, ${record.student.placeOfBirth}` },
    { label: n('1.4', 'Student identification number(s)'), value: studentNumbers(record) },
  ];
}

function signatureBlock(s: Signatories): Person[] {
  // §18 (1): issued by the chair, signed by the members of the Academic Committee.
  return [s.chair, ...s.members.filter((m) => m.name !== s.chair.name)];
}

function footer(kind: string, snapshot: DocumentSnapshot): string {
  return `${kind} ${snapshot.issue.documentNumber ?? snapshot.issue.documentId}, version ${snapshot.issue.version}, issued ${longDate(snapshot.issue.issuedOn)}`;
}

/** Number and verification address of an issued document. */
function identification(snapshot: DocumentSnapshot): Pick<DocumentModel, 'documentNumber' | 'verifyUrl'> {
  return { documentNumber: snapshot.issue.documentNumber ?? null, verifyUrl: snapshot.issue.verifyUrl ?? null };
}

/** Intake to the final examination (the last examination on record). */
function periodOfStudy(record: RecordSnapshot): string {
  const end = finalExaminationDate(record);
  return `Period of study: ${longDate(`${record.student.cohort}-09-01`)} (intake) to ${end ? `${longDate(end)} (final examination)` : '–'}.`;
}

function diplomaReference(issue: DocumentSnapshot['issue']): string {
  return issue.diplomaNumber ? `This supplement accompanies the joint degree Master\u2019s diploma no. ${issue.diplomaNumber}.` : 'This supplement accompanies the joint degree Master\u2019s diploma (§17), which carries its own number.';
}

/** §18: the Diploma Supplement in the eight sections of the EU / Council of Europe / UNESCO model. */
export function buildDiplomaSupplement(snapshot: DocumentSnapshot): DocumentModel {
  const { record, issue } = snapshot;
  const thesis = finalThesis(record);
  const awarding = INSTITUTIONS.map((i) => `${i.originalName} \u2013 ${i.name}, ${i.country}. ${i.status}.`);
  return {
    kind: DocumentKind.DIPLOMA_SUPPLEMENT,
    title: 'Diploma Supplement',
    subtitle: PROGRAMME.qualification,
    documentId: issue.documentId,
    ...identification(snapshot),
    version: issue.version,
    issuedOn: issue.issuedOn,
    preamble: [DS_INTRODUCTION, DS_INTRODUCTION_CLOSING],
    sections: [
      section('1', 'Information identifying the holder of the qualification', { fields: holderFields(record, true) }),
      section('2', 'Information identifying the qualification', {
        fields: [
          { label: '2.1 Name of qualification and title conferred', value: `${PROGRAMME.qualification} (joint degree); title: ${PROGRAMME.title}` },
          { label: '2.2 Main field(s) of study', value: PROGRAMME.fieldsOfStudy },
          { label: '2.3 Name and status of awarding institutions', value: awarding.join('\n') },
          { label: '2.4 Name and status of institutions administering studies', value: `The same three institutions jointly, in the ${PROGRAMME.programme}; KU Leuven coordinates (§5 (3)).` },
          { label: '2.5 Language(s) of instruction and examination', value: PROGRAMME.language },
        ],
      }),
      section('3', 'Information on the level and duration of the qualification', {
        fields: [
          { label: '3.1 Level of the qualification', value: PROGRAMME.level },
          { label: '3.2 Official duration of programme', value: `${PROGRAMME.length} (§6)` },
          { label: '3.3 Access requirement(s)', value: PROGRAMME.accessRequirements },
        ],
      }),
      section('4', 'Information on the programme completed and the results obtained', {
        parts: [
          section('4.1', 'Mode of study', { paragraphs: [PROGRAMME.modeOfStudy, periodOfStudy(record)] }),
          section('4.2', 'Programme learning outcomes and requirements', { paragraphs: [PROGRAMME.learningOutcomes, PROGRAMME.requirements] }),
          section('4.3', 'Programme details, individual credits and grades obtained', {
            paragraphs: [
              `${record.progression.totalCredits} of ${PROGRAMME_TOTAL_CREDITS} ECTS credits. Master thesis: \u201c${thesis?.title ?? '–'}\u201d, ${thesis?.score ?? '–'} points, grade ${thesis?.grade ?? '–'}${thesis?.label ? ` (${labelText(thesis.label)})` : ''}. Each university grades its own courses / modules on its own scale (4.4); credits recognised under §13 were earned elsewhere and are marked as such.`,
            ],
            tables: [...courseTables(record), thesisTable(record)],
          }),
          section('4.4', 'Grading system and, if available, grade distribution guidance', {
            paragraphs: [
              'Scores are points out of 100. Each university converts a score into its own grade (§16 (1), (3)); the thesis module and the final overall grade are given on the KU Leuven scale (§16 (4)). The tables give every row of each scale as the regulations define it.',
              issue.gradeDistribution
                ? `Grade distribution guidance: the ECTS grading tables below give, for each passing grade, its share of all passing grades in the reference group (the students admitted in ${issue.gradeDistribution.intake}, as recorded on the issue date), as the ECTS Users\u2019 Guide recommends.`
                : 'Grade distribution guidance: not available for this document.',
            ],
            tables: [...gradingTables(), ...(issue.gradeDistribution ? ectsGradingTables(issue.gradeDistribution) : [])],
          }),
          section('4.5', 'Overall classification of the qualification', { paragraphs: [overallText(record), PROGRAMME.overallRule] }),
        ],
      }),
      section('5', 'Information on the function of the qualification', {
        fields: [
          { label: '5.1 Access to further study', value: PROGRAMME.accessToFurtherStudy },
          { label: '5.2 Access to a regulated profession (if applicable)', value: PROGRAMME.professionalStatus },
        ],
      }),
      section('6', 'Additional information', {
        fields: [
          { label: '6.1 Additional information', value: `${diplomaReference(issue)} ${JOINT_DEGREE_NOTE} ${FLEMISH_DATABASE_NOTE} ${STATE_DOCUMENT}` },
          { label: '6.2 Further information sources', value: INSTITUTIONS.map((i) => `${i.name}: ${i.url}`).join('\n') },
        ],
      }),
      section('7', 'Certification of the supplement', {
        fields: [
          { label: '7.1 Date', value: longDate(issue.issuedOn) },
          { label: '7.2 Signatures', value: signatureBlock(issue.signatories).map((p) => `${p.name}, ${p.institution}`).join('\n') },
          { label: '7.3 Capacity', value: `${issue.signatories.chair.name}: ${issue.signatories.chair.role}; the members of the Academic Committee (§5 (3), §18 (1))` },
          { label: '7.4 Official stamp or seal', value: PAPER_NOTE },
        ],
      }),
      section('8', 'Information on the national higher education systems', {
        paragraphs: NATIONAL_SYSTEMS.map((s) => `${s.country}. ${s.text}`),
      }),
    ],
    signatures: signatureBlock(issue.signatories),
    footerNote: footer('Diploma Supplement', snapshot),
  };
}

/** Where the joint diploma is conferred: the seat of the coordinating university (§5 (3)). */
export const CONFERRAL_PLACE = 'Leuven';

/**
 * §17 (1): name, date and place of birth; awarded jointly by the three; degree and title; overall
 * grade. Worded as a diploma is, with no citations on its face: the regulations it rests on are
 * in the supplement.
 */
export function buildDiploma(snapshot: DocumentSnapshot): DocumentModel {
  const { record, issue } = snapshot;
  const o = record.overall;
  const finished = finalExaminationDate(record);
  return {
    kind: DocumentKind.DIPLOMA,
    title: 'Joint Degree Master\u2019s Diploma',
    subtitle: INSTITUTIONS.map((i) => i.name).join(' \u00b7 '),
    documentId: issue.documentId,
    ...identification(snapshot),
    version: issue.version,
    issuedOn: issue.issuedOn,
    preamble: [
      'The Rectors of KU Leuven (Belgium), the University of Münster (Germany) and Tallinn University of Technology (Estonia), the awarding institutions, jointly confer on',
    ],
    sections: [
      section('', fullName(record), {
        fields: [
          { label: 'Born', value: `${longDate(record.student.dateOfBirth)} in ${record.student.placeOfBirth}` },
          { label: 'Degree', value: PROGRAMME.qualification },
          { label: 'Title', value: PROGRAMME.title },
          { label: 'Programme', value: `${PROGRAMME.programme}, ${PROGRAMME_TOTAL_CREDITS} ECTS credits` },
          { label: 'Overall grade', value: o ? `${o.grade} out of 20 (${labelText(o.label)})` : '–' },
        ],
        paragraphs: [
          `the degree of ${PROGRAMME.qualification}, the graduate having passed every examination of the ${PROGRAMME.programme}${finished ? ` on ${longDate(finished)}` : ''}, with the overall grade ${o ? `${o.grade} out of 20 (${labelText(o.label)})` : '–'}.`,
          `Conferred at ${CONFERRAL_PLACE} on ${longDate(issue.issuedOn)}.`,
        ],
      }),
    ],
    signatures: [...issue.signatories.rectors, issue.signatories.chair],
    footerNote: footer('Diploma', snapshot),
  };
}

/**
 * §15 (5): the transcript of a student who has permanently failed (every course with its result,
 * the thesis attempts); or the current record for the student and staff, which is not an issued
 * document and says so.
 */
export function buildTranscript(snapshot: DocumentSnapshot, current = false): DocumentModel {
  const { record, issue } = snapshot;
  const status = record.progression.permanentlyFailed
    ? `The master\u2019s examination has been permanently failed (${record.progression.permanentFailureReason === 'THESIS' ? '§15 (2), (3)' : record.progression.permanentFailureReason === 'EXCLUSION' ? '§20' : '§15 (4)'}).`
    : record.progression.masterExaminationPassed
      ? 'The master\u2019s examination has been passed (§15 (1)).'
      : 'Studies in progress.';
  const fields: DocField[] = [
    ...holderFields(record, false),
    { label: 'Programme', value: PROGRAMME.programme },
    { label: 'Intake', value: `Winter semester ${record.student.cohort}/${String((record.student.cohort + 1) % 100).padStart(2, '0')}` },
    { label: 'Credits earned', value: `${record.progression.totalCredits} of ${PROGRAMME_TOTAL_CREDITS} ECTS credits` },
    { label: 'Status', value: status },
  ];
  if (!current && issue.exmatriculation) {
    fields.push({ label: 'Certificate of exmatriculation', value: `${issue.exmatriculation.reference}, dated ${longDate(issue.exmatriculation.certificateDate)} (§15 (5))` });
  }
  // §15 (5): after exmatriculation (the issued transcript) nothing is in progress any more.
  const tables = attemptTables(record, !current);
  if (record.theses.length) tables.push(thesisTable(record, !current));
  return {
    kind: current ? 'CURRENT_TRANSCRIPT' : DocumentKind.TRANSCRIPT_OF_RECORDS,
    title: current ? 'Current Record (not an official transcript)' : 'Transcript of Records',
    subtitle: PROGRAMME.qualification,
    documentId: current ? null : issue.documentId,
    ...(current ? { documentNumber: null, verifyUrl: null } : identification(snapshot)),
    version: current ? null : issue.version,
    issuedOn: issue.issuedOn,
    preamble: current
      ? ['The student\u2019s record as the three universities hold it today. It is not an issued document and certifies nothing.']
      : ['Transcript of all coursework and examinations completed, with their grades where applicable, issued on request after the permanent failure of the master\u2019s examination (§15 (5)).'],
    sections: [
      section('1', 'Student', { fields }),
      section('2', 'Courses, modules and the Master thesis', { tables }),
      section('3', 'Grading systems', { tables: gradingTables(record.theses.length ? ['LEUVEN', 'MUENSTER', 'TTU', 'OVERALL'] : ['LEUVEN', 'MUENSTER', 'TTU']) }),
    ],
    signatures: current ? [] : signatureBlock(issue.signatories),
    footerNote: current ? `Current record, printed ${longDate(issue.issuedOn)}` : footer('Transcript of Records', snapshot),
  };
}

export function buildModel(snapshot: DocumentSnapshot): DocumentModel {
  switch (snapshot.issue.kind) {
    case DocumentKind.DIPLOMA:
      return buildDiploma(snapshot);
    case DocumentKind.DIPLOMA_SUPPLEMENT:
      return buildDiplomaSupplement(snapshot);
    case DocumentKind.TRANSCRIPT_OF_RECORDS:
      return buildTranscript(snapshot);
  }
}

export { institution };
