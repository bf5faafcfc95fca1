import { randomUUID } from 'node:crypto';
import type { CohortRecord } from '../thesis/federated-credits.js';
import type { DashboardEntry } from './dashboard.types.js';

/** A dashboard entry as kept: the student by id, read again for the page that shows it. */
export type KeptEntry = Omit<DashboardEntry, 'student'> & { studentId: string };

interface Snapshot {
  cohort: number;
  takenAt: Date;
  records: Map<string, CohortRecord>;
  /**
   * The matching entries of each filter asked of this reading, in the dashboard's order, keyed
   * by the filter (status, flag, window, date): later pages are slices of one list, not a
   * recomputation of the intake per page, and cannot shift if a thesis changes meanwhile.
   */
  lists: Map<string, KeptEntry[]>;
}

/** Filters kept per reading; a client that tries more gets the oldest recomputed. */
const LISTS_PER_SNAPSHOT = 8;

/**
 * The federated records of a whole intake, read once and kept for a short while under an id, so
 * that a filtered dashboard (by status or flag, which needs every student's record) pages through
 * one consistent reading instead of reading the intake again for every page. Kept per process,
 * bounded in number and age; a client that asks without an id (or after it expired) gets a fresh
 * reading and its new id.
 */
export class DashboardSnapshots {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    private readonly maxAgeMs = 5 * 60_000,
    private readonly maxCount = 16,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string | null | undefined, cohort: number): ({ id: string } & Snapshot) | null {
    this.expire();
    const found = id ? this.snapshots.get(id) : undefined;
    return found && found.cohort === cohort ? { id: id!, ...found } : null;
  }

  put(cohort: number, records: readonly CohortRecord[]): { id: string } & Snapshot {
    this.expire();
    while (this.snapshots.size >= this.maxCount) this.snapshots.delete(this.snapshots.keys().next().value!);
    const snapshot = { cohort, takenAt: new Date(this.now()), records: new Map(records.map((r) => [r.id, r])), lists: new Map<string, KeptEntry[]>() };
    const id = randomUUID();
    this.snapshots.set(id, snapshot);
    return { id, ...snapshot };
  }

  /** Keeps a filter's matching entries with the reading they were computed from. */
  keepList(snapshot: Snapshot, filter: string, entries: KeptEntry[]): void {
    if (snapshot.lists.size >= LISTS_PER_SNAPSHOT) snapshot.lists.delete(snapshot.lists.keys().next().value!);
    snapshot.lists.set(filter, entries);
  }

  private expire(): void {
    const oldest = this.now() - this.maxAgeMs;
    for (const [id, s] of this.snapshots) if (s.takenAt.getTime() < oldest) this.snapshots.delete(id);
  }
}
