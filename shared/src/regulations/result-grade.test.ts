import { describe, expect, it } from 'vitest';
import { courseOutcome, type AttemptRecord, type ComponentSpec } from './course.js';
import { attemptGrade, courseResultGrade } from './result-grade.js';

const scored = (key: string, weight = 1): ComponentSpec => ({ key, kind: 'SCORED', weight });
const graded = (componentKey: string, attempt: number, points: number): AttemptRecord => ({ componentKey, attempt, status: 'GRADED', points, passed: null });

describe('§16 (1) failing results carry their grade', () => {
  it('Münster 49 points is 5.0 (Fail), TalTech 50 is 0 (Fail), Leuven 49 is 9 (Fail)', () => {
    expect(attemptGrade('MUENSTER', { status: 'GRADED', points: 49 })).toMatchObject({ grade: '5.0', label: 'FAIL', passed: false });
    expect(attemptGrade('TTU', { status: 'GRADED', points: 50 })).toMatchObject({ grade: '0', label: 'FAIL', passed: false });
    expect(attemptGrade('LEUVEN', { status: 'GRADED', points: 49 })).toMatchObject({ grade: '9', label: 'FAIL' });
    expect(attemptGrade('TTU', { status: 'GRADED', points: 51 })).toMatchObject({ grade: '1', label: 'SUFFICIENT', passed: true });
  });
  it('§20: an absence is a fail with 0 points; a pass/fail examination has no grade on the scale', () => {
    expect(attemptGrade('MUENSTER', { status: 'ABSENT', points: null })).toMatchObject({ points: 0, grade: '5.0', label: 'FAIL' });
    expect(attemptGrade('LEUVEN', { status: 'GRADED', points: null })).toBeNull();
  });
  it('a permanently failed Münster module (38, 44) shows 5.0; the engine still gives it no course grade', () => {
    const outcome = courseOutcome({ university: 'MUENSTER', components: [scored('exam')], attempts: [graded('exam', 1, 38), graded('exam', 2, 44)] });
    expect(outcome.state).toBe('PERMANENTLY_FAILED');
    expect(outcome.grade).toBeNull();
    expect(courseResultGrade('MUENSTER', outcome)).toMatchObject({ points: 44, grade: '5.0', label: 'FAIL' });
  });
  it('§8 (2): a passing weighted score with a failed examination shows the failed examination’s grade, never a pass', () => {
    const outcome = courseOutcome({ university: 'TTU', components: [scored('a', 3), scored('b', 1)], attempts: [graded('a', 1, 90), graded('b', 1, 40)] });
    expect(outcome.state).toBe('FAILED_RETAKE_POSSIBLE');
    expect(outcome.score).toBe(78);
    expect(courseResultGrade('TTU', outcome)).toMatchObject({ points: 40, grade: '0', label: 'FAIL' });
  });
  it('completed courses keep the engine’s grade; not started and in progress have none', () => {
    const done = courseOutcome({ university: 'LEUVEN', components: [scored('e')], attempts: [graded('e', 1, 73)] });
    expect(courseResultGrade('LEUVEN', done)).toEqual(done.grade);
    expect(courseResultGrade('LEUVEN', courseOutcome({ university: 'LEUVEN', components: [scored('e')], attempts: [] }))).toBeNull();
    const partial = courseOutcome({ university: 'LEUVEN', components: [scored('a'), scored('b')], attempts: [graded('a', 1, 70)] });
    expect(partial.state).toBe('IN_PROGRESS');
    expect(courseResultGrade('LEUVEN', partial)).toBeNull();
  });
});
