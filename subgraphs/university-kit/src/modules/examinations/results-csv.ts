import { parse } from 'csv-parse/sync';
import type { University } from '@pioneer/shared/graphql';
import { assertPrintable, DomainError, ErrorCode, isDomainError } from '@pioneer/shared/errors';
import { pointsOfGrade } from '@pioneer/shared/regulations';
import { ResultStatus } from './exam-result.entity.js';

/**
 * The CSV export each university's student information system gives its examinations office,
 * read into result lines (docs/examinations-office.md documents the formats). Parsing is
 * csv-parse's (quotes, embedded separators and line breaks, BOM); this file only knows the
 * columns, the local words and how a local grade maps back to points (§16 (1)).
 */

export type CsvColumn = 'studentNumber' | 'courseCode' | 'examinationKey' | 'attempt' | 'examinedOn' | 'points' | 'grade' | 'examiner' | 'status';

export interface CsvFormat {
  /** Per column, the headers accepted: the university's own first (documented), then the English one. */
  columns: Record<CsvColumn, readonly string[]>;
  /** Words of the grade column for a pass / fail verdict. */
  passed: readonly string[];
  failed: readonly string[];
  /** Words of the status (or grade) column for the statuses of §20. */
  statuses: Readonly<Record<string, ResultStatus>>;
  /** Words of the attempt column for "the student's next attempt" (an empty cell says it too). */
  next: readonly string[];
}

const ENGLISH = {
  columns: {
    studentNumber: 'student_number',
    courseCode: 'course_code',
    examinationKey: 'examination',
    attempt: 'attempt',
    examinedOn: 'date',
    points: 'points',
    grade: 'grade',
    examiner: 'examiner',
    status: 'status',
  } satisfies Record<CsvColumn, string>,
  passed: ['pass', 'passed'],
  failed: ['fail', 'failed'],
  statuses: { graded: 'GRADED', absent: 'ABSENT', withdrawn: 'WITHDRAWN', fraud: 'FRAUD', plagiarism: 'PLAGIARISM' } as Record<string, ResultStatus>,
  next: ['next'],
};

function format(local: Record<CsvColumn, string>, words: Omit<CsvFormat, 'columns'>): CsvFormat {
  const columns = Object.fromEntries((Object.keys(local) as CsvColumn[]).map((c) => [c, [local[c], ENGLISH.columns[c]]])) as Record<CsvColumn, string[]>;
  return {
    columns,
    passed: [...words.passed, ...ENGLISH.passed],
    failed: [...words.failed, ...ENGLISH.failed],
    statuses: { ...ENGLISH.statuses, ...words.statuses },
    next: [...words.next, ...ENGLISH.next],
  };
}

/** The columns of each university's export (KU Leuven in Dutch, Münster in German, TalTech in Estonian). */
export const CSV_FORMATS: Readonly<Record<University, CsvFormat>> = {
  LEUVEN: format(
    { studentNumber: 'Studentennummer', courseCode: 'OPO', examinationKey: 'Evaluatie', attempt: 'Poging', examinedOn: 'Examendatum', points: 'Punten', grade: 'Score', examiner: 'Examinator', status: 'Status' },
    { passed: ['geslaagd'], failed: ['niet geslaagd'], statuses: { afwezig: 'ABSENT', teruggetrokken: 'WITHDRAWN', fraude: 'FRAUD', plagiaat: 'PLAGIARISM' }, next: ['volgende'] },
  ),
  MUENSTER: format(
    { studentNumber: 'Matrikelnummer', courseCode: 'Modul', examinationKey: 'Prüfung', attempt: 'Versuch', examinedOn: 'Prüfungsdatum', points: 'Punkte', grade: 'Note', examiner: 'Prüfer', status: 'Status' },
    {
      passed: ['bestanden', 'be'],
      failed: ['nicht bestanden', 'nb'],
      // HISinOne's short forms: nicht erschienen, Rücktritt, Täuschung.
      statuses: { ne: 'ABSENT', 'nicht erschienen': 'ABSENT', rt: 'WITHDRAWN', 'rücktritt': 'WITHDRAWN', ta: 'FRAUD', 'täuschung': 'FRAUD', plagiat: 'PLAGIARISM' },
      next: ['nächster'],
    },
  ),
  TTU: format(
    { studentNumber: 'Matrikli nr', courseCode: 'Ainekood', examinationKey: 'Hindamine', attempt: 'Katse', examinedOn: 'Kuupäev', points: 'Punktid', grade: 'Hinne', examiner: 'Hindaja', status: 'Staatus' },
    { passed: ['arvestatud', 'a'], failed: ['mittearvestatud', 'mitte arvestatud', 'ma'], statuses: { mi: 'ABSENT', 'mitte ilmunud': 'ABSENT', loobunud: 'WITHDRAWN', pettus: 'FRAUD', plagiaat: 'PLAGIARISM' }, next: ['järgmine'] },
  ),
};

