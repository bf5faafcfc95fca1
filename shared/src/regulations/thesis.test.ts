import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../errors/index.js';
import { addDays, compareIsoDates, daysBetween } from './calendar.js';
import {
  academicYearOf,
  canAssignThesisTopic,
  checkDefenceCommittee,
  checkDefenceDate,
  checkExtension,
  checkNewThesisAttempt,
  checkTopicChange,
  defenceHostByRotation,
  defenceWindow,
  fileAccessRequestDeadline,
  gradeCommunicationDeadline,
  isSubmissionOnTimeAndComplete,
  MAX_DEFENCE_EXTENSION_WEEKS,
  MAX_THESIS_ATTEMPTS,
  MAX_THESIS_EXTENSION_WEEKS,
  newTopicAfterInabilityCountsAsAttempt,
  rectificationDeadline,
  submissionDate,
  submissionProblems,
  thesisSubmissionDeadline,
  thesisVerdict,
  topicChangeDeadline,
} from './thesis.js';
import { codeOf } from './test-support.js';

const ASSIGNED = '2024-03-01'; // a Friday; + 16 weeks = 2024-06-21

describe('§10 (3) eligibility', () => {
  it('§10 (3) a topic can be assigned from 90 credits on', () => {
    expect(canAssignThesisTopic(89)).toBe(false);
    expect(canAssignThesisTopic(90)).toBe(true);
    expect(canAssignThesisTopic(120)).toBe(true);
    expect(codeOf(() => canAssignThesisTopic(-1))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});

describe('§10 (4), (5) submission deadline', () => {
  it('§10 (4) the thesis is due 16 weeks after the assignment (inclusive)', () => {
    expect(thesisSubmissionDeadline(ASSIGNED)).toBe('2024-06-21');
  });
  it('§10 (5) an extension adds whole weeks, up to 12', () => {
    expect(thesisSubmissionDeadline(ASSIGNED, 12)).toBe('2024-09-13');
    expect(codeOf(() => thesisSubmissionDeadline(ASSIGNED, 13))).toBe(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED);
    expect(codeOf(() => thesisSubmissionDeadline(ASSIGNED, 1.5))).toBe(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED);
    expect(codeOf(() => thesisSubmissionDeadline('2024-02-30'))).toBe(ErrorCode.INVALID_DATE);
  });
  it('property: the deadline is monotone in the extension weeks, 7 days per week', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_THESIS_EXTENSION_WEEKS }), fc.integer({ min: 0, max: MAX_THESIS_EXTENSION_WEEKS }), fc.integer({ min: 0, max: 3650 }), (a, b, offset) => {
        const assigned = addDays('2017-09-01', offset);
        const da = thesisSubmissionDeadline(assigned, a);
        const db = thesisSubmissionDeadline(assigned, b);
        return Math.sign(compareIsoDates(da, db)) === Math.sign(a - b) && daysBetween(da, db) === 7 * (b - a);
      }),
      { numRuns: 2000 },
    );
  });
  it('§10 (5) an extension requested on the deadline day is in time and moves the deadline', () => {
    expect(checkExtension({ assignedOn: ASSIGNED, requestedOn: '2024-06-21', alreadyGrantedWeeks: 0, requestedWeeks: 4 })).toBe('2024-07-19');
  });
  it('§10 (5) an extension requested after the deadline is refused', () => {
    expect(codeOf(() => checkExtension({ assignedOn: ASSIGNED, requestedOn: '2024-06-22', alreadyGrantedWeeks: 0, requestedWeeks: 4 }))).toBe(
      ErrorCode.THESIS_EXTENSION_NOT_ALLOWED,
    );
  });
  it('§10 (5) a further extension may be requested before the extended deadline, up to 12 weeks in total', () => {
    expect(checkExtension({ assignedOn: ASSIGNED, requestedOn: '2024-07-01', alreadyGrantedWeeks: 4, requestedWeeks: 8 })).toBe(thesisSubmissionDeadline(ASSIGNED, 12));
    expect(codeOf(() => checkExtension({ assignedOn: ASSIGNED, requestedOn: '2024-07-01', alreadyGrantedWeeks: 4, requestedWeeks: 9 }))).toBe(
      ErrorCode.THESIS_EXTENSION_NOT_ALLOWED,
    );
  });
  it('§10 (5) an extension is a positive whole number of weeks', () => {
    for (const requestedWeeks of [0, -2, 2.5]) {
      expect(codeOf(() => checkExtension({ assignedOn: ASSIGNED, requestedOn: '2024-04-01', alreadyGrantedWeeks: 0, requestedWeeks }))).toBe(
        ErrorCode.THESIS_EXTENSION_NOT_ALLOWED,
      );
    }
    expect(codeOf(() => checkExtension({ assignedOn: ASSIGNED, requestedOn: '2024-02-01', alreadyGrantedWeeks: 0, requestedWeeks: 2 }))).toBe(
      ErrorCode.THESIS_EXTENSION_NOT_ALLOWED,
    );
  });
});

