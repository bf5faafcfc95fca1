/**
 * The grading tables of §16 (1), (3) and (4), as data.
 *
 * Two versions of every table are kept:
 *  - PRINTED_GRADING_TABLES: the rows exactly as the extracted text prints them (labels the text
 *    leaves out are `null`, the KU Leuven 50-point gap is kept), so the validator can show what is
 *    wrong with the printed text;
 *  - GRADING_TABLES: the resolved tables the engine grades with (see docs/regulations.md,
 *    "How the tables were reconstructed" and "Interpretations").
 * No other file contains a row, a pass mark or a label of these tables: everything else is
 * derived from them.
 */
import { DomainError, ErrorCode } from '../errors/index.js';
import { assertPoints, MAX_POINTS, MIN_POINTS } from './points.js';
import type { UniversityCode } from './programme.js';

/** The result column of §16 (1), from worst to best. */
export type ResultLabel = 'FAIL' | 'SUFFICIENT' | 'SATISFACTORY' | 'GOOD' | 'VERY_GOOD' | 'EXCELLENT';

/** Worst to best; the index is the label's rank. */
export const RESULT_LABELS: readonly ResultLabel[] = ['FAIL', 'SUFFICIENT', 'SATISFACTORY', 'GOOD', 'VERY_GOOD', 'EXCELLENT'];

// §16 (1): the words of the "Result" column.
const RESULT_LABEL_TEXT: Readonly<Record<ResultLabel, string>> = {
  FAIL: 'Fail',
  SUFFICIENT: 'Sufficient',
  SATISFACTORY: 'Satisfactory',
  GOOD: 'Good',
  VERY_GOOD: 'Very Good',
  EXCELLENT: 'Excellent',
};

/** The label as the regulations print it: 'Fail', 'Very Good', … */
export function labelText(label: ResultLabel): string {
  const text = RESULT_LABEL_TEXT[label];
  if (text === undefined) throw new DomainError(ErrorCode.BAD_USER_INPUT, `unknown result label ${String(label)}`, { label });
  return text;
}

/** 0 for FAIL … 5 for EXCELLENT. */
export function labelRank(label: ResultLabel): number {
  const rank = RESULT_LABELS.indexOf(label);
  if (rank < 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, `unknown result label ${String(label)}`, { label });
  return rank;
}

/** A university's scale, or OVERALL: the §16 (4) table of the final overall grade. */
export type ScaleId = UniversityCode | 'OVERALL';
export const SCALE_IDS: readonly ScaleId[] = ['LEUVEN', 'MUENSTER', 'TTU', 'OVERALL'];

/** A row: every whole point value from `from` to `to` (both inclusive) gets this grade. */
export interface GradingRow {
  readonly from: number;
  readonly to: number;
  /** Display form: '14' (KU Leuven, out of 20), '1.3' / '4.0' / '5.0' (Münster), '3' (TTÜ). */
  readonly grade: string;
  readonly gradeValue: number;
  readonly label: ResultLabel;
}

export interface GradingTable {
  readonly scale: ScaleId;
  readonly section: string;
  /** Münster grades run the German way (1.0 best); KU Leuven and TTÜ grades grow with points. */
  readonly betterGrade: 'HIGHER' | 'LOWER';
  readonly rows: readonly GradingRow[];
}

/** A row as printed in the extracted text. `label` is null where the text prints none. */
export interface PrintedGradingRow {
  readonly printedPoints: string;
  readonly from: number;
  readonly to: number;
  readonly printedGrade: string;
  readonly label: ResultLabel | null;
}

export interface PrintedGradingTable {
  readonly scale: ScaleId;
  readonly section: string;
  readonly rows: readonly PrintedGradingRow[];
}

/** The grade a point value gets on a scale. */
export interface LocalGrade {
  points: number;
  grade: string;
  gradeValue: number;
  label: ResultLabel;
  passed: boolean;
}

