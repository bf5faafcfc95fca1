import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { DomainError, ErrorCode, requireReason, requireText } from '@pioneer/shared/errors';
import { isUuid } from '@pioneer/shared/federation';
import { auditStudent } from '@pioneer/shared/audit';
import { batchLoader, groupBy } from '@pioneer/shared/persistence';
import { compareIsoDates, parseIsoDate } from '@pioneer/shared/regulations';
import { Student } from '../students/student.entity.js';
import { StudentService } from '../students/student.service.js';
import { Thesis } from '../thesis/thesis.entity.js';
import type { createThesisLoader } from '../thesis/thesis.loader.js';

type ThesisLoader = ReturnType<typeof createThesisLoader>;
import type { DocumentRecordSource, LiveDocumentRecord } from './document-record.client.js';
import { buildModel, buildTranscript, type DocumentModel } from './document.model.js';
import { renderCurrentRecord, renderIssuedDocument } from './document.render.js';
import { nextDocumentNumber } from './document-number.js';
import type { SigningIdentity } from './signing/signing-identity.js';
import type { CohortIssueJobs } from './cohort/cohort-issue.job.js';
import type { RenderLimits } from './render-limits.js';
import { DocumentKind, recordFingerprint, recordSnapshot, sha256Hex, type DocumentSnapshot, type RecordSnapshot, type Signatories } from './document.snapshot.js';
import { Exmatriculation } from './exmatriculation.entity.js';
import { DocumentStatus, IssuedDocument } from './issued-document.entity.js';

/** What the documents need besides the database: the federated record and who signs. */
export interface DocumentDeps {
  records: DocumentRecordSource;
  signatories: Signatories;
  /** The consortium's signing key and certificate (signing/signing-identity.ts); null where nothing is issued. */
  signing: SigningIdentity | null;
  /** The public verification address a document number is appended to (GET /verify/<number> on the gateway's host). */
  verifyBaseUrl: string;
  /** Cohort runs on the worker pool (cohort/cohort-issue.job.ts); absent where none are run. */
  jobs?: CohortIssueJobs | null;
  /** Per-caller bounds on rendering the current record, across requests (render-limits.ts); none when absent. */
  renderLimits?: RenderLimits | null;
}

/** The snapshot's record part from the live record: the same function at issue and for the status. */
export function liveRecordSnapshot(student: Student, theses: readonly Thesis[], live: LiveDocumentRecord): RecordSnapshot {
  return recordSnapshot({
    student,
    records: live.records,
    theses: theses.map((t) => ({ attempt: t.attempt, title: t.title, state: t.state, score: t.score, defendedOn: t.defendedOn, defenceHost: t.defenceHost })),
    progression: {
      status: live.progression.status,
      totalCredits: live.progression.totalCredits,
      masterExaminationPassed: live.progression.masterExaminationPassed,
      permanentlyFailed: live.progression.permanentlyFailed,
      permanentFailureReason: live.progression.permanentFailureReason,
    },
    overall: live.overall,
  });
}

/** A record snapshot from before attempts and fail grades were kept (issue 13): its courses have no `attempts`. */
export function isLegacyRecord(record: RecordSnapshot): boolean {
  return record.universities.some((u) => u.courses.some((c) => !('attempts' in c)));
}

/**
 * The live record in the shape documents issued before issue 13 were fingerprinted in: no
 * attempts, no recognition decision, no grade on a course that is not completed. Compared in that
 * shape, those documents stay ISSUED until a result behind them really changes.
 */
export function legacyRecordShape(record: RecordSnapshot): RecordSnapshot {
  return {
    ...record,
    universities: record.universities.map((u) => ({
      ...u,
      courses: u.courses.map(({ attempts: _a, recognition: _r, ...c }) => ({ ...c, ...(c.completed ? {} : { localGrade: null, label: null }) }) as RecordSnapshot['universities'][number]['courses'][number]),
    })),
  };
}

/** REVOKED wins; otherwise OUTDATED when the live record no longer gives the stored fingerprint (§21). */
export function documentStatus(doc: Pick<IssuedDocument, 'revokedOn' | 'recordFingerprint'>, liveFingerprint: string): DocumentStatus {
  if (doc.revokedOn) return DocumentStatus.REVOKED;
  return doc.recordFingerprint === liveFingerprint ? DocumentStatus.ISSUED : DocumentStatus.OUTDATED;
}

const KINDS = Object.values(DocumentKind) as string[];

/**
 * Issue, revoke and read the documents (§15 (5), §17, §18, §21). Who may do which is decided in
 * document.resolver.ts before anything here runs (docs/security.md: issuing and revoking for the
 * committee; reading for the committee, staff and the student themself).
 */
