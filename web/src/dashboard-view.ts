/**
 * The dashboard's view of an intake: filtering, searching, sorting, paging and CSV, as pure
 * functions over the entries the API returned (the whole intake is read once; every change of a
 * filter is then immediate, also for 1,000 students).
 */
import type { DashboardQuery } from './gql/graphql';

export type Entry = DashboardQuery['cohortDashboard']['items'][number];
export type Sort = 'name' | 'credits' | 'deadline' | 'status' | 'grade';

export interface ViewFilter {
  status: string;
  flag: string;
  /** LEUVEN, MUENSTER or TTU: students whose current semester is at that university. */
  university: string;
  /** Only students whose next deadline is within this many days (empty: any). */
  dueWithinDays: number | null;
  search: string;
  sort: Sort;
  page: number;
  pageSize: number;
}

/**
 * Where a student studies now, from their status: semester 1 at KU Leuven, 2 at Münster, 3 at
 * TalTech (programme overview; §7 (3)). Thesis and finished students are at none of them.
 */
export function currentUniversity(status: string): string | null {
  return ({ SEMESTER_1_IN_PROGRESS: 'LEUVEN', SEMESTER_2_IN_PROGRESS: 'MUENSTER', SEMESTER_3_IN_PROGRESS: 'TTU' } as Record<string, string>)[status] ?? null;
}

export function fullName(e: Entry): string {
  return `${e.student.givenName} ${e.student.familyName}`;
}

export function studentNumbers(e: Entry): string[] {
  return [e.student.leuven?.studentNumber, e.student.muenster?.studentNumber, e.student.ttu?.studentNumber].filter((n): n is string => !!n);
}

/** Case- and accent-insensitive, so "muller" finds "Müller". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

const STATUS_ORDER = [
  'SEMESTER_1_IN_PROGRESS',
  'SEMESTER_2_IN_PROGRESS',
  'SEMESTER_3_IN_PROGRESS',
  'THESIS_ELIGIBLE',
  'THESIS_IN_PROGRESS',
  'THESIS_SUBMITTED',
  'THESIS_DEFENCE_SCHEDULED',
  'GRADUATED',
  'PERMANENTLY_FAILED',
];

export function statusCounts(entries: readonly Entry[]): { status: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  return STATUS_ORDER.filter((s) => counts.has(s)).map((status) => ({ status, count: counts.get(status)! }));
}

const byName = (a: Entry, b: Entry) => a.student.familyName.localeCompare(b.student.familyName) || a.student.givenName.localeCompare(b.student.givenName) || a.student.id.localeCompare(b.student.id);

const COMPARE: Record<Sort, (a: Entry, b: Entry) => number> = {
  name: byName,
  credits: (a, b) => b.totalCredits - a.totalCredits || byName(a, b),
  deadline: (a, b) => (a.nextDeadline?.daysLeft ?? Infinity) - (b.nextDeadline?.daysLeft ?? Infinity) || byName(a, b),
  status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || byName(a, b),
  grade: (a, b) => (b.overallGrade?.points ?? -1) - (a.overallGrade?.points ?? -1) || byName(a, b),
};

/** The entries matching the filter, sorted (all pages). */
export function applyFilter(entries: readonly Entry[], f: ViewFilter): Entry[] {
  const needle = fold(f.search.trim());
  return entries
    .filter(
      (e) =>
        (!f.status || e.status === f.status) &&
        (!f.flag || e.flags.includes(f.flag as never)) &&
        (!f.university || currentUniversity(e.status) === f.university) &&
        (f.dueWithinDays === null || (e.nextDeadline !== null && e.nextDeadline !== undefined && e.nextDeadline.daysLeft >= 0 && e.nextDeadline.daysLeft <= f.dueWithinDays)) &&
        (!needle || fold(fullName(e)).includes(needle) || studentNumbers(e).some((n) => fold(n).includes(needle))),
    )
    .sort(COMPARE[f.sort]);
}

export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((p - 1) * pageSize, p * pageSize), page: p, pages };
}

function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quotes doubled (RFC 4180); a leading =, +, - or @ is prefixed so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_COLUMNS = ['Student id', 'Family name', 'Given name', 'KU Leuven no.', 'Münster no.', 'TalTech no.', 'Status', 'Credits', 'Leuven credits', 'Münster credits', 'TalTech credits', 'Thesis credits', 'Flags', 'Next deadline', 'Deadline date', 'Days left', 'Overall points', 'Overall grade'];

export function toCsv(rows: readonly Entry[]): string {
  const creditsAt = (e: Entry, u: string) => e.student.progression?.creditsByUniversity.find((c) => c.university === u)?.credits ?? '';
  const lines = rows.map((e) =>
    [
      e.student.id,
      e.student.familyName,
      e.student.givenName,
      e.student.leuven?.studentNumber,
      e.student.muenster?.studentNumber,
      e.student.ttu?.studentNumber,
      e.status,
      e.totalCredits,
      creditsAt(e, 'LEUVEN'),
      creditsAt(e, 'MUENSTER'),
      creditsAt(e, 'TTU'),
      e.student.progression?.thesisCredits ?? '',
      e.flags.join(' '),
      e.nextDeadline?.kind,
      e.nextDeadline?.date,
      e.nextDeadline?.daysLeft,
      e.overallGrade?.points,
      e.overallGrade?.grade,
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
}