// ---------------------------------------------------------------------------------------------
// The tables as printed (§16 (1); repeated in §16 (3); KU Leuven column repeated in §16 (4)).
// "< 50" is read as 0–49 and "< 51" as 0–50 (points are whole numbers from 0).
// ---------------------------------------------------------------------------------------------

// §16 (1) Münster column, as extracted: four labels only, grades with decimal commas.
const PRINTED_MUENSTER_ROWS: readonly PrintedGradingRow[] = [
  { printedPoints: '< 50', from: 0, to: 49, printedGrade: '5', label: 'FAIL' },
  { printedPoints: '50-54', from: 50, to: 54, printedGrade: '4', label: 'SUFFICIENT' },
  { printedPoints: '55-59', from: 55, to: 59, printedGrade: '3,7', label: null },
  { printedPoints: '60-64', from: 60, to: 64, printedGrade: '3,3', label: null },
  { printedPoints: '65-69', from: 65, to: 69, printedGrade: '3', label: 'SATISFACTORY' },
  { printedPoints: '70-74', from: 70, to: 74, printedGrade: '2,7', label: null },
  { printedPoints: '75-79', from: 75, to: 79, printedGrade: '2,3', label: 'GOOD' },
  { printedPoints: '80-84', from: 80, to: 84, printedGrade: '2', label: null },
  { printedPoints: '85-89', from: 85, to: 89, printedGrade: '1,7', label: null },
  { printedPoints: '90-94', from: 90, to: 94, printedGrade: '1,3', label: 'EXCELLENT' },
  { printedPoints: '95-100', from: 95, to: 100, printedGrade: '1', label: null },
];

// §16 (1) TTÜ column, as extracted.
const PRINTED_TTU_ROWS: readonly PrintedGradingRow[] = [
  { printedPoints: '< 51', from: 0, to: 50, printedGrade: '0', label: 'FAIL' },
  { printedPoints: '51-60', from: 51, to: 60, printedGrade: '1', label: 'SUFFICIENT' },
  { printedPoints: '61-70', from: 61, to: 70, printedGrade: '2', label: 'SATISFACTORY' },
  { printedPoints: '71-80', from: 71, to: 80, printedGrade: '3', label: 'GOOD' },
  { printedPoints: '81-90', from: 81, to: 90, printedGrade: '4', label: 'VERY_GOOD' },
  { printedPoints: '91-100', from: 91, to: 100, printedGrade: '5', label: 'EXCELLENT' },
];

// §16 (1) KU Leuven column, as extracted (identical in §16 (3) and §16 (4)): 50 is in no row.
const PRINTED_LEUVEN_ROWS: readonly PrintedGradingRow[] = [
  { printedPoints: '< 50', from: 0, to: 49, printedGrade: '0-9', label: 'FAIL' },
  { printedPoints: '51-59', from: 51, to: 59, printedGrade: '10-11', label: 'SUFFICIENT' },
  { printedPoints: '60-69', from: 60, to: 69, printedGrade: '12-13', label: 'SATISFACTORY' },
  { printedPoints: '70-79', from: 70, to: 79, printedGrade: '14-15', label: 'GOOD' },
  { printedPoints: '80-89', from: 80, to: 89, printedGrade: '16-17', label: 'VERY_GOOD' },
  { printedPoints: '90-100', from: 90, to: 100, printedGrade: '18-20', label: 'EXCELLENT' },
];

export const PRINTED_GRADING_TABLES: Readonly<Record<ScaleId, PrintedGradingTable>> = {
  LEUVEN: { scale: 'LEUVEN', section: '§16 (1), (3)', rows: PRINTED_LEUVEN_ROWS },
  MUENSTER: { scale: 'MUENSTER', section: '§16 (1), (3)', rows: PRINTED_MUENSTER_ROWS },
  TTU: { scale: 'TTU', section: '§16 (1), (3)', rows: PRINTED_TTU_ROWS },
  // §16 (4) prints the KU Leuven table again for the final overall grade: same rows.
  OVERALL: { scale: 'OVERALL', section: '§16 (4)', rows: PRINTED_LEUVEN_ROWS },
};

