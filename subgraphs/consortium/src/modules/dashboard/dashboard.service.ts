import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, checkPage } from '@pioneer/shared/errors';
import { MAX_THESIS_ATTEMPTS, daysBetween, defenceWindow, parseIsoDate } from '@pioneer/shared/regulations';
import { currentThesis } from '../progression/progression.service.js';
import type { StudentStatus } from '../progression/progression.types.js';
import { Student } from '../students/student.entity.js';
import type { CohortRecord, CohortSource } from '../thesis/federated-credits.js';
import { Thesis, ThesisState } from '../thesis/thesis.entity.js';
import { groupBy } from '@pioneer/shared/persistence';
import { DashboardFlag, type DashboardEntry, type DashboardPage, type Deadline } from './dashboard.types.js';
import type { DashboardSnapshots, KeptEntry } from './dashboard.snapshots.js';

export interface DashboardFilter {
  cohort: number;
  status?: StudentStatus | null;
  flag?: DashboardFlag | null;
  dueWithinDays: number;
  asOf: string;
  limit: number;
  offset: number;
  /** The reading of an earlier page of the same filtered dashboard, to page on through it. */
  snapshot?: string | null;
}

/** The thesis deadline that comes next for the current attempt (§10 (4), (5), (8)). */
function nextDeadline(thesis: Thesis | null, asOf: string): Deadline | null {
  if (!thesis) return null;
  const at = (kind: string, date: string) => ({ kind, date, daysLeft: daysBetween(asOf, date) });
  switch (thesis.state) {
    case ThesisState.TOPIC_ASSIGNED:
      return at('THESIS_SUBMISSION', thesis.submissionDeadline);
    case ThesisState.SUBMITTED:
      return at('DEFENCE_PERIOD_END', defenceWindow(thesis.submittedOn!, thesis.defenceExtensionWeeks).to);
    case ThesisState.DEFENCE_SCHEDULED:
      return at('DEFENCE', thesis.defenceOn!);
    default:
      return null;
  }
}

/**
 * A cohort as the Academic Committee sees it: status, credits, overall grade and flags, filtered
 * and paged. The status comes from the federated record, read through the gateway: for an
 * unfiltered page only that page's students; for a page filtered by status or flag the whole
 * intake (in pages of the gateway's list limit), once, kept as a snapshot that the next pages
 * name, together with the filter's matching entries, so that a next page is a slice of them
 * (issue 16: no recomputation of the intake per page). The consortium's own data costs two
 * statements, whatever the cohort's size; a next page of a kept filter, one.
 */
export class DashboardService {
  constructor(
    private readonly em: EntityManager,
    private readonly source: CohortSource,
    private readonly snapshots: DashboardSnapshots,
  ) {}

