/**
 * Issuing the documents of a whole intake as a job: started, followed, cancelled, reported. The
 * record of each chunk of students is read through the gateway in one request, each chunk is
 * issued in one transaction (students locked, a range of numbers taken, every document rendered
 * and signed in parallel on the worker pool, every row written), and every student not issued is
 * reported with the reason. Jobs live in the consortium process; a restart forgets the job (not
 * the documents: the next run reports them as already valid).
 */
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { parseIsoDate } from '@pioneer/shared/regulations';
import { Student } from '../../students/student.entity.js';
import { Thesis } from '../../thesis/thesis.entity.js';
import type { DocumentRecordSource, LiveDocumentRecord } from '../document-record.client.js';
import { formatDocumentNumber } from '../document-number.js';
import { DocumentKind, recordFingerprint, sha256Hex, type DocumentSnapshot, type Signatories } from '../document.snapshot.js';
import { liveRecordSnapshot, verifyUrl } from '../document.service.js';
import { IssuedDocument } from '../issued-document.entity.js';
import type { RenderPool } from './render-pool.js';

export type JobState = 'RUNNING' | 'DONE' | 'CANCELLED' | 'FAILED';
export type EntryOutcome = 'ISSUED' | 'SKIPPED' | 'FAILED';
/** Why a document was not issued. */
export type EntryReason = 'NOT_A_GRADUATE' | 'ALREADY_VALID' | 'UNIVERSITY_UNAVAILABLE' | 'CANCELLED' | 'ERROR';

export interface JobEntry {
  studentId: string;
  name: string;
  kind: DocumentKind;
  outcome: EntryOutcome;
  reason: EntryReason | null;
  detail: string | null;
  number: string | null;
}

export interface CohortJob {
  id: string;
  cohort: number;
  issuedOn: string;
  kinds: DocumentKind[];
  state: JobState;
  total: number;
  issued: number;
  skipped: number;
  failed: number;
  startedAt: Date;
  finishedAt: Date | null;
  entries: JobEntry[];
  error: string | null;
  controller: AbortController;
  stages: JobStages;
}

/**
 * Where a run's time went (the cohort benchmark reports it), in ms. `readMs`: waiting for the
 * federated record (the gateway and the three universities), overlapped with the previous chunk's
 * rendering; `renderMs` / `signMs`: worker time making the text and PDFs / signing the PDFs and
 * the ELMO, summed over the workers; `storeMs`: the consortium database (locks, numbers, versions,
 * inserts and commit); `renderWallMs`: time the main thread waited for the workers.
 */
export interface JobStages {
  readMs: number;
  renderMs: number;
  signMs: number;
  storeMs: number;
  renderWallMs: number;
}

/** Students per chunk: one gateway read and one transaction each. */
export const CHUNK = 24;

export interface CohortJobDeps {
  orm: MikroORM;
  records: DocumentRecordSource;
  signatories: Signatories;
  verifyBaseUrl: string;
  pool: RenderPool;
}

export class CohortIssueJobs {
  private readonly jobs = new Map<string, CohortJob>();

  constructor(private readonly deps: CohortJobDeps) {}

  /** Validates and starts; the job runs on after this returns. */
  async start(input: { cohort: number; issuedOn: string; kinds?: DocumentKind[] }): Promise<CohortJob> {
    parseIsoDate(input.issuedOn, 'issuedOn');
    const kinds = input.kinds?.length ? [...new Set(input.kinds)] : [DocumentKind.DIPLOMA, DocumentKind.DIPLOMA_SUPPLEMENT];
    if (kinds.includes(DocumentKind.TRANSCRIPT_OF_RECORDS)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A cohort run issues diplomas and supplements; a §15 (5) transcript is issued one by one, on request', { kinds });
    }
    // Every student of the intake, from the consortium's own table: no page limit here.
    const students = await this.deps.orm.em.fork().find(Student, { cohort: input.cohort }, { orderBy: { familyName: 'asc', givenName: 'asc', id: 'asc' } });
    if (students.length === 0) throw new DomainError(ErrorCode.UNKNOWN_COHORT, `No students were admitted in ${input.cohort}`, { cohort: input.cohort });
    const job: CohortJob = {
      id: randomUUID(),
      cohort: input.cohort,
      issuedOn: input.issuedOn,
      kinds,
      state: 'RUNNING',
      total: students.length * kinds.length,
      issued: 0,
      skipped: 0,
      failed: 0,
      startedAt: new Date(),
      finishedAt: null,
      entries: [],
      error: null,
      controller: new AbortController(),
      stages: { readMs: 0, renderMs: 0, signMs: 0, storeMs: 0, renderWallMs: 0 },
    };
    this.jobs.set(job.id, job);
    void this.run(job, students.map((s) => s.id));
    return job;
  }

  get(id: string): CohortJob {
    const job = this.jobs.get(id);
    if (!job) throw new DomainError(ErrorCode.UNKNOWN_JOB, `No cohort job ${id}`, { id });
    return job;
  }