// ---------------------------------------------------------------------------------------------
// The resolved tables the engine grades with.
// ---------------------------------------------------------------------------------------------

// §16 (1) Münster, labels reconstructed by the German convention (ausreichend 4.0–3.7,
// befriedigend 3.3–2.7, gut 2.3–1.7, sehr gut 1.3–1.0); Münster has no "Very Good".
const MUENSTER_ROWS: readonly GradingRow[] = [
  { from: 0, to: 49, grade: '5.0', gradeValue: 5.0, label: 'FAIL' },
  { from: 50, to: 54, grade: '4.0', gradeValue: 4.0, label: 'SUFFICIENT' },
  { from: 55, to: 59, grade: '3.7', gradeValue: 3.7, label: 'SUFFICIENT' },
  { from: 60, to: 64, grade: '3.3', gradeValue: 3.3, label: 'SATISFACTORY' },
  { from: 65, to: 69, grade: '3.0', gradeValue: 3.0, label: 'SATISFACTORY' },
  { from: 70, to: 74, grade: '2.7', gradeValue: 2.7, label: 'SATISFACTORY' },
  { from: 75, to: 79, grade: '2.3', gradeValue: 2.3, label: 'GOOD' },
  { from: 80, to: 84, grade: '2.0', gradeValue: 2.0, label: 'GOOD' },
  { from: 85, to: 89, grade: '1.7', gradeValue: 1.7, label: 'GOOD' },
  { from: 90, to: 94, grade: '1.3', gradeValue: 1.3, label: 'EXCELLENT' },
  { from: 95, to: 100, grade: '1.0', gradeValue: 1.0, label: 'EXCELLENT' },
];

// §16 (1) TTÜ, as printed (it is already complete and unambiguous).
const TTU_ROWS: readonly GradingRow[] = [
  { from: 0, to: 50, grade: '0', gradeValue: 0, label: 'FAIL' },
  { from: 51, to: 60, grade: '1', gradeValue: 1, label: 'SUFFICIENT' },
  { from: 61, to: 70, grade: '2', gradeValue: 2, label: 'SATISFACTORY' },
  { from: 71, to: 80, grade: '3', gradeValue: 3, label: 'GOOD' },
  { from: 81, to: 90, grade: '4', gradeValue: 4, label: 'VERY_GOOD' },
  { from: 91, to: 100, grade: '5', gradeValue: 5, label: 'EXCELLENT' },
];

// §16 (1) KU Leuven, resolved: 50 joins "Sufficient" (50/100 = 10/20) and each printed grade range
// is split into 5-point rows (grade = ⌊points / 5⌋, the only rule that maps every printed band
// exactly onto its printed grade range: 0–49 → 0–9, 50–59 → 10–11, …, 90–100 → 18–20).
const LEUVEN_ROWS: readonly GradingRow[] = [
  { from: 0, to: 4, grade: '0', gradeValue: 0, label: 'FAIL' },
  { from: 5, to: 9, grade: '1', gradeValue: 1, label: 'FAIL' },
  { from: 10, to: 14, grade: '2', gradeValue: 2, label: 'FAIL' },
  { from: 15, to: 19, grade: '3', gradeValue: 3, label: 'FAIL' },
  { from: 20, to: 24, grade: '4', gradeValue: 4, label: 'FAIL' },
  { from: 25, to: 29, grade: '5', gradeValue: 5, label: 'FAIL' },
  { from: 30, to: 34, grade: '6', gradeValue: 6, label: 'FAIL' },
  { from: 35, to: 39, grade: '7', gradeValue: 7, label: 'FAIL' },
  { from: 40, to: 44, grade: '8', gradeValue: 8, label: 'FAIL' },
  { from: 45, to: 49, grade: '9', gradeValue: 9, label: 'FAIL' },
  { from: 50, to: 54, grade: '10', gradeValue: 10, label: 'SUFFICIENT' },
  { from: 55, to: 59, grade: '11', gradeValue: 11, label: 'SUFFICIENT' },
  { from: 60, to: 64, grade: '12', gradeValue: 12, label: 'SATISFACTORY' },
  { from: 65, to: 69, grade: '13', gradeValue: 13, label: 'SATISFACTORY' },
  { from: 70, to: 74, grade: '14', gradeValue: 14, label: 'GOOD' },
  { from: 75, to: 79, grade: '15', gradeValue: 15, label: 'GOOD' },
  { from: 80, to: 84, grade: '16', gradeValue: 16, label: 'VERY_GOOD' },
  { from: 85, to: 89, grade: '17', gradeValue: 17, label: 'VERY_GOOD' },
  { from: 90, to: 94, grade: '18', gradeValue: 18, label: 'EXCELLENT' },
  { from: 95, to: 99, grade: '19', gradeValue: 19, label: 'EXCELLENT' },
  { from: 100, to: 100, grade: '20', gradeValue: 20, label: 'EXCELLENT' },
];

