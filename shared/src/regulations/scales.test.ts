import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../errors/index.js';
import {
  compareGrades,
  gradeOnScale,
  GRADING_TABLES,
  isPassingPoints,
  labelRank,
  labelText,
  PASS_MARKS,
  passMark,
  PRINTED_GRADING_TABLES,
  RESULT_LABELS,
  SCALE_IDS,
  validateGradingTable,
  type ResultLabel,
  type ScaleId,
} from './scales.js';
import { codeOf } from './test-support.js';

const points = fc.integer({ min: 0, max: 100 });
const scale = fc.constantFrom<ScaleId>(...SCALE_IDS);

type Expect = [points: number, grade: string, label: ResultLabel];

describe('§16 (1) TTÜ table', () => {
  const rows: Expect[] = [
    [0, '0', 'FAIL'], [50, '0', 'FAIL'], [51, '1', 'SUFFICIENT'], [60, '1', 'SUFFICIENT'],
    [61, '2', 'SATISFACTORY'], [70, '2', 'SATISFACTORY'], [71, '3', 'GOOD'], [80, '3', 'GOOD'],
    [81, '4', 'VERY_GOOD'], [90, '4', 'VERY_GOOD'], [91, '5', 'EXCELLENT'], [100, '5', 'EXCELLENT'],
  ];
  it.each(rows)('§16 (1) TTÜ %i points → grade %s, %s', (p, grade, label) => {
    const g = gradeOnScale('TTU', p);
    expect([g.grade, g.label, g.gradeValue]).toEqual([grade, label, Number(grade)]);
    expect(g.passed).toBe(label !== 'FAIL');
  });
  it('§16 (1) TTÜ: 50 points fail, 51 pass (pass mark 51)', () => {
    expect(isPassingPoints('TTU', 50)).toBe(false);
    expect(isPassingPoints('TTU', 51)).toBe(true);
    expect(passMark('TTU')).toBe(51);
  });
});

describe('§16 (1) Münster table', () => {
  const rows: Expect[] = [
    [0, '5.0', 'FAIL'], [49, '5.0', 'FAIL'], [50, '4.0', 'SUFFICIENT'], [54, '4.0', 'SUFFICIENT'],
    [55, '3.7', 'SUFFICIENT'], [59, '3.7', 'SUFFICIENT'], [60, '3.3', 'SATISFACTORY'], [64, '3.3', 'SATISFACTORY'],
    [65, '3.0', 'SATISFACTORY'], [69, '3.0', 'SATISFACTORY'], [70, '2.7', 'SATISFACTORY'], [74, '2.7', 'SATISFACTORY'],
    [75, '2.3', 'GOOD'], [79, '2.3', 'GOOD'], [80, '2.0', 'GOOD'], [84, '2.0', 'GOOD'], [85, '1.7', 'GOOD'],
    [89, '1.7', 'GOOD'], [90, '1.3', 'EXCELLENT'], [94, '1.3', 'EXCELLENT'], [95, '1.0', 'EXCELLENT'], [100, '1.0', 'EXCELLENT'],
  ];
  it.each(rows)('§16 (1) Münster %i points → grade %s, %s', (p, grade, label) => {
    const g = gradeOnScale('MUENSTER', p);
    expect([g.grade, g.label, g.gradeValue]).toEqual([grade, label, Number(grade)]);
  });
  it('§16 (1) Münster has no "Very Good"', () => {
    expect(GRADING_TABLES.MUENSTER.rows.some((r) => r.label === 'VERY_GOOD')).toBe(false);
  });
  it('§16 (1) Münster: every printed label lies inside its reconstructed span', () => {
    for (const printed of PRINTED_GRADING_TABLES.MUENSTER.rows) {
      if (printed.label === null) continue;
      for (let p = printed.from; p <= printed.to; p += 1) expect(gradeOnScale('MUENSTER', p).label).toBe(printed.label);
    }
  });
  it('§16 (1) Münster labels follow the German convention (sehr gut ≤ 1.3, gut ≤ 2.3, befriedigend ≤ 3.3, ausreichend ≤ 4.0)', () => {
    const german = (v: number): ResultLabel => (v <= 1.3 ? 'EXCELLENT' : v <= 2.3 ? 'GOOD' : v <= 3.3 ? 'SATISFACTORY' : v <= 4.0 ? 'SUFFICIENT' : 'FAIL');
    for (const row of GRADING_TABLES.MUENSTER.rows) expect(row.label).toBe(german(row.gradeValue));
  });
  it('§16 (1) Münster grades are the printed ones (decimal comma read as point)', () => {
    const printed = PRINTED_GRADING_TABLES.MUENSTER.rows.map((r) => [r.from, r.to, Number(r.printedGrade.replace(',', '.'))]);
    expect(GRADING_TABLES.MUENSTER.rows.map((r) => [r.from, r.to, r.gradeValue])).toEqual(printed);
  });
});

