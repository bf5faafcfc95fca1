import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { setAuditTarget } from '@pioneer/shared/audit';
import { DomainError, ErrorCode, isDomainError, requireText } from '@pioneer/shared/errors';
import type { UniversityProfile } from '../../profile.js';
import { utcToday } from '../enrolment/enrolment.service.js';
import { columnOfField, readResultsCsv, type CsvLine } from './results-csv.js';
import { SessionService, type ResultLine } from './session.service.js';
import type { ResultsImport, ResultsImportLine, ResultsImportSession } from './session.types.js';

/** The largest file an import takes (its UTF-8 bytes), well inside the gateway's 1 MB request body. */
export const IMPORT_MAX_BYTES = 512 * 1024;
/** Data lines per file: four full intakes' sessions of one examination. */
export const IMPORT_MAX_ROWS = 2000;

/**
 * `<u>ImportResults` (issue 15): a CSV export of the university's own system, read line by line
 * (results-csv.ts) and recorded through the examination session service — the same rules, the
 * same single transaction for the whole file. A dry run reports every line; a commit writes all
 * or nothing; lines whose attempt already has the same result are UNCHANGED, so importing a file
 * again writes nothing. A commit is in the audit trail with the file's SHA-256.
 */
export class ResultsImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
    private readonly today: () => string = utcToday,
  ) {}

  async run(input: { csv: string; commit: boolean; fileName?: string | null }, actor: string): Promise<ResultsImport> {
    const fileName = input.fileName ? requireText(input.fileName, 'fileName', 200) : null;
    const bytes = Buffer.byteLength(input.csv, 'utf8');
    if (bytes > IMPORT_MAX_BYTES) {
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `An import file has at most ${IMPORT_MAX_BYTES} bytes, not ${bytes}: split it`, { limit: IMPORT_MAX_BYTES, bytes });
    }
    const sha256 = createHash('sha256').update(input.csv, 'utf8').digest('hex');
    setAuditTarget(`fileName=${fileName ?? '-'} sha256=${sha256} commit=${input.commit}`);
    let file;
    try {
      file = readResultsCsv(this.profile.code, input.csv);
    } catch (e) {
      if (isDomainError(e)) throw new DomainError(e.code, e.message, { ...e.details, sha256 });
      throw e;
    }
    if (file.lines.length > IMPORT_MAX_ROWS) {
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `An import file has at most ${IMPORT_MAX_ROWS} data lines, not ${file.lines.length}: split it`, {
        limit: IMPORT_MAX_ROWS,
        rows: file.lines.length,
        sha256,
      });
    }
    const readable = file.lines.filter((l) => l.result);
    const lines: ResultLine[] = readable.map(({ line, result }) => ({ row: line, ...result!, studentId: null }));
    const sessions = new SessionService(this.em, this.profile, this.today);
    const unreadable = file.lines.filter((l) => l.refusal);
    // With unreadable lines nothing is committed, but every line is still checked and reported.
    const commit = input.commit && unreadable.length === 0;
    let outcome;
    try {
      outcome = await sessions.apply(lines, actor, { commit });
    } catch (e) {
      if (!isDomainError(e) || e.code !== ErrorCode.SESSION_REFUSED) throw e;
      outcome = { lines: [], refusals: e.details.rows as { row: number; code: string; message: string; field: string | null }[], committed: false };
    }
    const byLine = new Map(file.lines.map((l) => [l.line, l]));
    const report: ResultsImportLine[] = file.lines.map((l) => ({
      line: l.line,
      outcome: 'ACCEPTED',
      studentNumber: l.result?.studentNumber ?? l.cells.studentNumber ?? null,
      courseCode: l.result?.courseCode ?? l.cells.courseCode ?? null,
      examinationKey: l.result?.examinationKey ?? l.cells.examinationKey ?? null,
      attempt: l.result ? l.result.attempt : /^\d+$/.test(l.cells.attempt ?? '') ? Number(l.cells.attempt) : null,
      status: l.result?.status ?? null,
      points: l.result?.points ?? null,
      passed: l.result?.passed ?? null,
      code: l.refusal?.code ?? null,
      column: l.refusal?.column ?? null,
      message: l.refusal?.message ?? null,
      ...(l.refusal ? { outcome: 'REFUSED' as const } : {}),
    }));
    const reportOf = new Map(report.map((r) => [r.line, r]));
    for (const plan of outcome.lines) {
      const r = reportOf.get(plan.row)!;
      r.attempt = plan.attempt;
      if (plan.outcome === 'UNCHANGED') r.outcome = 'UNCHANGED';
    }
    for (const refusal of outcome.refusals) {
      const r = reportOf.get(refusal.row)!;
      const column = refusal.field ? columnOfField(refusal.field, byLine.get(refusal.row)!.cells) : null;
      Object.assign(r, { outcome: 'REFUSED', code: refusal.code, message: refusal.message, column: column ? (file.headers[column] ?? null) : null });
    }
    const refused = report.filter((r) => r.outcome === 'REFUSED');
    if (input.commit && refused.length) {
      throw new DomainError(ErrorCode.SESSION_REFUSED, `${refused.length} of ${report.length} lines refused; nothing was recorded`, {
        sha256,
        rows: refused.map((r) => ({ row: r.line, line: r.line, column: r.column, code: r.code, message: r.message })),
      });
    }
    const accepted = report.filter((r) => r.outcome === 'ACCEPTED').length;
    const unchanged = report.filter((r) => r.outcome === 'UNCHANGED').length;
    return {
      university: this.profile.code,
      fileName,
      sha256,
      delimiter: file.delimiter,
      committed: outcome.committed,
      rows: report.length,
      accepted,
      unchanged,
      refused: refused.length,
      summary: summary(input.commit, report.length, accepted, unchanged, refused.length),
      sessions: sessionsOf(readable),
      lines: report,
    };
  }
}

function summary(commit: boolean, rows: number, accepted: number, unchanged: number, refused: number): string {
  if (rows === 0) return 'The file has no data lines: nothing to record.';
  if (accepted === 0 && refused === 0) return `Nothing changed: all ${rows} lines are already recorded with the same values.`;
  const already = unchanged ? `; ${unchanged} already recorded with the same values` : '';
  if (commit) return `Recorded ${accepted} results${already}.`;
  if (refused) return `Dry run: ${refused} of ${rows} lines refused, ${accepted} would be recorded${already}. Fix the refused lines; nothing is recorded until every line is accepted.`;
  return `Dry run: ${accepted} of ${rows} lines would be recorded${already}. Nothing was written; commit to record them.`;
}

/** The examination sittings in the file: rows of one course, examination, attempt and date. */
function sessionsOf(lines: readonly CsvLine[]): ResultsImportSession[] {
  const sessions = new Map<string, ResultsImportSession>();
  for (const { result } of lines) {
    if (!result) continue;
    const key = [result.courseCode, result.examinationKey, result.attempt ?? 'next', result.examinedOn].join('|');
    const found = sessions.get(key);
    if (found) found.rows += 1;
    else sessions.set(key, { courseCode: result.courseCode, examinationKey: result.examinationKey, attempt: result.attempt, examinedOn: result.examinedOn, rows: 1 });
  }
  return [...sessions.values()];
}
