import { isStudentId } from '@pioneer/shared/federation';
import { isDomainError } from '@pioneer/shared/errors';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { batchLoader, groupBy } from '@pioneer/shared/persistence';
import { attemptGrade, courseOutcome, courseResultGrade, type AttemptRecord, type ComponentSpec, type CourseOutcomeInput } from '@pioneer/shared/regulations';
import { Course, overallWeightOf } from '../catalogue/course.entity.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import { Recognition } from '../examinations/recognition.entity.js';
import { Registration } from '../examinations/registration.entity.js';
import type { UniversityProfile } from '../../profile.js';
import { AttemptOutcome, type AttemptView, type CourseResult, type UniversityRecord } from './student-record.types.js';

export interface StudentRecordLoaders {
  records: DataLoader<string, UniversityRecord>;
}

export function createStudentRecordLoaders(em: EntityManager, profile: UniversityProfile): StudentRecordLoaders {
  return {
    records: batchLoader(
      (ids) => loadStudentRecords(em, profile, ids),
      (id) => emptyRecord(profile, id),
    ),
  };
}

function emptyRecord(profile: UniversityProfile, _id: string): UniversityRecord {
  return { university: profile.code, universityName: profile.name, enrolled: false, studentNumber: null, creditsEarned: 0, courses: [], unreadable: null };
}

/**
 * Records of many students in a constant number of statements (catalogue, enrolments,
 * registrations with results, recognitions), whatever the number of students: the gateway asks
 * for a whole cohort in one `_entities` call.
 */
export async function loadStudentRecords(
  em: EntityManager,
  profile: UniversityProfile,
  studentIds: readonly string[],
): Promise<Map<string, UniversityRecord>> {
  const courses = await em.find(Course, {}, { populate: ['components'], orderBy: { code: 'asc' } });
  // Ids come from the gateway's representations; anything but a UUID is simply not ours.
  const validIds = [...new Set(studentIds.filter((id) => isStudentId(id)))];
  const enrolments = validIds.length ? await em.find(Enrolment, { studentId: { $in: validIds } }) : [];
  const enrolmentIds = enrolments.map((e) => e.id);
  const registrations = enrolmentIds.length
    ? await em.find(Registration, { enrolment: { $in: enrolmentIds } }, { populate: ['result'], orderBy: { attempt: 'asc' } })
    : [];
  const recognitions = enrolmentIds.length ? await em.find(Recognition, { enrolment: { $in: enrolmentIds } }) : [];

  const registrationsByEnrolment = groupBy(registrations, (r) => r.enrolment.id);
  const recognitionsByEnrolment = groupBy(recognitions, (r) => r.enrolment.id);

  const records = new Map<string, UniversityRecord>();
  const enrolmentByStudent = new Map(enrolments.map((e) => [e.studentId, e]));
  for (const studentId of studentIds) {
    const enrolment = enrolmentByStudent.get(studentId);
    const regs = enrolment ? (registrationsByEnrolment.get(enrolment.id) ?? []) : [];
    const recs = enrolment ? (recognitionsByEnrolment.get(enrolment.id) ?? []) : [];
    // One student's stored record the engine refuses (written around the services' checks) is
    // marked on that student's record only; the batch — every other student — is served in full.
    let unreadable: UniversityRecord['unreadable'] = null;
    const results = courses.flatMap((course) => {
      try {
        return [courseResult(profile, course, regs.filter((r) => r.component.course.id === course.id), recs.find((r) => r.course.id === course.id) ?? null)];
      } catch (e) {
        if (!isDomainError(e)) throw e;
        unreadable ??= { rule: e.code, courseCode: course.code, message: e.message };
        return [];
      }
    });
    records.set(studentId, {
      unreadable,
      university: profile.code,
      universityName: profile.name,
      enrolled: enrolment !== undefined,
      studentNumber: enrolment?.studentNumber ?? null,
      creditsEarned: results.filter((r) => r.completed).reduce((sum, r) => sum + r.credits, 0),
      courses: results,
    });
  }
  return records;
}

/** The engine's view of one course of one student: its components and every recorded attempt. */
export function courseOutcomeInput(
  profile: UniversityProfile,
  course: Course,
  registrations: readonly Registration[],
  recognition: Recognition | null,
): CourseOutcomeInput {
  const components: ComponentSpec[] = course.components.getItems().map((c) => ({ key: c.key, kind: c.kind, weight: c.weight, maxAttempts: c.maxAttempts }));
  const attempts: AttemptRecord[] = registrations
    .filter((r) => r.result)
    .map((r) => ({ componentKey: r.component.key, attempt: r.attempt, status: r.result!.status, points: r.result!.points, passed: r.result!.passed }));
  return { university: profile.code, components, attempts, recognition: recognition ? { points: recognition.points } : null };
}

/** One course of one student, through the regulations engine only (§8 (2), §16 (3), §15 (4), §13). */
export function courseResult(
  profile: UniversityProfile,
  course: Course,
  registrations: readonly Registration[],
  recognition: Recognition | null,
): CourseResult {
  const outcome = courseOutcome(courseOutcomeInput(profile, course, registrations, recognition));
  const views: AttemptView[] = registrations
    .filter((r) => r.result)
    .map((r) => {
      const result = r.result!;
      // §16 (1): every scored attempt shows its grade, a failing one too (Münster 49 → 5.0).
      const grade = r.component.kind === 'SCORED' ? attemptGrade(profile.code, { status: result.status, points: result.points }) : null;
      const passedAttempt = r.component.kind === 'SCORED' ? (grade?.passed ?? false) : result.status === 'GRADED' && result.passed === true;
      return {
        componentKey: r.component.key,
        componentTitle: r.component.title,
        attempt: r.attempt,
        status: result.status,
        points: result.points,
        passed: result.passed,
        examinedOn: result.examinedOn,
        localGrade: grade?.grade ?? null,
        label: grade?.label ?? null,
        outcome: passedAttempt ? AttemptOutcome.PASSED : AttemptOutcome.FAILED,
      };
    });
  const shown = courseResultGrade(profile.code, outcome);
  return {
    university: profile.code,
    code: course.code,
    title: course.title,
    semester: course.semester,
    credits: course.credits,
    overallWeight: overallWeightOf(course),
    state: outcome.state,
    completed: outcome.completed,
    recognised: recognition !== null,
    permanentlyFailed: outcome.permanentlyFailed,
    attemptsUsed: outcome.attemptsUsed,
    attemptsLeft: outcome.attemptsLeft,
    hasFailedAttempt: outcome.hasFailedAttempt,
    score: outcome.score,
    localGrade: shown?.grade ?? null,
    label: shown?.label ?? null,
    attempts: views,
    recognition: recognition
      ? { decisionReference: recognition.decisionReference, decidedOn: recognition.decidedOn, points: recognition.points }
      : null,
  };
}
