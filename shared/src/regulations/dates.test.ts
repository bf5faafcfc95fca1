import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors/index.js';
import { addDays } from './calendar.js';
import {
  checkCancellationDate,
  checkEnrolmentDate,
  checkExaminationDate,
  checkNotInFuture,
  checkRegistrationDate,
  checkThesisStepDate,
  courseCompletedOn,
  creditsEarnedOn,
} from './dates.js';
import { checkCourseRecord, type ComponentSpec } from './course.js';

const ruleOf = (fn: () => unknown): { code: string; rule?: unknown } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, rule: e.details.rule };
    throw e;
  }
  return { code: 'NONE' };
};

describe('dates: the order of the acts on a record (issue 11)', () => {
  const today = '2026-11-29';

  it('no act is dated after today; today itself is fine', () => {
    expect(ruleOf(() => checkNotInFuture('2026-11-30', today, 'examinedOn'))).toEqual({ code: 'INVALID_DATE', rule: 'NOT_IN_FUTURE' });
    expect(ruleOf(() => checkNotInFuture(today, today, 'examinedOn'))).toEqual({ code: 'NONE' });
    expect(ruleOf(() => checkNotInFuture('29.11.2026', today, 'examinedOn'))).toMatchObject({ code: 'INVALID_DATE' });
  });

  it('§4 (1) d enrolment not before the admission', () => {
    expect(ruleOf(() => checkEnrolmentDate({ enrolledOn: '2025-05-14', admittedOn: '2025-05-15', today }))).toEqual({ code: 'INVALID_DATE', rule: 'ENROLMENT_AFTER_ADMISSION' });
    expect(ruleOf(() => checkEnrolmentDate({ enrolledOn: '2025-05-15', admittedOn: '2025-05-15', today }))).toEqual({ code: 'NONE' });
  });

  it('§9 (4) registration not before the enrolment; the result not before the registration; a cancellation not before the registration', () => {
    expect(ruleOf(() => checkRegistrationDate({ registeredOn: '2025-09-14', enrolledOn: '2025-09-15', today }))).toEqual({ code: 'INVALID_DATE', rule: 'REGISTRATION_AFTER_ENROLMENT' });
    expect(ruleOf(() => checkExaminationDate({ examinedOn: '2026-01-04', registeredOn: '2026-01-05', today }))).toEqual({ code: 'INVALID_DATE', rule: 'RESULT_AFTER_REGISTRATION' });
    expect(ruleOf(() => checkExaminationDate({ examinedOn: '2026-12-01', registeredOn: '2026-01-05', today }))).toEqual({ code: 'INVALID_DATE', rule: 'NOT_IN_FUTURE' });
    expect(ruleOf(() => checkCancellationDate({ cancelledOn: '2026-01-04', registeredOn: '2026-01-05', today }))).toEqual({ code: 'INVALID_DATE', rule: 'CANCELLATION_AFTER_REGISTRATION' });
  });

  it('§10 thesis steps in order and never in the future (a defence "on" next August is not held yet)', () => {
    expect(ruleOf(() => checkThesisStepDate({ step: 'defenceOn', on: '2027-08-20', after: { step: 'submittedOn', on: '2026-06-10' }, today }))).toEqual({ code: 'INVALID_DATE', rule: 'NOT_IN_FUTURE' });
    expect(ruleOf(() => checkThesisStepDate({ step: 'digitalOn', on: '2026-02-01', after: { step: 'assignedOn', on: '2026-02-23' }, today }))).toEqual({ code: 'INVALID_DATE', rule: 'THESIS_STEPS_IN_ORDER' });
  });

  it('property: any date after today is refused, any date up to today accepted', () => {
    fc.assert(
      fc.property(fc.integer({ min: -4000, max: 4000 }), (offset) => {
        const outcome = ruleOf(() => checkNotInFuture(addDays(today, offset), today, 'd'));
        expect(outcome.code).toBe(offset > 0 ? 'INVALID_DATE' : 'NONE');
      }),
    );
  });
});

