import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import type { University } from '@pioneer/shared/graphql';
import { computeProgression, SEMESTER_OF_UNIVERSITY, type CourseProgressInput, type Progression as EngineProgression } from '@pioneer/shared/regulations';
import type { Student } from '../students/student.entity.js';
import type { Thesis } from '../thesis/thesis.entity.js';
import type { UniversityRecordInput } from './university-record.types.js';

const SOURCES: { university: University; field: 'leuven' | 'muenster' | 'ttu' }[] = [
  { university: 'LEUVEN', field: 'leuven' },
  { university: 'MUENSTER', field: 'muenster' },
  { university: 'TTU', field: 'ttu' },
];

/**
 * The three university records the gateway brought for @requires, or an error naming the ones
 * that did not arrive. A number computed from part of the record would be wrong, so there is
 * none (§16 (4), §15 (1) need every course).
 */
export function requireAllRecords(student: Student): Record<University, UniversityRecordInput> {
  const missing = SOURCES.filter((s) => !student[s.field]);
  if (missing.length) {
    throw new DomainError(
      ErrorCode.SOURCE_UNAVAILABLE,
      `The record of ${missing.map((m) => m.university).join(', ')} did not arrive; progression is not computed from partial data`,
      { missing: missing.map((m) => m.university) },
    );
  }
  // Issue 11: a record the engine cannot read is this student's problem, named with its rule —
  // not a university that "did not arrive", and never a reason to hide other students.
  const unreadable = SOURCES.find((s) => student[s.field]!.unreadable);
  if (unreadable) {
    const problem = student[unreadable.field]!.unreadable!;
    throw new DomainError(
      ErrorCode.RECORD_UNREADABLE,
      `The record of student ${student.id} at ${unreadable.university} cannot be evaluated (${problem.rule} in ${problem.courseCode}): ${problem.message}`,
      { studentId: student.id, university: unreadable.university, courseCode: problem.courseCode, rule: problem.rule },
    );
  }
  return Object.fromEntries(SOURCES.map((s) => [s.university, student[s.field]!])) as Record<University, UniversityRecordInput>;
}

/** The current thesis attempt is the latest one (§15 (2)). */
export function currentThesis(theses: readonly Thesis[]): Thesis | null {
  return theses.reduce<Thesis | null>((latest, t) => (!latest || t.attempt > latest.attempt ? t : latest), null);
}

export function progressionOf(student: Student, thesis: Pick<Thesis, 'state' | 'attempt' | 'score'> | null, excluded = false): EngineProgression {
  const records = requireAllRecords(student);
  const courses: CourseProgressInput[] = Object.entries(records).flatMap(([university, record]) =>
    record.courses.map((c) => ({
      // §7 (1): a university's courses are its semester's; the record says whose they are.
      university: university as University,
      code: c.code,
      semester: SEMESTER_OF_UNIVERSITY[university as University],
      credits: c.credits,
      state: c.state,
      score: c.score,
      weight: c.overallWeight,
    })),
  );
  return computeProgression({
    courses,
    thesis: thesis ? { state: thesis.state, attempt: thesis.attempt, score: thesis.score } : null,
    excluded,
  });
}
