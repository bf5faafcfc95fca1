import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../errors/index.js';
import {
  addDays,
  addMonths,
  addWeeks,
  assertIsoDate,
  compareIsoDates,
  daysBetween,
  fromDayNumber,
  isOnOrBefore,
  isValidIsoDate,
  parseIsoDate,
  toDayNumber,
} from './calendar.js';
import { codeOf } from './test-support.js';

const MS_PER_DAY = 86_400_000;
/** Independent oracle for the tests only: UTC milliseconds. */
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / MS_PER_DAY;
const dateArb = fc.integer({ min: utcDay(1900, 1, 1), max: utcDay(2200, 12, 31) }).map((n) => new Date(n * MS_PER_DAY).toISOString().slice(0, 10));

describe('ISO calendar dates', () => {
  it('accepts real dates, including 29 February of a leap year', () => {
    for (const d of ['2017-09-05', '2024-02-29', '2000-02-29', '1999-12-31']) expect(isValidIsoDate(d)).toBe(true);
  });
  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '2024-01-01T00:00:00Z', '24-01-01', '', ' 2024-01-01'])(
    'refuses %j with INVALID_DATE',
    (d) => {
      expect(codeOf(() => parseIsoDate(d))).toBe(ErrorCode.INVALID_DATE);
    },
  );
  it('refuses non-strings with INVALID_DATE', () => {
    expect(codeOf(() => assertIsoDate(20240101))).toBe(ErrorCode.INVALID_DATE);
    expect(codeOf(() => assertIsoDate(null, 'enrolledOn'))).toBe(ErrorCode.INVALID_DATE);
    expect(codeOf(() => addDays('2024-02-30', 1))).toBe(ErrorCode.INVALID_DATE);
  });
  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('"within N weeks of D" ends on D + 7·N days', () => {
    expect(addWeeks('2024-03-01', 16)).toBe('2024-06-21');
    expect(daysBetween('2024-03-01', addWeeks('2024-03-01', 16))).toBe(112);
  });
  it('months: same day N months later, clamped to the last day of the month', () => {
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-10-15', 3)).toBe('2025-01-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });
  it('deadlines are inclusive', () => {
    expect(isOnOrBefore('2024-06-21', '2024-06-21')).toBe(true);
    expect(isOnOrBefore('2024-06-22', '2024-06-21')).toBe(false);
    expect(compareIsoDates('2024-06-20', '2024-06-21')).toBe(-1);
  });
  it('refuses fractional day counts', () => {
    expect(codeOf(() => addDays('2024-01-01', 1.5))).toBe(ErrorCode.BAD_USER_INPUT);
  });
  it('property: day numbers agree with UTC and round-trip', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const { year, month, day } = parseIsoDate(d);
        return toDayNumber(d) === utcDay(year, month, day) && fromDayNumber(toDayNumber(d)) === d;
      }),
      { numRuns: 3000 },
    );
  });
  it('property: adding days is additive and ordered', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -2000, max: 2000 }), (d, a, b) => {
        return addDays(addDays(d, a), b) === addDays(d, a + b) && daysBetween(d, addDays(d, a)) === a && Math.sign(compareIsoDates(addDays(d, a), d)) === Math.sign(a);
      }),
      { numRuns: 2000 },
    );
  });
  it('property: addMonths keeps the day when it exists and never overshoots the month', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 48 }), (d, n) => {
        const r = parseIsoDate(addMonths(d, n));
        const s = parseIsoDate(d);
        const monthIndex = (x: { year: number; month: number }) => x.year * 12 + x.month - 1;
        return monthIndex(r) === monthIndex(s) + n && (r.day === s.day || (r.day < s.day && parseIsoDate(addDays(addMonths(d, n), 1)).day === 1));
      }),
      { numRuns: 2000 },
    );
  });
});