describe('§10 (4) topic change', () => {
  it('§10 (4) the topic may change within the first four weeks (28 days, inclusive)', () => {
    expect(topicChangeDeadline(ASSIGNED)).toBe('2024-03-29');
    expect(codeOf(() => checkTopicChange({ assignedOn: ASSIGNED, changeOn: '2024-03-29', changesSoFar: 0 }))).toBe('NO_ERROR');
    expect(codeOf(() => checkTopicChange({ assignedOn: ASSIGNED, changeOn: '2024-03-30', changesSoFar: 0 }))).toBe(ErrorCode.THESIS_TOPIC_CHANGE_NOT_ALLOWED);
  });
  it('§10 (4) the topic may change only once', () => {
    expect(codeOf(() => checkTopicChange({ assignedOn: ASSIGNED, changeOn: '2024-03-05', changesSoFar: 1 }))).toBe(ErrorCode.THESIS_TOPIC_CHANGE_NOT_ALLOWED);
  });
  it('§10 (4) not before the assignment', () => {
    expect(codeOf(() => checkTopicChange({ assignedOn: ASSIGNED, changeOn: '2024-02-28', changesSoFar: 0 }))).toBe(ErrorCode.THESIS_TOPIC_CHANGE_NOT_ALLOWED);
  });
});

describe('§10 (7) submission', () => {
  const deadline = '2024-06-21';
  it('§10 (7) three bound copies and the digital version on the deadline day are on time and complete', () => {
    expect(isSubmissionOnTimeAndComplete({ deadline, boundCopiesOn: '2024-06-21', boundCopies: 3, digitalOn: '2024-06-20' })).toBe(true);
    expect(submissionDate({ boundCopiesOn: '2024-06-21', digitalOn: '2024-06-20' })).toBe('2024-06-21');
  });
  it('§10 (7) both versions are required, on time, with three copies', () => {
    expect(submissionProblems({ deadline, boundCopiesOn: '2024-06-21', boundCopies: 2, digitalOn: null })).toEqual(['TOO_FEW_BOUND_COPIES', 'DIGITAL_VERSION_MISSING']);
    expect(submissionProblems({ deadline, boundCopiesOn: '2024-06-22', boundCopies: 3, digitalOn: '2024-06-22' })).toEqual(['BOUND_COPIES_LATE', 'DIGITAL_VERSION_LATE']);
    expect(submissionProblems({ deadline, boundCopiesOn: null, boundCopies: 0, digitalOn: '2024-06-01' })).toEqual(['BOUND_COPIES_MISSING']);
    expect(isSubmissionOnTimeAndComplete({ deadline, boundCopiesOn: '2024-06-22', boundCopies: 3, digitalOn: '2024-06-01' })).toBe(false);
    expect(submissionDate({ boundCopiesOn: null, digitalOn: '2024-06-01' })).toBeNull();
  });
});