export class DocumentService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: DocumentContext,
  ) {}

  private theses(em: EntityManager, student: Student): Promise<Thesis[]> {
    return em.find(Thesis, { student }, { orderBy: { attempt: 'asc' } });
  }

  /**
   * §17 (2), §18 (1): diploma and supplement once the master's examination is passed; §15 (5): the
   * transcript once it is permanently failed and the exmatriculation certificate is on record. The
   * verdict comes from the federated record read through the gateway, never from the caller.
   */
  async issue(input: { studentId: string; kind: string; issuedOn: string }): Promise<IssuedDocument> {
    if (!KINDS.includes(input.kind)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `kind is one of ${KINDS.join(', ')}`, { kind: input.kind });
    const kind = input.kind as DocumentKind;
    parseIsoDate(input.issuedOn, 'issuedOn');
    const student = await new StudentService(this.em).byId(input.studentId);
    const live = await this.deps.loaders.liveRecords.load(student.id);

    return this.em.transactional(async (em) => {
      // One issue at a time per student: the version number and the "one valid version" rule hold.
      await em.findOneOrFail(Student, { id: student.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const record = liveRecordSnapshot(student, await this.theses(em, student), live);
      let exmatriculation: Exmatriculation | null = null;
      if (kind === DocumentKind.TRANSCRIPT_OF_RECORDS) {
        if (!record.progression.permanentlyFailed) {
          throw new DomainError(ErrorCode.MASTER_EXAMINATION_NOT_PERMANENTLY_FAILED, 'A transcript under §15 (5) is issued only after the master’s examination has been permanently failed', { status: record.progression.status });
        }
        exmatriculation = await em.findOne(Exmatriculation, { student });
        if (!exmatriculation) throw new DomainError(ErrorCode.EXMATRICULATION_CERTIFICATE_REQUIRED, 'The certificate of exmatriculation must be on record before the transcript is issued (§15 (5))', { studentId: student.id });
        if (compareIsoDates(input.issuedOn, exmatriculation.presentedOn) < 0) {
          throw new DomainError(ErrorCode.INVALID_DATE, 'The transcript is issued on or after the day the certificate of exmatriculation was presented', { presentedOn: exmatriculation.presentedOn });
        }
      } else if (!record.progression.masterExaminationPassed || !record.overall) {
        throw new DomainError(ErrorCode.MASTER_EXAMINATION_NOT_PASSED, 'The diploma and the Diploma Supplement are issued only when the master’s examination is passed (§15 (1), §17 (1))', { status: record.progression.status });
      }

      const previous = await em.find(IssuedDocument, { student, kind }, { orderBy: { version: 'desc' } });
      const valid = previous.find((d) => !d.revokedOn);
      if (valid) {
        throw new DomainError(ErrorCode.DOCUMENT_ALREADY_ISSUED, `Version ${valid.version} of this document is valid; revoke it before issuing a new one (§21 (6))`, { documentId: valid.id, version: valid.version });
      }
      const latest = previous[0];
      if (latest && compareIsoDates(input.issuedOn, latest.issuedOn) < 0) {
        throw new DomainError(ErrorCode.INVALID_DATE, `A new version is issued on or after version ${latest.version} (${latest.issuedOn})`, { previousIssuedOn: latest.issuedOn });
      }

      // The supplement names its diploma (a cohort run issues the diploma first) and carries the ECTS grading tables of its intake.
      const diploma = kind === DocumentKind.DIPLOMA_SUPPLEMENT ? await em.findOne(IssuedDocument, { student, kind: DocumentKind.DIPLOMA, revokedOn: null }, { orderBy: { version: 'desc' } }) : null;
      const gradeDistribution = kind === DocumentKind.DIPLOMA_SUPPLEMENT ? await this.deps.records.gradeDistribution(student.cohort) : undefined;
      const signing = this.deps.signing;
      if (!signing) throw new DomainError(ErrorCode.CONFIG_INVALID, 'No document-signing identity is configured; nothing is issued unsigned');
      const number = await nextDocumentNumber(em, kind, student.cohort);
      const document = em.create(IssuedDocument, {
        student,
        kind,
        version: (latest?.version ?? 0) + 1,
        issuedOn: input.issuedOn,
        number,
        snapshot: undefined as never,
        recordFingerprint: recordFingerprint(record),
        pdf: undefined as never,
        pdfSha256: '',
      });
      const snapshot: DocumentSnapshot = {
        record,
        issue: {
          documentId: document.id,
          documentNumber: number,
          verifyUrl: verifyUrl(this.deps.verifyBaseUrl, number),
          ...(kind === DocumentKind.DIPLOMA_SUPPLEMENT ? { diplomaNumber: diploma?.number ?? null, gradeDistribution } : {}),
          kind,
          version: document.version,
          issuedOn: input.issuedOn,
          signatories: this.deps.signatories,
          exmatriculation: exmatriculation ? { certificateDate: exmatriculation.certificateDate, reference: exmatriculation.reference } : null,
        },
      };
      document.snapshot = snapshot;
      // On the worker pool when there is one: rendering never blocks other requests' event loop.
      const rendered = this.deps.jobs ? await this.deps.jobs.render(snapshot) : await renderIssuedDocument(snapshot, signing);
      document.pdf = rendered.pdf;
      document.pdfSha256 = sha256Hex(document.pdf);
      if (rendered.xml !== null) {
        document.xml = rendered.xml;
        document.xmlSha256 = sha256Hex(Buffer.from(document.xml, 'utf8'));
      }
      return document;
    });
  }

  /** §21 (6): the committee withdraws an issued document, with its reason; it stays on record. */
  async revoke(input: { documentId: string; revokedOn: string; reason: string }): Promise<IssuedDocument> {
    const reason = requireReason(input.reason, 'A revocation states its reason (§21)');
    parseIsoDate(input.revokedOn, 'revokedOn');
    return this.em.transactional(async (em) => {
      const doc = await this.find(em, input.documentId, LockMode.PESSIMISTIC_WRITE);
      // The audit entry of a revocation is about the document's holder (issue 14).
      auditStudent(doc.student.id);
      if (doc.revokedOn) throw new DomainError(ErrorCode.DOCUMENT_ALREADY_REVOKED, `Version ${doc.version} was revoked on ${doc.revokedOn}`, { documentId: doc.id });
      if (compareIsoDates(input.revokedOn, doc.issuedOn) < 0) throw new DomainError(ErrorCode.INVALID_DATE, 'A document is revoked on or after its issue date', { issuedOn: doc.issuedOn });
      doc.revokedOn = input.revokedOn;
      doc.revocationReason = reason;
      return doc;
    });
  }

  /** §15 (5): puts the certificate of exmatriculation on record, once. */
  async recordExmatriculation(input: { studentId: string; certificateDate: string; reference: string; presentedOn: string }): Promise<Exmatriculation> {
    parseIsoDate(input.certificateDate, 'certificateDate');
    parseIsoDate(input.presentedOn, 'presentedOn');
    const reference = requireText(input.reference, 'reference', 100, 3);
    if (compareIsoDates(input.presentedOn, input.certificateDate) < 0) {
      throw new DomainError(ErrorCode.INVALID_DATE, 'A certificate is presented on or after its date', { certificateDate: input.certificateDate });
    }
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      const existing = await em.findOne(Exmatriculation, { student });
      if (existing) throw new DomainError(ErrorCode.EXMATRICULATION_ALREADY_RECORDED, 'The certificate of exmatriculation is already on record', { exmatriculationId: existing.id });
      return em.create(Exmatriculation, { student, certificateDate: input.certificateDate, reference, presentedOn: input.presentedOn });
    });
  }

  private async find(em: EntityManager, id: string, lockMode?: LockMode): Promise<IssuedDocument> {
    const doc = isUuid(id) ? await em.findOne(IssuedDocument, { id }, { populate: ['student'], ...(lockMode ? { lockMode } : {}) }) : null;
    if (!doc) throw new DomainError(ErrorCode.UNKNOWN_DOCUMENT, `No issued document ${id}`, { id });
    return doc;
  }

  async byId(id: string): Promise<IssuedDocument> {
    return this.find(this.em, id);
  }

  /** The stored bytes of one format, as issued. */
  content(doc: IssuedDocument, format: 'PDF' | 'XML'): Buffer {
    if (format === 'PDF') return doc.pdf;
    if (doc.xml === null) throw new DomainError(ErrorCode.DOCUMENT_FORMAT_UNAVAILABLE, `The ${doc.kind.toLowerCase().replace(/_/g, ' ')} has no ELMO XML form; ELMO carries transcripts and Diploma Supplements`, { kind: doc.kind });
    return Buffer.from(doc.xml, 'utf8');
  }

  /** The model rebuilt from the stored snapshot: the text exactly as issued. */
  body(doc: IssuedDocument): DocumentModel {
    return buildModel(doc.snapshot);
  }

  /** The live record's snapshot, read through the gateway: the same query and builder as at issue. */
  async liveRecord(student: Student): Promise<RecordSnapshot> {
    const [live, theses] = await Promise.all([this.deps.loaders.liveRecords.load(student.id), this.deps.loaders.theses.load(student.id)]);
    return liveRecordSnapshot(student, theses, live);
  }

  async liveFingerprint(student: Student): Promise<string> {
    return recordFingerprint(await this.liveRecord(student));
  }

  /** ISSUED or OUTDATED against the live record (§21), or REVOKED. */
  async status(doc: IssuedDocument): Promise<DocumentStatus> {
    if (doc.revokedOn) return DocumentStatus.REVOKED;
    const live = await this.liveRecord(doc.student);
    return documentStatus(doc, recordFingerprint(isLegacyRecord(doc.snapshot.record) ? legacyRecordShape(live) : live));
  }

  /**
   * The current record as a document, for the student and staff: not issued, not stored.
   * `caller` is the token's subject: their renders across requests are bounded (render-limits.ts).
   */
  async currentRecord(student: Student, asOf: string, caller: string): Promise<{ content: DocumentModel; pdfBase64: string; xmlBase64: string }> {
    // Issue 12 item 6: rendering is costly, so a request renders a bounded number of records, on the worker pool.
    const budget = this.deps.loaders.renders;
    if (budget.used >= MAX_RENDERS_PER_REQUEST) {
      throw new DomainError(
        ErrorCode.DOCUMENT_RENDER_LIMIT_EXCEEDED,
        `A request renders at most ${MAX_RENDERS_PER_REQUEST} current records; issue a cohort's documents with startCohortIssue`,
        { limit: MAX_RENDERS_PER_REQUEST },
      );
    }
    budget.used += 1;
    const record = await this.liveRecord(student);
    const snapshot = { record, issue: { documentId: '', kind: DocumentKind.TRANSCRIPT_OF_RECORDS, version: 0, issuedOn: asOf, signatories: this.deps.signatories, exmatriculation: null } };
    const content = buildTranscript(snapshot, true);
    const render = () => (this.deps.jobs ? this.deps.jobs.renderCurrent(snapshot) : renderCurrentRecord(snapshot, this.deps.signing));
    const { pdf, xml } = this.deps.renderLimits ? await this.deps.renderLimits.run(caller, render) : await render();
    return { content, pdfBase64: pdf.toString('base64'), xmlBase64: Buffer.from(xml!, 'utf8').toString('base64') };
  }
}

