import { randomUUID } from 'node:crypto';
import type { CohortRecord } from '../thesis/federated-credits.js';

interface Snapshot {
  cohort: number;
  takenAt: Date;
  records: Map<string, CohortRecord>;
}

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
    const snapshot = { cohort, takenAt: new Date(this.now()), records: new Map(records.map((r) => [r.id, r])) };
    const id = randomUUID();
    this.snapshots.set(id, snapshot);
    return { id, ...snapshot };
  }

  private expire(): void {
    const oldest = this.now() - this.maxAgeMs;
    for (const [id, s] of this.snapshots) if (s.takenAt.getTime() < oldest) this.snapshots.delete(id);
  }
}
