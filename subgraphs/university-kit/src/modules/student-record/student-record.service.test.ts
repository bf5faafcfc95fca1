import { describe, expect, it } from 'vitest';
import { profile as leuven } from '@pioneer/leuven';
import { courseResult, type CourseLike, type RegistrationLike } from './student-record.service.js';

/** An examination whose title counts how often the record builder reads it. */
function countedExamination(key: string) {
  const reads = { title: 0 };
  const component = {
    key,
    kind: 'SCORED' as const,
    weight: 1,
    maxAttempts: 2,
    get title() {
      reads.title++;
      return `Examination ${key}`;
    },
  };
  return { component, reads };
}

describe('courseResult', () => {
  const { component, reads } = countedExamination('written');
  const course: CourseLike = { id: 'c1', code: 'LEU-PSI', title: 'Public sector innovation', semester: 1, credits: 6, overallWeight: 6, academicYear: 2024, components: { getItems: () => [component] } } as unknown as CourseLike;
  const registrations: RegistrationLike[] = [
    { attempt: 1, component, result: { status: 'GRADED', points: 40, passed: null, examinedOn: '2025-01-10' } },
    { attempt: 2, component, result: { status: 'GRADED', points: 75, passed: null, examinedOn: '2025-06-20' } },
  ] as RegistrationLike[];

  // Issue 16: a page of an intake asks for 500 students' outcomes, not each attempt's grade and title.
  it('builds the attempts (grade, title) only when they are read, once', () => {
    const result = courseResult(leuven, course, registrations, null);
    expect(result.completed).toBe(true);
    expect(result.attemptsUsed).toBe(2);
    expect(reads.title).toBe(0);
    const attempts = result.attempts;
    expect(attempts.map((a) => [a.attempt, a.points, a.outcome, a.examinationTitle])).toEqual([
      [1, 40, 'FAILED', 'Examination written'],
      [2, 75, 'PASSED', 'Examination written'],
    ]);
    const readsAfterFirst = reads.title;
    expect(readsAfterFirst).toBeGreaterThan(0);
    expect(result.attempts).toBe(attempts);
    expect(reads.title).toBe(readsAfterFirst);
    // A copy of the result (spread, JSON) carries the attempts as values.
    expect(JSON.parse(JSON.stringify(result)).attempts).toHaveLength(2);
  });
});