const REQUIRED: readonly CsvColumn[] = ['studentNumber', 'courseCode', 'examinationKey', 'examinedOn', 'examiner'];

/** Headers and words compared without case, accents, spaces or punctuation ("Prüfungsdatum" = "prufungsdatum"). */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** What one data line says, before any student's record is looked at. */
export interface CsvResult {
  studentNumber: string;
  courseCode: string;
  examinationKey: string;
  attempt: number | null;
  examinedOn: string;
  status: ResultStatus;
  points: number | null;
  passed: boolean | null;
  examiner: string;
  /** The grade column gave the points (a grade that stands for exactly one point value). */
  pointsFromGrade: boolean;
}

export interface CsvLine {
  line: number;
  /** The cells by column, as the file has them (trimmed). */
  cells: Partial<Record<CsvColumn, string>>;
  result: CsvResult | null;
  /** Why the line cannot be read; `column` is the file's own header. */
  refusal: { code: string; message: string; column: string | null } | null;
}

export interface CsvFile {
  delimiter: ';' | ',';
  /** The file's header of each column found. */
  headers: Partial<Record<CsvColumn, string>>;
  lines: CsvLine[];
}

/** The separator of the header line: ";" or "," (outside quotes), whichever it has more of. */
export function detectDelimiter(text: string): ';' | ',' {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const unquoted = header.replace(/"[^"]*"/g, '');
  const count = (c: string) => unquoted.split(c).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

/** A date as the exports write it: ISO 2026-01-20, 20.01.2026 (Münster, TalTech) or 20/01/2026 (KU Leuven); returned ISO. */
export function isoDate(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return text;
  const local = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (local) return `${local[3]}-${local[2]!.padStart(2, '0')}-${local[1]!.padStart(2, '0')}`;
  throw new DomainError(ErrorCode.INVALID_DATE, `"${text}" is not a date (2026-01-20, 20.01.2026 or 20/01/2026)`, { field: 'examinedOn' });
}

/** Points as a whole number; "73", "73,0" and "73.0" are 73, "72,5" is refused (§16 (1) gives whole points). */
export function parsePoints(text: string): number {
  const normal = text.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normal)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `"${text}" is not a number of points`, { field: 'points' });
  const value = Number(normal);
  if (!Number.isInteger(value)) throw new DomainError(ErrorCode.POINTS_NOT_INTEGER, `${text} points: points are whole numbers (§16 (1))`, { field: 'points' });
  return value;
}

/**
 * A local grade back to points: only where the grade stands for exactly one point value. A grade
 * is a band of the table (Münster 2,3 = 75-79 points) and the course score is the weighted mean
 * of the points (§16 (3)): any point value chosen inside the band could change the course's
 * grade, so the row asks for the points instead.
 */
export function pointsForGrade(university: University, text: string): number {
  const range = pointsOfGrade(university, text);
  if (!range) throw new DomainError(ErrorCode.BAD_USER_INPUT, `"${text}" is not a grade of the ${university} scale (§16 (1))`, { field: 'grade' });
  if (range.from !== range.to) {
    throw new DomainError(ErrorCode.GRADE_AMBIGUOUS, `Grade ${text} stands for ${range.from}-${range.to} points (§16 (1)): give the points`, {
      field: 'grade',
      from: range.from,
      to: range.to,
    });
  }
  return range.from;
}

/**
 * Reads a file of `university`'s format. A file that is not such a file (no header, missing
 * columns, broken quoting) is refused as a whole, CSV_INVALID; a bad line is refused on its own.
 */