/** Current records one request may render (issue 12 item 6: one staff request once rendered 1,080 PDFs). */
export const MAX_RENDERS_PER_REQUEST = 3;

/** Every issued version of every student of the request, in one query. */
export function createDocumentLoader(em: EntityManager) {
  return batchLoader<string, IssuedDocument[]>(
    async (ids) => groupBy(await em.find(IssuedDocument, { student: { $in: [...ids] } }, { populate: ['student'], orderBy: { kind: 'asc', version: 'asc' } }), (d) => d.student.id),
    () => [],
  );
}

export function createExmatriculationLoader(em: EntityManager) {
  return batchLoader<string, Exmatriculation | null>(
    async (ids) => new Map((await em.find(Exmatriculation, { student: { $in: [...ids] } })).map((e) => [e.student.id, e])),
    () => null,
  );
}

/** Per request: the documents' dependencies and fresh loaders. */
export interface DocumentContext extends DocumentDeps {
  loaders: {
    documents: ReturnType<typeof createDocumentLoader>;
    exmatriculations: ReturnType<typeof createExmatriculationLoader>;
    /** The live federated record of every student of the request whose documents' status is asked, in one gateway request. */
    liveRecords: DataLoader<string, LiveDocumentRecord>;
    /** The request's thesis loader, shared with the rest of the consortium. */
    theses: ThesisLoader;
    /** Documents rendered by this request (the current record), bounded by MAX_RENDERS_PER_REQUEST. */
    renders: { used: number };
  };
}