export const GRADING_TABLES: Readonly<Record<ScaleId, GradingTable>> = {
  LEUVEN: { scale: 'LEUVEN', section: '§16 (1), (3)', betterGrade: 'HIGHER', rows: LEUVEN_ROWS },
  MUENSTER: { scale: 'MUENSTER', section: '§16 (1), (3)', betterGrade: 'LOWER', rows: MUENSTER_ROWS },
  TTU: { scale: 'TTU', section: '§16 (1), (3)', betterGrade: 'HIGHER', rows: TTU_ROWS },
  // §16 (4): the final overall grade is given on the KU Leuven table, the same rows.
  OVERALL: { scale: 'OVERALL', section: '§16 (4)', betterGrade: 'HIGHER', rows: LEUVEN_ROWS },
};

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface PointRange {
  readonly from: number;
  readonly to: number;
}

export interface GradingTableValidation {
  valid: boolean;
  /** Maximal runs of point values (0–100) that no row covers. */
  gaps: { from: number; to: number }[];
  /** Maximal runs of point values covered by the same two or more rows (row indices). */
  overlaps: { from: number; to: number; rows: number[] }[];
  /** Rows whose bounds are not whole numbers within 0–100 with from ≤ to (row indices). */
  malformed: { row: number; reason: string }[];
}

/**
 * Checks that a table gives every whole point value from 0 to 100 exactly one row.
 * Works on printed and resolved tables alike.
 */
export function validateGradingTable(table: { readonly rows: readonly PointRange[] }): GradingTableValidation {
  const malformed: { row: number; reason: string }[] = [];
  table.rows.forEach((row, index) => {
    if (!Number.isInteger(row.from) || !Number.isInteger(row.to)) {
      malformed.push({ row: index, reason: 'bounds must be whole numbers' });
    } else if (row.from > row.to) {
      malformed.push({ row: index, reason: 'from is greater than to' });
    } else if (row.from < MIN_POINTS || row.to > MAX_POINTS) {
      malformed.push({ row: index, reason: `bounds must lie within ${MIN_POINTS}–${MAX_POINTS}` });
    }
  });

  const gaps: { from: number; to: number }[] = [];
  const overlaps: { from: number; to: number; rows: number[] }[] = [];
  let run: { kind: 'gap' | 'overlap'; from: number; to: number; key: string; rows: number[] } | null = null;
  const flush = (): void => {
    if (run === null) return;
    if (run.kind === 'gap') gaps.push({ from: run.from, to: run.to });
    else overlaps.push({ from: run.from, to: run.to, rows: run.rows });
    run = null;
  };

  for (let p = MIN_POINTS; p <= MAX_POINTS; p += 1) {
    const covering: number[] = [];
    table.rows.forEach((row, index) => {
      if (row.from <= p && p <= row.to) covering.push(index);
    });
    const kind = covering.length === 0 ? 'gap' : covering.length > 1 ? 'overlap' : null;
    const key = covering.join(',');
    if (kind !== null && run !== null && run.kind === kind && run.key === key && run.to === p - 1) {
      run.to = p;
      continue;
    }
    flush();
    if (kind !== null) run = { kind, from: p, to: p, key, rows: covering };
  }
  flush();

  return { valid: gaps.length === 0 && overlaps.length === 0 && malformed.length === 0, gaps, overlaps, malformed };
}