export function readResultsCsv(university: University, text: string): CsvFile {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  const fmt = CSV_FORMATS[university];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as never;
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new DomainError(ErrorCode.CSV_INVALID, `The file is not readable CSV: ${String(err.message ?? e).slice(0, 200)}`, { line: err.lines ?? null });
  }
  const [head, ...data] = records;
  if (!head) throw new DomainError(ErrorCode.CSV_INVALID, 'The file is empty: it needs a header line and a line per result');
  const index = new Map<CsvColumn, number>();
  const headers: Partial<Record<CsvColumn, string>> = {};
  head.record.forEach((cell, i) => {
    const found = (Object.keys(fmt.columns) as CsvColumn[]).find((c) => fmt.columns[c].some((h) => normalise(h) === normalise(cell)));
    if (found && !index.has(found)) {
      index.set(found, i);
      headers[found] = cell;
    }
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length || (!index.has('points') && !index.has('grade'))) {
    const need = [...missing, ...(!index.has('points') && !index.has('grade') ? (['points'] as const) : [])];
    throw new DomainError(ErrorCode.CSV_INVALID, `The header lacks ${need.map((c) => `"${fmt.columns[c][0]}"`).join(', ')} (${university} format, docs/examinations-office.md)`, {
      missing: need.map((c) => fmt.columns[c][0]),
      expected: (Object.keys(fmt.columns) as CsvColumn[]).map((c) => fmt.columns[c][0]),
      delimiter,
    });
  }
  const lines = data.map(({ record, info }): CsvLine => {
    const cells: Partial<Record<CsvColumn, string>> = {};
    for (const [column, i] of index) cells[column] = record[i] ?? '';
    let column: CsvColumn | null = null;
    try {
      if (record.length !== head.record.length) {
        throw new DomainError(ErrorCode.CSV_INVALID, `${record.length} cells where the header has ${head.record.length}`, {});
      }
      for (const [c, value] of Object.entries(cells) as [CsvColumn, string][]) {
        column = c;
        assertPrintable(value, headers[c]!);
        if (value.length > 200) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${headers[c]} has more than 200 characters`, {});
      }
      return { line: info.lines, cells, result: readLine(university, fmt, cells, (c) => (column = c)), refusal: null };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      const at = (typeof e.details.field === 'string' ? columnOfField(e.details.field, cells) : null) ?? column;
      return { line: info.lines, cells, result: null, refusal: { code: e.code, message: e.message, column: at ? (headers[at] ?? null) : null } };
    }
  });
  return { delimiter, headers, lines };
}

/** The column a rule's field comes from in a file (points may come from the grade column). */
export function columnOfField(field: string, cells: Partial<Record<CsvColumn, string>>): CsvColumn | null {
  switch (field) {
    case 'student':
      return 'studentNumber';
    case 'courseCode':
    case 'examinationKey':
    case 'attempt':
    case 'examinedOn':
    case 'examiner':
    case 'status':
    case 'grade':
      return field;
    case 'registeredOn':
      return 'examinedOn';
    case 'points':
      return cells.points ? 'points' : 'grade';
    case 'passed':
      return 'grade';
    default:
      return null;
  }
}

function readLine(university: University, fmt: CsvFormat, cells: Partial<Record<CsvColumn, string>>, at: (c: CsvColumn) => void): CsvResult {
  const word = (text: string | undefined, list: readonly string[]) => text !== undefined && list.some((w) => normalise(w) === normalise(text));
  const statusOf = (text: string | undefined): ResultStatus | null => {
    if (!text) return null;
    const found = Object.entries(fmt.statuses).find(([w]) => normalise(w) === normalise(text));
    return found ? found[1] : null;
  };
  at('attempt');
  const attemptText = cells.attempt ?? '';
  let attempt: number | null = null;
  if (attemptText !== '' && !word(attemptText, fmt.next)) {
    if (!/^\d+$/.test(attemptText)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `"${attemptText}" is not an attempt (1, 2, … or empty for the next)`, { field: 'attempt' });
    attempt = Number(attemptText);
  }
  at('examinedOn');
  const examinedOn = isoDate(cells.examinedOn ?? '');
  at('status');
  let status: ResultStatus = ResultStatus.GRADED;
  if (cells.status) {
    const s = statusOf(cells.status);
    if (!s) throw new DomainError(ErrorCode.BAD_USER_INPUT, `"${cells.status}" is not a status (${Object.keys(fmt.statuses).join(', ')})`, { field: 'status' });
    status = s;
  }
  at('grade');
  const grade = cells.grade ?? '';
  let passed: boolean | null = null;
  let gradePoints: number | null = null;
  if (grade !== '') {
    const gradeStatus = statusOf(grade);
    if (word(grade, fmt.passed)) passed = true;
    else if (word(grade, fmt.failed)) passed = false;
    else if (gradeStatus && gradeStatus !== ResultStatus.GRADED) status = gradeStatus;
    else if (!cells.points) gradePoints = pointsForGrade(university, grade);
  }
  at('points');
  let points = cells.points ? parsePoints(cells.points) : gradePoints;
  if (cells.points && grade !== '' && passed === null && status === ResultStatus.GRADED && points !== null) {
    // Both given: they must agree (§16 (1)), or the export is not what the office thinks it is.
    const range = pointsOfGrade(university, grade);
    at('grade');
    if (!range) throw new DomainError(ErrorCode.BAD_USER_INPUT, `"${grade}" is not a grade of the ${university} scale (§16 (1))`, { field: 'grade' });
    if (points < range.from || points > range.to) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `${points} points are not grade ${grade}, which is ${range.from}-${range.to} points (§16 (1))`, { field: 'grade' });
    }
  }
  if (status !== ResultStatus.GRADED) points = cells.points ? points : null;
  return {
    studentNumber: cells.studentNumber ?? '',
    courseCode: cells.courseCode ?? '',
    examinationKey: cells.examinationKey ?? '',
    attempt,
    examinedOn,
    status,
    points,
    passed,
    examiner: cells.examiner ?? '',
    pointsFromGrade: !cells.points && gradePoints !== null,
  };
}
