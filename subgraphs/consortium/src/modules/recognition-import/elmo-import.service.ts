import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditScopes } from '@pioneer/shared/audit';
import type { Principal } from '@pioneer/shared/auth';
import { DomainError, ErrorCode, requireText } from '@pioneer/shared/errors';
import { isUuid } from '@pioneer/shared/federation';
import type { Student } from '../students/student.entity.js';
import { StudentService } from '../students/student.service.js';
import { ElmoImport } from './elmo-import.entity.js';
import type { ElmoPreview } from './elmo-import.types.js';
import { readElmo, type ElmoReading, type LearningOpportunity } from './elmo.reader.js';

/** §13 (1): what a recognition recognises was achieved; ELMO's status says so, when given. */
const NOT_PASSED = new Set(['failed', 'in-progress']);

/** ELMO files for recognition (§13 (2)): read them, put them on record, cite them in decisions. */
export class ElmoImportService {
  constructor(private readonly em: EntityManager) {}

  /** What the file holds, checked; nothing is stored. */
  async preview(file: Uint8Array): Promise<ElmoPreview> {
    const reading = await readElmo(file);
    return { ...reading, signed: reading.signer !== null };
  }

  /**
   * Puts the file on record for the student, with who uploaded it. The same file for the same
   * student is on record once: uploading it again answers the import already stored.
   */
  async import(input: { studentId: string; file: Uint8Array; fileName: string }, by: Principal): Promise<ElmoImport> {
    const fileName = requireText(input.fileName, 'fileName', 200);
    const reading = await readElmo(input.file);
    // The audit entry of this write names the file by its hash (issue 15: every import is audited with its SHA-256).
    const scope = auditScopes.getStore();
    if (scope) scope.target = `${scope.target ?? ''} sha256=${reading.sha256}`.trim();
    const stored = () => this.em.fork().findOne(ElmoImport, { student: input.studentId, sha256: reading.sha256 });
    try {
      return await this.store(input, fileName, reading, by);
    } catch (e) {
      // The same file uploaded twice at once: the unique index lets one in; the other answers it.
      if (e instanceof UniqueConstraintViolationException) {
        const existing = await stored();
        if (existing) return existing;
      }
      throw e;
    }
  }

  private store(input: { studentId: string; file: Uint8Array }, fileName: string, reading: ElmoReading, by: Principal): Promise<ElmoImport> {
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      const existing = await em.findOne(ElmoImport, { student, sha256: reading.sha256 });
      if (existing) return existing;
      return em.create(ElmoImport, {
        student,
        fileName,
        content: Buffer.from(input.file),
        sha256: reading.sha256,
        size: reading.size,
        signer: reading.signer,
        learner: reading.learner,
        learningOpportunities: reading.learningOpportunities,
        importedBy: by.subject,
        importedByName: by.name,
      });
    });
  }

  async byId(id: string): Promise<ElmoImport> {
    const found = isUuid(id) ? await this.em.findOne(ElmoImport, { id }) : null;
    if (!found) throw new DomainError(ErrorCode.UNKNOWN_ELMO_IMPORT, `No ELMO import ${id}`, { id });
    return found;
  }

  /** The file's bytes, as uploaded (the column is lazy). */
  async content(id: string): Promise<Buffer> {
    const found = await this.em.findOneOrFail(ElmoImport, { id }, { populate: ['content'] });
    return found.content;
  }

  /**
   * §13 (2), (3): the learning opportunities of one of the student's own imports a recognition
   * decision rests on, each existing and not reported as failed or in progress.
   */
  async source(student: Student, input: { elmoImportId: string; learningOpportunityKeys: string[] }): Promise<{ elmoImport: ElmoImport; keys: string[] }> {
    const elmoImport = isUuid(input.elmoImportId) ? await this.em.findOne(ElmoImport, { id: input.elmoImportId, student }) : null;
    if (!elmoImport) {
      throw new DomainError(ErrorCode.UNKNOWN_ELMO_IMPORT, `No ELMO import ${input.elmoImportId} of this student`, { elmoImportId: input.elmoImportId });
    }
    const keys = [...new Set(input.learningOpportunityKeys.map((k) => k.trim()))];
    if (keys.length === 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Name at least one learning opportunity of the file', { field: 'learningOpportunityKeys' });
    const byKey = new Map<string, LearningOpportunity>(elmoImport.learningOpportunities.map((l) => [l.key, l]));
    for (const key of keys) {
      const los = byKey.get(key);
      if (!los) throw new DomainError(ErrorCode.UNKNOWN_LEARNING_OPPORTUNITY, `The file has no learning opportunity ${key}`, { key, known: [...byKey.keys()].slice(0, 50) });
      if (los.status && NOT_PASSED.has(los.status)) {
        throw new DomainError(ErrorCode.LEARNING_OPPORTUNITY_NOT_PASSED, `${los.title} (${key}) is reported as ${los.status}: nothing to recognise (§13 (1))`, { key, status: los.status });
      }
    }
    return { elmoImport, keys };
  }
}