  cancel(id: string): CohortJob {
    const job = this.get(id);
    if (job.state === 'RUNNING') job.controller.abort();
    return job;
  }

  /** Seconds left at the pace so far; null before the first chunk. */
  static eta(job: CohortJob, now = Date.now()): number | null {
    const done = job.issued + job.skipped + job.failed;
    if (job.state !== 'RUNNING') return 0;
    if (done === 0) return null;
    return Math.round(((now - job.startedAt.getTime()) / done) * (job.total - done) / 1000);
  }

  private record(job: CohortJob, entry: JobEntry): void {
    job.entries.push(entry);
    if (entry.outcome === 'ISSUED') job.issued += 1;
    else if (entry.outcome === 'SKIPPED') job.skipped += 1;
    else job.failed += 1;
  }

  /** The live records of a chunk; a failed read fails only that chunk's students. */
  private async read(job: CohortJob, ids: string[]): Promise<Map<string, LiveDocumentRecord | DomainError>> {
    const t = performance.now();
    try {
      return await this.deps.records.liveRecords(ids);
    } catch (e) {
      return new Map(ids.map((id) => [id, e instanceof DomainError ? e : new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read')]));
    } finally {
      job.stages.readMs += performance.now() - t;
    }
  }

  private async run(job: CohortJob, studentIds: string[]): Promise<void> {
    try {
      const chunks: string[][] = [];
      for (let i = 0; i < studentIds.length; i += CHUNK) chunks.push(studentIds.slice(i, i + CHUNK));
      // The next chunk's federated read runs while this chunk renders: the gateway and the
      // universities work while the workers sign, instead of the workers idling during each read.
      let next = chunks.length ? this.read(job, chunks[0]!) : null;
      for (let c = 0; c < chunks.length; c++) {
        const ids = chunks[c]!;
        const live = await next!;
        next = c + 1 < chunks.length && !job.controller.signal.aborted ? this.read(job, chunks[c + 1]!) : null;
        if (job.controller.signal.aborted) break;
        try {
          await this.chunk(job, ids, live);
        } catch (e) {
          if (job.controller.signal.aborted) break;
          // The chunk's transaction rolled back: nothing of it was written; its students are reported and the run goes on.
          const code = e instanceof DomainError ? e.code : 'INTERNAL_SERVER_ERROR';
          for (const id of ids) for (const kind of job.kinds) this.record(job, { studentId: id, name: '', kind, outcome: 'FAILED', reason: code === ErrorCode.SOURCE_UNAVAILABLE ? 'UNIVERSITY_UNAVAILABLE' : 'ERROR', detail: code, number: null });
        }
      }
      await next;
      job.state = job.controller.signal.aborted ? 'CANCELLED' : 'DONE';
    } catch (e) {
      job.state = job.controller.signal.aborted ? 'CANCELLED' : 'FAILED';
      job.error = e instanceof DomainError ? e.code : 'INTERNAL_SERVER_ERROR';
    } finally {
      if (job.state === 'CANCELLED') {
        const seen = new Set(job.entries.map((e) => `${e.studentId}:${e.kind}`));
        for (const id of studentIds) for (const kind of job.kinds) if (!seen.has(`${id}:${kind}`)) this.record(job, { studentId: id, name: '', kind, outcome: 'SKIPPED', reason: 'CANCELLED', detail: null, number: null });
      }
      job.finishedAt = new Date();
    }
  }

  private async chunk(job: CohortJob, ids: string[], live: Map<string, LiveDocumentRecord | DomainError>): Promise<void> {
    const wantsSupplement = job.kinds.includes(DocumentKind.DIPLOMA_SUPPLEMENT);
    const distribution = wantsSupplement ? await this.deps.records.gradeDistribution(job.cohort).catch(() => null) : null;
    const em = this.deps.orm.em.fork();
    const finished: JobEntry[] = [];
    const began = performance.now();
    let renderWall = 0;
    await em.transactional(async (tx: EntityManager) => {
      const students = await tx.find(Student, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      const theses = await tx.find(Thesis, { student: { $in: ids } }, { orderBy: { attempt: 'asc' } });
      const valid = await tx.find(IssuedDocument, { student: { $in: ids }, revokedOn: null });
      const planned: { student: Student; kind: DocumentKind; snapshot: DocumentSnapshot; document: IssuedDocument }[] = [];
      const byKind = new Map<DocumentKind, { student: Student; live: LiveDocumentRecord }[]>();
      for (const student of students.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))) {
        const name = `${student.familyName}, ${student.givenName}`;
        const l = live.get(student.id);
        for (const kind of job.kinds) {
          const skip = (outcome: EntryOutcome, reason: EntryReason, detail: string | null, number: string | null = null) =>
            finished.push({ studentId: student.id, name, kind, outcome, reason, detail, number });
          const existing = valid.find((d) => d.student.id === student.id && d.kind === kind);
          if (existing) skip('SKIPPED', 'ALREADY_VALID', `version ${existing.version}`, existing.number);
          else if (!l || l instanceof DomainError) skip('FAILED', 'UNIVERSITY_UNAVAILABLE', l instanceof DomainError ? l.message : null);
          else if (!l.progression.masterExaminationPassed || !l.overall) skip('SKIPPED', 'NOT_A_GRADUATE', l.progression.status);
          else if (kind === DocumentKind.DIPLOMA_SUPPLEMENT && !distribution) skip('FAILED', 'UNIVERSITY_UNAVAILABLE', 'the intake’s grade distribution could not be read');
          else byKind.set(kind, [...(byKind.get(kind) ?? []), { student, live: l }]);
        }
      }
      // One range of numbers per kind, in student order; the counter row stays locked until commit.
      const diplomaNumbers = new Map<string, string>();
      for (const kind of job.kinds) {
        const todo = byKind.get(kind) ?? [];
        if (!todo.length) continue;
        const rows = await tx.getConnection().execute<{ last: number }[]>(
          `insert into "document_number_counter" ("kind", "intake", "last") values (?, ?, ?)
           on conflict ("kind", "intake") do update set "last" = "document_number_counter"."last" + excluded."last" returning "last"`,
          [kind, job.cohort, todo.length],
          'all',
          tx.getTransactionContext(),
        );
        const first = Number(rows[0]!.last) - todo.length + 1;
        todo.forEach(({ student, live: l }, i) => {
          const number = formatDocumentNumber(kind, job.cohort, first + i);
          if (kind === DocumentKind.DIPLOMA) diplomaNumbers.set(student.id, number);
          const record = liveRecordSnapshot(student, theses.filter((t) => t.student.id === student.id), l);
          const document = tx.create(IssuedDocument, {
            student,
            kind,
            // Set below once the latest versions are read.
            version: 1,
            issuedOn: job.issuedOn,
            number,
            snapshot: undefined as never,
            recordFingerprint: recordFingerprint(record),
            pdf: undefined as never,
            pdfSha256: '',
          });
          const existingDiploma = valid.find((d) => d.student.id === student.id && d.kind === DocumentKind.DIPLOMA)?.number ?? null;
          document.snapshot = {
            record,
            issue: {
              documentId: document.id,
              documentNumber: number,
              verifyUrl: verifyUrl(this.deps.verifyBaseUrl, number),
              kind,
              version: document.version,
              issuedOn: job.issuedOn,
              signatories: this.deps.signatories,
              exmatriculation: null,
              ...(kind === DocumentKind.DIPLOMA_SUPPLEMENT ? { diplomaNumber: diplomaNumbers.get(student.id) ?? existingDiploma, gradeDistribution: distribution! } : {}),
            },
          };
          planned.push({ student, kind, snapshot: document.snapshot, document });
        });
      }
      // Versions continue after revoked ones.
      if (planned.length) {
        const latest = await tx.getConnection().execute<{ student_id: string; kind: string; v: number }[]>(
          `select "student_id", "kind", max("version") as "v" from "issued_document" where "student_id" in (${planned.map(() => '?').join(',')}) group by "student_id", "kind"`,
          planned.map((p) => p.student.id),
          'all',
          tx.getTransactionContext(),
        );
        for (const p of planned) {
          const v = latest.find((r) => r.student_id === p.student.id && r.kind === p.kind)?.v ?? 0;
          p.document.version = Number(v) + 1;
          p.snapshot.issue.version = p.document.version;
        }
      }
      const renderStarted = performance.now();
      const rendered = await Promise.all(planned.map((p) => this.deps.pool.render(p.snapshot, job.controller.signal)));
      renderWall = performance.now() - renderStarted;
      planned.forEach((p, i) => {
        const r = rendered[i]!;
        job.stages.renderMs += r.timings.renderMs;
        job.stages.signMs += r.timings.signMs;
        p.document.pdf = r.pdf;
        p.document.pdfSha256 = sha256Hex(r.pdf);
        if (r.xml !== null) {
          p.document.xml = r.xml;
          p.document.xmlSha256 = sha256Hex(Buffer.from(r.xml, 'utf8'));
        }
        finished.push({ studentId: p.student.id, name: `${p.student.familyName}, ${p.student.givenName}`, kind: p.kind, outcome: 'ISSUED', reason: null, detail: `version ${p.document.version}`, number: p.document.number });
      });
    });
    job.stages.renderWallMs += renderWall;
    job.stages.storeMs += performance.now() - began - renderWall;
    for (const entry of finished) this.record(job, entry);
  }

  /** Render and sign one document on the pool (single issues and the current record use it too, off the main thread). */
  render(snapshot: DocumentSnapshot) {
    return this.deps.pool.render(snapshot);
  }

  renderCurrent(snapshot: DocumentSnapshot) {
    return this.deps.pool.render(snapshot, undefined, true);
  }

  close(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    return this.deps.pool.close();
  }
}
