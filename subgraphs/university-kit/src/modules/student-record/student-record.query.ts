import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ChangeSet, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { ResultStatus } from '../examinations/exam-result.entity.js';
import type { ComponentKind } from '../catalogue/exam-component.entity.js';
import { selectRows } from '@pioneer/shared/persistence';

/**
 * The read side of student records as plain rows: set-based SQL through the ORM's connection, no
 * entity hydration, no identity map. A page of 500 students is ~9,000 attempts; hydrating them as
 * entities cost more CPU than everything else the subgraph does for the page. Writes keep
 * entities and the unit of work.
 */

export interface ComponentRow {
  id: string;
  key: string;
  title: string;
  kind: ComponentKind;
  weight: number;
  maxAttempts: number;
}

export interface CourseRow {
  id: string;
  code: string;
  /** The edition's first academic year (2025 = 2025/26). */
  academicYear: number;
  retiredOn: string | null;
  title: string;
  semester: number;
  credits: number;
  overallWeight: number | null;
  /** In the catalogue's order of examinations (position). */
  components: { getItems(): readonly ComponentRow[] };
}

export interface EnrolmentRow {
  id: string;
  studentId: string;
  studentNumber: string;
}

/** One recorded attempt, shaped as the record builders read a registration with its result. */
export interface AttemptRow {
  enrolmentId: string;
  attempt: number;
  component: ComponentRow & { course: { id: string } };
  result: { status: ResultStatus; points: number | null; passed: boolean | null; examinedOn: string };
}

/** A registration still waiting for its result: only which edition of a course it is in. */
export interface PendingRow {
  enrolmentId: string;
  course: { id: string };
}

export interface RecognitionRow {
  enrolmentId: string;
  course: { id: string };
  decisionReference: string;
  decidedOn: string;
  points: number | null;
}

/**
 * The catalogue — every edition of every course — read once per process and again only after
 * this process changed a course or an examination (an ORM flush touching either invalidates it:
 * edits, new courses, new editions, retirements). Every write to the catalogue goes
 * through this university's own subgraph, so no other writer can make it stale.
 */
export class CatalogueCache {
  private courses: Promise<CourseRow[]> | null = null;

  /** Keeps the cache honest: any flush that changes a course or an examination drops it. */
  watch(orm: MikroORM): this {
    const subscriber: EventSubscriber = {
      afterFlush: (args: FlushEventArgs) => {
        const changed = args.uow.getChangeSets().some((cs: ChangeSet<Partial<object>>) => cs.name === 'Course' || cs.name === 'ExamComponent');
        if (changed) this.invalidate();
      },
    };
    orm.em.getEventManager().registerSubscriber(subscriber);
    return this;
  }

  invalidate(): void {
    this.courses = null;
  }

  get(em: EntityManager): Promise<CourseRow[]> {
    if (!this.courses) {
      const loading = readCatalogue(em);
      // A failed read is not cached: the next request tries again.
      loading.catch(() => {
        if (this.courses === loading) this.courses = null;
      });
      this.courses = loading;
    }
    return this.courses;
  }
}

export async function readCatalogue(em: EntityManager): Promise<CourseRow[]> {
  const rows = await em.getConnection().execute<
    { course_id: string; code: string; academic_year: number; retired_on: string | null; course_title: string; semester: number; credits: number; overall_weight: number | null; id: string; key: string; title: string; kind: ComponentKind; weight: number; max_attempts: number }[]
  >(
    `select c.id as course_id, c.code, c.academic_year, c.retired_on::text as retired_on, c.title as course_title, c.semester, c.credits, c.overall_weight,
            x.id, x.key, x.title, x.kind, x.weight, x.max_attempts
       from course c join exam_component x on x.course_id = c.id
      order by c.code, c.academic_year, x.position`,
  );
  const courses = new Map<string, CourseRow & { list: ComponentRow[] }>();
  for (const r of rows) {
    let course = courses.get(r.course_id);
    if (!course) {
      const list: ComponentRow[] = [];
      course = { id: r.course_id, code: r.code, academicYear: r.academic_year, retiredOn: r.retired_on, title: r.course_title, semester: r.semester, credits: r.credits, overallWeight: r.overall_weight, components: { getItems: () => list }, list };
      courses.set(r.course_id, course);
    }
    course.list.push({ id: r.id, key: r.key, title: r.title, kind: r.kind, weight: r.weight, maxAttempts: r.max_attempts });
  }
  return [...courses.values()].map(({ list: _list, ...course }) => course);
}

/**
 * Enrolments, attempts with results and recognitions of these students: three statements,
 * whatever their number.
 */
export async function readRecords(
  em: EntityManager,
  catalogue: readonly CourseRow[],
  studentIds: readonly string[],
): Promise<{ enrolments: EnrolmentRow[]; attempts: AttemptRow[]; recognitions: RecognitionRow[]; pending: PendingRow[] }> {
  if (studentIds.length === 0) return { enrolments: [], attempts: [], recognitions: [], pending: [] };
  const enrolments = (
    await selectRows<{ id: string; student_id: string; student_number: string }>(em, 'select id, student_id, student_number from enrolment where student_id = any(?)', [[...studentIds]])
  ).map((r) => ({ id: r.id, studentId: r.student_id, studentNumber: r.student_number }));
  if (enrolments.length === 0) return { enrolments, attempts: [], recognitions: [], pending: [] };
  const enrolmentIds = enrolments.map((e) => e.id);
  const components = new Map(catalogue.flatMap((c) => c.components.getItems().map((x) => [x.id, { ...x, course: { id: c.id } }] as const)));
  const [attemptRows, recognitionRows] = await Promise.all([
    // Registrations still waiting for a result come along (status null): they say which edition
    // of a course the student is in before any result (docs/catalogue.md "Editions").
    selectRows<{ enrolment_id: string; component_id: string; attempt: number; status: ResultStatus | null; points: number | null; passed: boolean | null; examined_on: string | null }>(
      em,
      // The results are found by their own enrolment index, not by joining every result of the
      // university (Migration20261129190000): the cost follows the page, not the university.
      `select r.enrolment_id, r.component_id, r.attempt, res.status, res.points, res.passed, res.examined_on::text as examined_on
         from registration r left join exam_result res on res.registration_id = r.id and res.enrolment_id = any(?)
        where r.enrolment_id = any(?)
        order by r.attempt`,
      [enrolmentIds, enrolmentIds],
    ),
    selectRows<{ enrolment_id: string; course_id: string; decision_reference: string; decided_on: string; points: number | null }>(
      em,
      'select enrolment_id, course_id, decision_reference, decided_on::text as decided_on, points from recognition where enrolment_id = any(?)',
      [enrolmentIds],
    ),
  ]);
  const attempts: AttemptRow[] = [];
  const pending: PendingRow[] = [];
  for (const r of attemptRows) {
    const component = components.get(r.component_id);
    // An examination missing from the catalogue would be a broken foreign key: not a record.
    if (!component) throw new Error(`registration for unknown examination ${r.component_id}`);
    if (r.status === null || r.examined_on === null) pending.push({ enrolmentId: r.enrolment_id, course: component.course });
    else attempts.push({ enrolmentId: r.enrolment_id, attempt: r.attempt, component, result: { status: r.status, points: r.points, passed: r.passed, examinedOn: r.examined_on } });
  }
  const recognitions = recognitionRows.map((r) => ({ enrolmentId: r.enrolment_id, course: { id: r.course_id }, decisionReference: r.decision_reference, decidedOn: r.decided_on, points: r.points }));
  return { enrolments, attempts, recognitions, pending };
}
