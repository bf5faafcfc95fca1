import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * The command-line import of a results CSV (`npm run import -- leuven results.csv [--commit]`):
 * reads the file, asks the gateway for a dry run and prints the report of every line; with
 * --commit and no refused line it then records the file (all or nothing). Errors are one line
 * for a person, never a stack trace.
 */
export const UNIVERSITIES = ['leuven', 'muenster', 'ttu'] as const;
export type UniversityField = (typeof UNIVERSITIES)[number];

export class ImportError extends Error {}

interface ReportLine {
  line: number;
  outcome: 'ACCEPTED' | 'UNCHANGED' | 'REFUSED';
  studentNumber: string | null;
  courseCode: string | null;
  examinationKey: string | null;
  attempt: number | null;
  status: string | null;
  points: number | null;
  passed: boolean | null;
  code: string | null;
  column: string | null;
  message: string | null;
}

interface Report {
  sha256: string;
  delimiter: string;
  committed: boolean;
  rows: number;
  accepted: number;
  unchanged: number;
  refused: number;
  summary: string;
  sessions: { courseCode: string; examinationKey: string; attempt: number | null; examinedOn: string; rows: number }[];
  lines: ReportLine[];
}

const REPORT = `sha256 delimiter committed rows accepted unchanged refused summary
  sessions { courseCode examinationKey attempt examinedOn rows }
  lines { line outcome studentNumber courseCode examinationKey attempt status points passed code column message }`;

/** The file as UTF-8 text, BOM kept (the SHA-256 the hub reports is then the file's own). */
export async function readCsvFile(path: string): Promise<{ text: string; bytes: number; sha256: string }> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? e)}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    throw new ImportError(`${path} is not UTF-8 text: export it as UTF-8 (CSV UTF-8) and try again`);
  }
  return { text, bytes: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') };
}

async function call(gatewayUrl: string, authorization: string, university: UniversityField, input: Record<string, unknown>): Promise<Report> {
  const field = `${university}ImportResults`;
  let res: Response;
  try {
    res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: `mutation($input: ImportResultsInput!) { ${field}(input: $input) { ${REPORT} } }`, variables: { input } }),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
    const code = cause?.code ?? cause?.errors?.[0]?.code;
    throw new ImportError(`cannot reach the gateway at ${gatewayUrl}${code ? ` (${code})` : ''}: is the hub running (npm start)?`);
  }
  const body = (await res.json().catch(() => null)) as { data?: Record<string, Report | null>; errors?: { message: string; extensions?: { code?: string; details?: { rows?: { line?: number; row: number; column?: string | null; code: string; message: string }[] } } }[] } | null;
  if (!body) throw new ImportError(`the gateway at ${gatewayUrl} answered HTTP ${res.status} without a GraphQL response`);
  const error = body.errors?.[0];
  if (error) {
    const rows = error.extensions?.details?.rows ?? [];
    const detail = rows.map((r) => `\n  line ${r.line ?? r.row}${r.column ? `, column "${r.column}"` : ''}: ${r.code}: ${r.message}`).join('');
    throw new ImportError(`${error.extensions?.code ?? 'ERROR'}: ${error.message}${detail}`);
  }
  const report = body.data?.[field];
  if (!report) throw new ImportError(`the gateway answered without a report (HTTP ${res.status})`);
  return report;
}

function valueOf(l: ReportLine): string {
  if (l.status && l.status !== 'GRADED') return l.status;
  if (l.points !== null) return `${l.points} points`;
  if (l.passed !== null) return l.passed ? 'passed' : 'failed';
  return '';
}

function printReport(report: Report, log: (line: string) => void): void {
  for (const s of report.sessions) log(`  session ${s.courseCode} ${s.examinationKey}, attempt ${s.attempt ?? 'next'}, ${s.examinedOn}: ${s.rows} lines`);
  for (const l of report.lines) {
    const what = `${(l.studentNumber ?? '?').padEnd(10)} ${`${l.courseCode ?? '?'} ${l.examinationKey ?? '?'}`.padEnd(30)} ${String(l.attempt ?? '-').padStart(2)}`;
    const tail = l.outcome === 'REFUSED' ? `${l.code}${l.column ? ` in "${l.column}"` : ''}: ${l.message}` : valueOf(l);
    log(`  line ${String(l.line).padStart(4)}  ${l.outcome.padEnd(9)} ${what}  ${tail}`);
  }
  log(`  ${report.rows} lines: ${report.accepted} accepted, ${report.unchanged} unchanged, ${report.refused} refused`);
}

/** Runs the import; resolves to the process's exit code (0 done, 1 refused lines). */
export async function importResultsFile(options: {
  gatewayUrl: string;
  authorization: string;
  university: UniversityField;
  path: string;
  commit: boolean;
  log: (line: string) => void;
}): Promise<number> {
  const { gatewayUrl, authorization, university, path, commit, log } = options;
  const file = await readCsvFile(path);
  const fileName = basename(path);
  log(`reading ${fileName}: ${file.bytes} bytes, SHA-256 ${file.sha256}`);
  log(`dry run at ${gatewayUrl} (${university}) …`);
  const dry = await call(gatewayUrl, authorization, university, { csv: file.text, commit: false, fileName });
  log(`separator "${dry.delimiter}", ${dry.rows} data lines in ${dry.sessions.length} examination session${dry.sessions.length === 1 ? '' : 's'}`);
  printReport(dry, log);
  log(dry.summary);
  if (dry.refused > 0) {
    log(commit ? 'not committed: fix the refused lines and run it again' : 'fix the refused lines, then run it again with --commit');
    return 1;
  }
  if (!commit) {
    log(dry.accepted ? 'dry run only: run it again with --commit to record these results' : 'nothing to record');
    return 0;
  }
  if (dry.accepted === 0) return 0;
  log(`committing ${dry.accepted} results …`);
  const done = await call(gatewayUrl, authorization, university, { csv: file.text, commit: true, fileName });
  log(done.summary);
  log(`audit trail: ${university}ImportResults, SHA-256 ${done.sha256}`);
  return 0;
}