describe('§10 (8) defence window', () => {
  it('§10 (8) the defence follows the submission within eight weeks (inclusive)', () => {
    expect(defenceWindow('2024-06-21')).toEqual({ from: '2024-06-22', to: '2024-08-16' });
    expect(codeOf(() => checkDefenceDate({ submittedOn: '2024-06-21', defenceOn: '2024-08-16' }))).toBe('NO_ERROR');
    expect(codeOf(() => checkDefenceDate({ submittedOn: '2024-06-21', defenceOn: '2024-08-17' }))).toBe(ErrorCode.THESIS_DEFENCE_OUTSIDE_WINDOW);
    expect(codeOf(() => checkDefenceDate({ submittedOn: '2024-06-21', defenceOn: '2024-06-21' }))).toBe(ErrorCode.THESIS_DEFENCE_OUTSIDE_WINDOW);
  });
  it('§10 (8) the period may be extended by up to 4 weeks', () => {
    expect(defenceWindow('2024-06-21', 4).to).toBe('2024-09-13');
    expect(codeOf(() => checkDefenceDate({ submittedOn: '2024-06-21', defenceOn: '2024-09-13', extensionWeeks: 4 }))).toBe('NO_ERROR');
    expect(codeOf(() => defenceWindow('2024-06-21', 5))).toBe(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED);
  });
  it('property: the defence window end is monotone in the extension weeks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DEFENCE_EXTENSION_WEEKS }), fc.integer({ min: 0, max: MAX_DEFENCE_EXTENSION_WEEKS }), (a, b) => {
        const wa = defenceWindow('2024-06-21', a);
        const wb = defenceWindow('2024-06-21', b);
        return wa.from === wb.from && daysBetween(wa.to, wb.to) === 7 * (b - a);
      }),
    );
  });
});

describe('§11 (1) committee', () => {
  const dr = (name: string) => ({ name, hasDoctorate: true });
  it('§11 (1) three distinct members with a doctorate', () => {
    expect(codeOf(() => checkDefenceCommittee([dr('A. Peeters'), dr('B. Müller'), dr('C. Tamm')]))).toBe('NO_ERROR');
  });
  it.each([
    ['two members', [dr('A'), dr('B')]],
    ['four members', [dr('A'), dr('B'), dr('C'), dr('D')]],
    ['a member without doctorate', [dr('A'), dr('B'), { name: 'C', hasDoctorate: false }]],
    ['the same person twice', [dr('A. Peeters'), dr('a.  peeters '), dr('C')]],
    ['a nameless member', [dr('A'), dr('B'), dr('  ')]],
  ])('§11 (1) refuses %s', (_what, members) => {
    expect(codeOf(() => checkDefenceCommittee(members))).toBe(ErrorCode.THESIS_COMMITTEE_INVALID);
  });
});