// The resolved tables must be total and unambiguous; refuse to load otherwise.
for (const scale of SCALE_IDS) {
  const result = validateGradingTable(GRADING_TABLES[scale]);
  if (!result.valid) {
    throw new DomainError(ErrorCode.GRADING_TABLE_INVALID, `grading table ${scale} is invalid`, { scale, ...result });
  }
}

// ---------------------------------------------------------------------------------------------
// Grading
// ---------------------------------------------------------------------------------------------

function tableOf(scale: ScaleId): GradingTable {
  const table = GRADING_TABLES[scale];
  if (table === undefined) throw new DomainError(ErrorCode.BAD_USER_INPUT, `unknown grading scale ${String(scale)}`, { scale });
  return table;
}

/** §16 (1): the grade and result a whole number of points gets on a scale. */
export function gradeOnScale(scale: ScaleId, points: number): LocalGrade {
  const table = tableOf(scale);
  assertPoints(points);
  const row = table.rows.find((r) => r.from <= points && points <= r.to);
  // Unreachable: the tables are validated as total when the module loads.
  if (row === undefined) throw new DomainError(ErrorCode.GRADING_TABLE_INVALID, `no row for ${points} on ${scale}`, { scale, points });
  return { points, grade: row.grade, gradeValue: row.gradeValue, label: row.label, passed: row.label !== 'FAIL' };
}

/** An examination passes when its result is not "Fail" on its university's table (§16 (1), §8 (2)). */
export function isPassingPoints(scale: ScaleId, points: number): boolean {
  return gradeOnScale(scale, points).passed;
}

/** The lowest passing points of a scale, derived from its rows (LEUVEN 50, MUENSTER 50, TTU 51, OVERALL 50). */
export function passMark(scale: ScaleId): number {
  const passing = tableOf(scale).rows.filter((r) => r.label !== 'FAIL');
  return Math.min(...passing.map((r) => r.from));
}

/** PASS_MARKS[scale]: derived from the tables above, not a second copy of them. */
export const PASS_MARKS: Readonly<Record<ScaleId, number>> = {
  LEUVEN: passMark('LEUVEN'),
  MUENSTER: passMark('MUENSTER'),
  TTU: passMark('TTU'),
  OVERALL: passMark('OVERALL'),
};

/**
 * Compares two grades of one scale: negative when `a` is worse than `b`, 0 when equal, positive
 * when better (uses the table's grade direction: on the Münster scale 1.0 beats 1.3).
 */
export function compareGrades(scale: ScaleId, a: LocalGrade, b: LocalGrade): number {
  const direction = tableOf(scale).betterGrade === 'HIGHER' ? 1 : -1;
  return Math.sign((a.gradeValue - b.gradeValue) * direction);
}

/**
 * The point values a local grade stands for on a scale (§16 (1)): every row printing that grade,
 * as one range. `grade` is read as a number, with a decimal point or a decimal comma (Münster
 * "2,3"). Null when the scale has no such grade. A grade is a band of the table, so most grades
 * stand for several point values (Münster 2.3 = 75-79); only a band of one value (KU Leuven 20 =
 * 100) gives the points back exactly.
 */
export function pointsOfGrade(scale: ScaleId, grade: string): PointRange | null {
  const text = grade.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return null;
  // Grades are compared in hundredths: exact, no floating-point equality.
  const hundredths = Math.round(Number(text) * 100);
  const rows = tableOf(scale).rows.filter((r) => Math.round(r.gradeValue * 100) === hundredths);
  if (rows.length === 0) return null;
  return { from: Math.min(...rows.map((r) => r.from)), to: Math.max(...rows.map((r) => r.to)) };
}