describe('§16 (1) KU Leuven table', () => {
  const rows: Expect[] = [
    [0, '0', 'FAIL'], [4, '0', 'FAIL'], [5, '1', 'FAIL'], [49, '9', 'FAIL'], [50, '10', 'SUFFICIENT'],
    [54, '10', 'SUFFICIENT'], [55, '11', 'SUFFICIENT'], [59, '11', 'SUFFICIENT'], [60, '12', 'SATISFACTORY'],
    [69, '13', 'SATISFACTORY'], [70, '14', 'GOOD'], [79, '15', 'GOOD'], [80, '16', 'VERY_GOOD'], [89, '17', 'VERY_GOOD'],
    [90, '18', 'EXCELLENT'], [95, '19', 'EXCELLENT'], [99, '19', 'EXCELLENT'], [100, '20', 'EXCELLENT'],
  ];
  it.each(rows)('§16 (1) KU Leuven %i points → %s/20, %s', (p, grade, label) => {
    const g = gradeOnScale('LEUVEN', p);
    expect([g.grade, g.label, g.gradeValue]).toEqual([grade, label, Number(grade)]);
  });
  it('§16 (1) KU Leuven: the printed table leaves exactly 50 unassigned', () => {
    expect(validateGradingTable(PRINTED_GRADING_TABLES.LEUVEN)).toEqual({ valid: false, gaps: [{ from: 50, to: 50 }], overlaps: [], malformed: [] });
  });
  it('§16 (1) KU Leuven: 50 points resolve to 10/20 Sufficient, a pass', () => {
    expect(gradeOnScale('LEUVEN', 50)).toEqual({ points: 50, grade: '10', gradeValue: 10, label: 'SUFFICIENT', passed: true });
    expect(passMark('LEUVEN')).toBe(50);
  });
  it('§16 (1) KU Leuven: grade = ⌊points / 5⌋ for every point value', () => {
    for (let p = 0; p <= 100; p += 1) expect(gradeOnScale('LEUVEN', p).gradeValue).toBe(Math.floor(p / 5));
  });
  it('§16 (1) KU Leuven: every printed band maps exactly onto its printed grade range', () => {
    for (const printed of PRINTED_GRADING_TABLES.LEUVEN.rows) {
      const values = [];
      for (let p = printed.from; p <= printed.to; p += 1) values.push(gradeOnScale('LEUVEN', p).gradeValue);
      const [lo, hi] = printed.printedGrade.split('-').map(Number);
      expect([Math.min(...values), Math.max(...values)]).toEqual([lo, hi]);
      expect(new Set(values).size).toBe(hi! - lo! + 1);
      for (let p = printed.from; p <= printed.to; p += 1) expect(gradeOnScale('LEUVEN', p).label).toBe(printed.label);
    }
  });
});

