import { isStudentId } from '@pioneer/shared/federation';
import { isDomainError } from '@pioneer/shared/errors';
import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { batchLoader, groupBy } from '@pioneer/shared/persistence';
import { academicYearLabel, academicYearOf, attemptGrade, courseOutcome, courseResultGrade, type AttemptRecord, type ComponentSpec, type CourseOutcomeInput } from '@pioneer/shared/regulations';
import { overallWeightOf, type Course } from '../catalogue/course.entity.js';
import type { ExamComponent } from '../catalogue/exam-component.entity.js';
import type { ExamResult } from '../examinations/exam-result.entity.js';
import type { Recognition } from '../examinations/recognition.entity.js';
import { readCatalogue, readRecords, type CatalogueCache, type CourseRow } from './student-record.query.js';
import { utcToday } from '../enrolment/enrolment.service.js';
import type { UniversityProfile } from '../../profile.js';
import { AttemptOutcome, type AttemptView, type CourseResult, type UniversityRecord } from './student-record.types.js';

export interface StudentRecordLoaders {
  records: DataLoader<string, UniversityRecord>;
}

export function createStudentRecordLoaders(em: EntityManager, profile: UniversityProfile, catalogue?: CatalogueCache): StudentRecordLoaders {
  return {
    records: batchLoader(
      (ids) => loadStudentRecords(em, profile, ids, catalogue),
      (id) => emptyRecord(profile, id),
    ),
  };
}

function emptyRecord(profile: UniversityProfile, _id: string): UniversityRecord {
  return { university: profile.code, universityName: profile.name, enrolled: false, studentNumber: null, creditsEarned: 0, courses: [], unreadable: null };
}

/**
 * Records of many students in a constant number of statements (enrolments, attempts with their
 * results, recognitions; the catalogue too unless the process keeps it), read as plain rows:
 * the gateway asks for a whole cohort in one `_entities` call.
 */
export async function loadStudentRecords(
  em: EntityManager,
  profile: UniversityProfile,
  studentIds: readonly string[],
  catalogue?: CatalogueCache,
): Promise<Map<string, UniversityRecord>> {
  const courses = await (catalogue ? catalogue.get(em) : readCatalogue(em));
  // Ids come from the gateway's representations; anything but a UUID is simply not ours.
  const validIds = [...new Set(studentIds.filter((id) => isStudentId(id)))];
  const { enrolments, attempts, recognitions, pending } = await readRecords(em, courses, validIds);

  const registrationsByEnrolment = groupBy(attempts, (r) => r.enrolmentId);
  const editionsByCode = groupBy(courses, (c) => c.code);
  const today = utcToday();
  const recognitionsByEnrolment = groupBy(recognitions, (r) => r.enrolmentId);
  const pendingByEnrolment = groupBy(pending, (r) => r.enrolmentId);

  const records = new Map<string, UniversityRecord>();
  const enrolmentByStudent = new Map(enrolments.map((e) => [e.studentId, e]));
  for (const studentId of studentIds) {
    const enrolment = enrolmentByStudent.get(studentId);
    const regs = enrolment ? (registrationsByEnrolment.get(enrolment.id) ?? []) : [];
    const recs = enrolment ? (recognitionsByEnrolment.get(enrolment.id) ?? []) : [];
    // One student's stored record the engine refuses (written around the services' checks) is
    // marked on that student's record only; the batch — every other student — is served in full.
    let unreadable: UniversityRecord['unreadable'] = null;
    const waiting = enrolment ? (pendingByEnrolment.get(enrolment.id) ?? []) : [];
    const taken = new Set([...regs, ...recs, ...waiting].map((r) => ('component' in r ? r.component.course.id : r.course.id)));
    const results = studentEditions(editionsByCode, taken, today).flatMap((course) => {
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

/**
 * The editions a student's record shows, one per course: the edition they took it in (an attempt
 * or a recognition), else the one in force today — unless that one is retired: a student who
 * never started a retired course no longer has it (docs/catalogue.md "Editions").
 */
function studentEditions(editionsByCode: ReadonlyMap<string, readonly CourseRow[]>, taken: ReadonlySet<string>, today: string): CourseRow[] {
  const year = academicYearOf(today);
  return [...editionsByCode.values()].flatMap((editions) => {
    const own = editions.find((e) => taken.has(e.id));
    if (own) return [own];
    const inForce = editions.filter((e) => e.academicYear <= year).at(-1);
    return inForce && (inForce.retiredOn === null || inForce.retiredOn > today) ? [inForce] : [];
  });
}

/** What the record builders read of an examination: the entity (writes) or a plain row (reads). */
type ComponentLike = Pick<ExamComponent, 'key' | 'title' | 'kind' | 'weight' | 'maxAttempts'>;
/** What they read of a course. */
export type CourseLike = Pick<Course, 'id' | 'code' | 'title' | 'semester' | 'credits' | 'overallWeight' | 'academicYear'> & { components: { getItems(): readonly ComponentLike[] } };
/** What they read of a registration with its result. */
export interface RegistrationLike {
  attempt: number;
  component: ComponentLike;
  result: Pick<ExamResult, 'status' | 'points' | 'passed' | 'examinedOn'> | null;
}
type RecognitionLike = Pick<Recognition, 'decisionReference' | 'decidedOn' | 'points'>;

/** The engine's view of one course of one student: its components and every recorded attempt. */
export function courseOutcomeInput(
  profile: UniversityProfile,
  course: CourseLike,
  registrations: readonly RegistrationLike[],
  recognition: RecognitionLike | null,
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
  course: CourseLike,
  registrations: readonly RegistrationLike[],
  recognition: RecognitionLike | null,
): CourseResult {
  const outcome = courseOutcome(courseOutcomeInput(profile, course, registrations, recognition));
  // Built when asked for: a page of an intake asks for outcomes, not each attempt's grade and title.
  const attemptViews = (): AttemptView[] =>
    registrations
      .filter((r) => r.result)
      .map((r) => {
        const result = r.result!;
        // §16 (1): every scored attempt shows its grade, a failing one too (Münster 49 → 5.0).
        const grade = r.component.kind === 'SCORED' ? attemptGrade(profile.code, { status: result.status, points: result.points }) : null;
        const passedAttempt = r.component.kind === 'SCORED' ? (grade?.passed ?? false) : result.status === 'GRADED' && result.passed === true;
        return {
          examinationKey: r.component.key,
          examinationTitle: r.component.title,
          // The 0.1 names, kept until 0.3 (README "Changelog").
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
  let views: AttemptView[] | undefined;
  return {
    university: profile.code,
    code: course.code,
    title: course.title,
    academicYear: academicYearLabel(course.academicYear),
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
    get attempts() {
      return (views ??= attemptViews());
    },
    recognition: recognition
      ? { decisionReference: recognition.decisionReference, decidedOn: recognition.decidedOn, points: recognition.points }
      : null,
  };
}