export function documentContext(em: EntityManager, deps: DocumentDeps, theses: ThesisLoader): DocumentContext {
  return {
    ...deps,
    loaders: {
      theses,
      renders: { used: 0 },
      documents: createDocumentLoader(em),
      exmatriculations: createExmatriculationLoader(em),
      // DataLoader rejects the keys whose value is an Error: one unreadable record fails only its student.
      liveRecords: new DataLoader<string, LiveDocumentRecord>(
        async (ids) => {
          const found = await deps.records.liveRecords(ids);
          return ids.map((id) => found.get(id) ?? new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The student’s record could not be read'));
        },
        // `students(ids:)` takes at most 500.
        { maxBatchSize: 500 },
      ),
    },
  };
}

/** Until configured: issuing says the federated record is unavailable rather than guessing. */
export const NO_DOCUMENT_DEPS: DocumentDeps = {
  records: {
    liveRecords: async (ids) => new Map(ids.map((id) => [id, new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'No gateway configured for the documents', { source: 'gateway' })])),
    gradeDistribution: async () => {
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'No gateway configured for the documents', { source: 'gateway' });
    },
  },
  signatories: { chair: { name: '', role: '', institution: '' }, members: [], rectors: [] },
  signing: null,
  verifyBaseUrl: 'http://127.0.0.1:4000/verify/',
};

/** The verification address of a document number. */
export function verifyUrl(base: string, number: string): string {
  return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(number)}`;
}
