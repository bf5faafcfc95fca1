import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors/index.js';
import { academicYearLabel, assertCourseCredits, assertMaxAttempts, enrolmentWindowOfIntake, parseAcademicYear, semesterYearOffset } from './catalogue.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return isDomainError(e) ? e.code : String(e);
  }
};

describe('academic years as offices write them (§6 (1), §22)', () => {
  it('"2025/26" is the year starting in September 2025, and back', () => {
    expect(parseAcademicYear('2025/26')).toBe(2025);
    expect(parseAcademicYear('2099/00')).toBe(2099);
    expect(academicYearLabel(2025)).toBe('2025/26');
    expect(academicYearLabel(2099)).toBe('2099/00');
  });

  it.each(['2025', '2025-26', '2025/27', '25/26', '2016/17', '2100/01', ' 2025/26'])('refuses %j', (label) => {
    expect(codeOf(() => parseAcademicYear(label))).toBe('BAD_USER_INPUT');
  });
});

describe('course descriptions: credits (§6 (2), §7 (1)) and attempts (§15 (4))', () => {
  it('credits 1-30, whole', () => {
    expect([1, 3, 6, 30].map((c) => codeOf(() => assertCourseCredits(c)))).toEqual(['no error', 'no error', 'no error', 'no error']);
    expect([0, 31, 2.5, -6].map((c) => codeOf(() => assertCourseCredits(c)))).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  it('attempts 1-10, whole', () => {
    expect([1, 2, 10].map((c) => codeOf(() => assertMaxAttempts(c)))).toEqual(['no error', 'no error', 'no error']);
    expect([0, 11, 1.5].map((c) => codeOf(() => assertMaxAttempts(c)))).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });
});

describe('the intake of an enrolment (§7 (1); docs/regulations.md reading 36)', () => {
  it('semesters 1 and 2 are in the intake’s first academic year, semester 3 in its second', () => {
    expect([1, 2, 3, 4].map(semesterYearOffset)).toEqual([0, 0, 1, 1]);
    expect(enrolmentWindowOfIntake(2025, 1)).toEqual({ from: '2025-09-01', until: '2026-09-01' });
    expect(enrolmentWindowOfIntake(2025, 2)).toEqual({ from: '2025-09-01', until: '2026-09-01' });
    expect(enrolmentWindowOfIntake(2025, 3)).toEqual({ from: '2026-09-01', until: '2027-09-01' });
  });
});