describe('§11 (2) verdict', () => {
  it('§11 (2) passed when every examiner and the joint score pass, graded on the KU Leuven table', () => {
    const v = thesisVerdict({ examinerScores: [72, 75, 80], jointScore: 76 });
    expect(v).toEqual({ passed: true, grade: { points: 76, grade: '15', gradeValue: 15, label: 'GOOD', passed: true }, failingExaminers: [] });
  });
  it('§11 (2) one examiner’s failing score forbids a pass grade', () => {
    const v = thesisVerdict({ examinerScores: [72, 45, 80], jointScore: 66 });
    expect(v).toEqual({ passed: false, grade: null, failingExaminers: [1] });
  });
  it('§11 (2) a failing joint score fails, with its grade', () => {
    const v = thesisVerdict({ examinerScores: [60, 55, 50], jointScore: 49 });
    expect([v.passed, v.grade?.grade, v.grade?.label]).toEqual([false, '9', 'FAIL']);
  });
  it('§11 (2) 50 passes (KU Leuven pass mark, not TTÜ’s 51)', () => {
    expect(thesisVerdict({ examinerScores: [50, 50, 50], jointScore: 50 }).passed).toBe(true);
  });
  it('§11 (1)–(2) one score per examiner, whole points', () => {
    expect(codeOf(() => thesisVerdict({ examinerScores: [70, 70], jointScore: 70 }))).toBe(ErrorCode.THESIS_EXAMINER_SCORES_INCOMPLETE);
    expect(codeOf(() => thesisVerdict({ examinerScores: [70, 70, 70.5], jointScore: 70 }))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    expect(codeOf(() => thesisVerdict({ examinerScores: [70, 70, 70], jointScore: 170 }))).toBe(ErrorCode.POINTS_OUT_OF_RANGE);
  });
});

describe('§11 (3), §19 (1) after the defence', () => {
  it('§11 (3) the grade is communicated within one week of the defence', () => {
    expect(gradeCommunicationDeadline('2024-07-10')).toBe('2024-07-17');
  });
  it('§11 (3) rectifications within 10 days of the announcement', () => {
    expect(rectificationDeadline('2024-07-17')).toBe('2024-07-27');
  });
  it('§19 (1) file access requested within three months of the announcement (clamped to month end)', () => {
    expect(fileAccessRequestDeadline('2024-07-17')).toBe('2024-10-17');
    expect(fileAccessRequestDeadline('2024-11-30')).toBe('2025-02-28');
  });
  it('dates are validated', () => {
    expect(codeOf(() => rectificationDeadline('17.07.2024'))).toBe(ErrorCode.INVALID_DATE);
  });
});

describe('§15 (2) attempts, §10 (5) new topic after inability', () => {
  it('§15 (2) a second attempt is allowed, a third is not', () => {
    expect(checkNewThesisAttempt(0)).toBe(1);
    expect(checkNewThesisAttempt(1)).toBe(2);
    expect(codeOf(() => checkNewThesisAttempt(MAX_THESIS_ATTEMPTS))).toBe(ErrorCode.THESIS_ATTEMPT_LIMIT_EXCEEDED);
    expect(codeOf(() => checkNewThesisAttempt(-1))).toBe(ErrorCode.BAD_USER_INPUT);
  });
  it('§10 (5) a new topic after more than one year unable to work counts as an attempt', () => {
    expect(newTopicAfterInabilityCountsAsAttempt(365)).toBe(false);
    expect(newTopicAfterInabilityCountsAsAttempt(366)).toBe(true);
  });
});

describe('§7 (1), §10 (8) defence rotation', () => {
  it('§10 (8) rotation LEUVEN → MUENSTER → TTU from 2017/18', () => {
    expect([2017, 2018, 2019, 2020, 2021, 2025].map(defenceHostByRotation)).toEqual(['LEUVEN', 'MUENSTER', 'TTU', 'LEUVEN', 'MUENSTER', 'TTU']);
    expect(codeOf(() => defenceHostByRotation(2016))).toBe(ErrorCode.INVALID_DATE);
    expect(codeOf(() => defenceHostByRotation(2020.5))).toBe(ErrorCode.INVALID_DATE);
  });
  it('property: the host repeats every three years and the three years in a row are distinct', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2017, max: 3000 }), (y) =>
        defenceHostByRotation(y) === defenceHostByRotation(y + 3) && new Set([y, y + 1, y + 2].map(defenceHostByRotation)).size === 3,
      ),
    );
  });
});

describe('academic year (§11 (1), §7 (1))', () => {
  it('§11 (1) a date belongs to the academic year that started the September before', () => {
    expect(academicYearOf('2026-07-02')).toBe(2025);
    expect(academicYearOf('2026-08-31')).toBe(2025);
    expect(academicYearOf('2026-09-01')).toBe(2026);
    expect(academicYearOf('2027-01-15')).toBe(2026);
  });
});