  async cohort(filter: DashboardFilter): Promise<DashboardPage> {
    checkPage(filter.limit, filter.offset);
    if (!Number.isInteger(filter.dueWithinDays) || filter.dueWithinDays < 0 || filter.dueWithinDays > 366) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'dueWithinDays must be 0-366', { dueWithinDays: filter.dueWithinDays });
    }
    parseIsoDate(filter.asOf, 'asOf');
    const filtered = Boolean(filter.status || filter.flag);
    const filterKey = JSON.stringify([filter.status ?? null, filter.flag ?? null, filter.dueWithinDays, filter.asOf]);
    const kept = filtered ? this.snapshots.get(filter.snapshot, filter.cohort) : null;
    const list = kept?.lists.get(filterKey);
    if (kept && list) return this.pageOfKept(filter, kept, list);
    const order = { orderBy: { familyName: 'asc', givenName: 'asc', id: 'asc' } } as const;
    // Unfiltered, the order and the total are the consortium's own: only the page's students are
    // read (and the intake counted), and only they need records. A page of 50 of an intake of
    // 10,000 read all 10,000 students before slicing (issue 16).
    const [students, total] = filtered
      ? await this.em.find(Student, { cohort: filter.cohort }, order).then((all) => [all, all.length] as const)
      : await this.em.findAndCount(Student, { cohort: filter.cohort }, { ...order, limit: filter.limit, offset: filter.offset });
    const theses = students.length ? groupBy(await this.em.find(Thesis, { student: { $in: students.map((s) => s.id) } }), (t) => t.student.id) : new Map<string, Thesis[]>();
    let records: Map<string, CohortRecord>;
    let reading: ReturnType<DashboardSnapshots['put']> | null = null;
    if (filtered) {
      reading = kept ?? this.snapshots.put(filter.cohort, students.length ? await this.source.recordsOf(students.map((s) => s.id)) : []);
      records = reading.records;
    } else {
      records = new Map((students.length ? await this.source.recordsOf(students.map((s) => s.id)) : []).map((r) => [r.id, r]));
    }

    const entries: DashboardEntry[] = students.map((student) => {
      const record = records.get(student.id);
      if (!record?.progression) {
        throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, `No federated record for student ${student.id}`, { studentId: student.id });
      }
      const thesis = currentThesis(theses.get(student.id) ?? []);
      const deadline = nextDeadline(thesis, filter.asOf);
      const thesisRetakePending = thesis?.state === ThesisState.FAILED && thesis.attempt < MAX_THESIS_ATTEMPTS;
      const flags: DashboardFlag[] = [];
      if (deadline && deadline.daysLeft >= 0 && deadline.daysLeft <= filter.dueWithinDays) flags.push(DashboardFlag.DEADLINE_DUE);
      if (!record.progression.permanentlyFailed && (record.progression.coursesFailed > 0 || thesisRetakePending)) flags.push(DashboardFlag.FAILED_ATTEMPT);
      if (!record.progression.permanentlyFailed && (record.lastChanceCourses > 0 || thesisRetakePending || (thesis && thesis.attempt === MAX_THESIS_ATTEMPTS && thesis.state !== ThesisState.PASSED && thesis.state !== ThesisState.PERMANENTLY_FAILED))) {
        flags.push(DashboardFlag.AT_RISK);
      }
      return {
        student,
        status: record.progression.status as StudentStatus,
        totalCredits: record.progression.totalCredits,
        overallGrade: record.overallGrade ? { points: record.overallGrade.points, grade: record.overallGrade.grade, label: record.overallGrade.label as never } : null,
        flags,
        nextDeadline: deadline,
      };
    });
    if (!filtered) return { cohort: filter.cohort, asOf: filter.asOf, total, items: entries, snapshot: null, readAt: new Date() };
    const matching = entries.filter((e) => (!filter.status || e.status === filter.status) && (!filter.flag || e.flags.includes(filter.flag)));
    this.snapshots.keepList(reading!, filterKey, matching.map(({ student, ...entry }) => ({ ...entry, studentId: student.id })));
    return { cohort: filter.cohort, asOf: filter.asOf, total: matching.length, items: matching.slice(filter.offset, filter.offset + filter.limit), snapshot: reading!.id, readAt: reading!.takenAt };
  }

  /** A next page of a filter kept with its reading: only the page's students are read. */
  private async pageOfKept(filter: DashboardFilter, reading: { id: string; takenAt: Date }, list: readonly KeptEntry[]): Promise<DashboardPage> {
    const page = list.slice(filter.offset, filter.offset + filter.limit);
    const students = new Map(page.length ? (await this.em.find(Student, { id: { $in: page.map((e) => e.studentId) } })).map((s) => [s.id, s]) : []);
    const items = page.map(({ studentId, ...entry }) => {
      const student = students.get(studentId);
      // Students are never deleted (an exmatriculation is a record of its own), so this is a fault.
      if (!student) throw new Error(`Student ${studentId} of a kept dashboard is gone`);
      return { ...entry, student };
    });
    return { cohort: filter.cohort, asOf: filter.asOf, total: list.length, items, snapshot: reading.id, readAt: reading.takenAt };
  }
}