describe('§16 (4) overall table', () => {
  it('§16 (4) the overall grade uses the KU Leuven table (same rows, printed and resolved)', () => {
    expect(GRADING_TABLES.OVERALL.rows).toBe(GRADING_TABLES.LEUVEN.rows);
    expect(PRINTED_GRADING_TABLES.OVERALL.rows).toBe(PRINTED_GRADING_TABLES.LEUVEN.rows);
    expect(validateGradingTable(PRINTED_GRADING_TABLES.OVERALL).gaps).toEqual([{ from: 50, to: 50 }]);
  });
});

describe('§16 (1) table validation', () => {
  it('§16 (1) every resolved table is total and unambiguous over 0–100', () => {
    for (const s of SCALE_IDS) expect(validateGradingTable(GRADING_TABLES[s])).toEqual({ valid: true, gaps: [], overlaps: [], malformed: [] });
  });
  it('§16 (1) the printed Münster and TTÜ tables are already total', () => {
    expect(validateGradingTable(PRINTED_GRADING_TABLES.MUENSTER).valid).toBe(true);
    expect(validateGradingTable(PRINTED_GRADING_TABLES.TTU).valid).toBe(true);
  });
  it('reports overlaps, several gaps and malformed rows', () => {
    const result = validateGradingTable({
      rows: [
        { from: 0, to: 10 },
        { from: 5, to: 20 },
        { from: 30, to: 90 },
        { from: 95, to: 94 },
        { from: 99, to: 101 },
      ],
    });
    expect(result.valid).toBe(false);
    expect(result.overlaps).toEqual([{ from: 5, to: 10, rows: [0, 1] }]);
    expect(result.gaps).toEqual([{ from: 21, to: 29 }, { from: 91, to: 98 }]);
    expect(result.malformed.map((m) => m.row)).toEqual([3, 4]);
  });
  it('property: every point value 0–100 lies in exactly one row of each resolved table', () => {
    fc.assert(
      fc.property(scale, points, (s, p) => GRADING_TABLES[s].rows.filter((r) => r.from <= p && p <= r.to).length === 1),
      { numRuns: 2000 },
    );
  });
});

describe('§16 (1) laws', () => {
  it('property: more points never give a worse grade or label, on any scale', () => {
    fc.assert(
      fc.property(scale, points, points, (s, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const g = gradeOnScale(s, lo);
        const h = gradeOnScale(s, hi);
        return labelRank(h.label) >= labelRank(g.label) && compareGrades(s, h, g) >= 0 && (!g.passed || h.passed);
      }),
      { numRuns: 3000 },
    );
  });
  it('property: passed ⇔ label is not FAIL ⇔ points ≥ the pass mark', () => {
    fc.assert(
      fc.property(scale, points, (s, p) => {
        const g = gradeOnScale(s, p);
        return g.passed === (g.label !== 'FAIL') && g.passed === p >= PASS_MARKS[s];
      }),
      { numRuns: 2000 },
    );
  });
  it('pass marks are derived from the tables: LEUVEN 50, MUENSTER 50, TTU 51, OVERALL 50', () => {
    expect(PASS_MARKS).toEqual({ LEUVEN: 50, MUENSTER: 50, TTU: 51, OVERALL: 50 });
  });
  it('labels print as in the regulations', () => {
    expect(RESULT_LABELS.map(labelText)).toEqual(['Fail', 'Sufficient', 'Satisfactory', 'Good', 'Very Good', 'Excellent']);
  });
});

describe('points are whole numbers 0–100', () => {
  it.each([
    [50.5, ErrorCode.POINTS_NOT_INTEGER],
    [Number.NaN, ErrorCode.POINTS_NOT_INTEGER],
    [Number.POSITIVE_INFINITY, ErrorCode.POINTS_NOT_INTEGER],
    [101, ErrorCode.POINTS_OUT_OF_RANGE],
    [-1, ErrorCode.POINTS_OUT_OF_RANGE],
  ])('gradeOnScale rejects %s with %s', (p, code) => {
    expect(codeOf(() => gradeOnScale('LEUVEN', p))).toBe(code);
  });
  it('rejects an unknown scale', () => {
    expect(codeOf(() => gradeOnScale('GHENT' as ScaleId, 60))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