describe('§10 (3) credits earned by a date', () => {
  const courses = [
    { credits: 6, completed: true, recognisedOn: null, examinedOn: ['2025-01-20'] },
    { credits: 6, completed: true, recognisedOn: null, examinedOn: ['2025-01-20', '2025-08-28'] },
    { credits: 3, completed: true, recognisedOn: '2026-09-10', examinedOn: [] },
    { credits: 6, completed: false, recognisedOn: null, examinedOn: ['2025-01-20'] },
  ];

  it('a course counts from its last examination, a recognised one from its decision; an incomplete one never', () => {
    expect(courseCompletedOn(courses[1]!)).toBe('2025-08-28');
    expect(courseCompletedOn(courses[3]!)).toBeNull();
    expect(creditsEarnedOn(courses, '2025-01-19')).toBe(0);
    expect(creditsEarnedOn(courses, '2025-01-20')).toBe(6);
    expect(creditsEarnedOn(courses, '2025-08-28')).toBe(12);
    expect(creditsEarnedOn(courses, '2026-09-10')).toBe(15);
  });

  it('property: the credits earned never decrease with the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(creditsEarnedOn(courses, addDays('2024-06-01', x))).toBeLessThanOrEqual(creditsEarnedOn(courses, addDays('2024-06-01', y)));
      }),
    );
  });
});

describe('checkCourseRecord: the whole course record after a write (issue 11)', () => {
  const components: ComponentSpec[] = [{ key: 'exam', kind: 'SCORED', weight: 1, maxAttempts: 2 }];
  const graded = (attempt: number, points: number) => ({ componentKey: 'exam', attempt, status: 'GRADED' as const, points, passed: null });
  const check = (attempts: ReturnType<typeof graded>[], pending: { componentKey: string; attempt: number }[]) => ruleOf(() => checkCourseRecord({ university: 'LEUVEN', components, attempts, pending }));

  it('the KU Leuven office sequence: a pass on attempt 1 while attempt 2 is registered is refused, naming the rule', () => {
    expect(check([graded(1, 30)], [{ componentKey: 'exam', attempt: 2 }])).toEqual({ code: 'NONE' });
    // One examination: the pass completes the course, so no attempt 2 may stand registered.
    expect(check([graded(1, 70)], [{ componentKey: 'exam', attempt: 2 }])).toEqual({ code: 'COURSE_ALREADY_COMPLETED', rule: 'COURSE_ALREADY_COMPLETED' });
    expect(check([graded(1, 70), graded(2, 65)], [])).toEqual({ code: 'ATTEMPT_OUT_OF_ORDER', rule: 'ATTEMPT_OUT_OF_ORDER' });
  });

  it('a registration skips no attempt, goes beyond no maximum, and there is one pending per examination', () => {
    expect(check([], [{ componentKey: 'exam', attempt: 2 }])).toMatchObject({ code: 'ATTEMPT_OUT_OF_ORDER' });
    expect(check([graded(1, 30), graded(2, 20)], [{ componentKey: 'exam', attempt: 3 }])).toMatchObject({ code: 'COURSE_PERMANENTLY_FAILED' });
    expect(check([], [{ componentKey: 'exam', attempt: 1 }, { componentKey: 'exam', attempt: 1 }])).toMatchObject({ code: 'ATTEMPT_OUT_OF_ORDER' });
  });

  it('property: every record checkCourseRecord accepts is one courseOutcome reads', () => {
    const attempt = fc.record({ points: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 3 }), fc.boolean(), (list, withPending) => {
        const attempts = list.map((a, i) => graded(i + 1, a.points));
        const pending = withPending ? [{ componentKey: 'exam', attempt: attempts.length + 1 }] : [];
        const accepted = check(attempts, pending).code === 'NONE';
        if (accepted) expect(check(attempts, []).code).toBe('NONE');
      }),
    );
  });
});
