import { describe, expect, it } from 'vitest';
import { applyFilter, CSV_COLUMNS, currentUniversity, pageOf, statusCounts, toCsv, type Entry, type ViewFilter } from './dashboard-view';

function entry(n: number, over: Partial<Entry> & { family?: string; given?: string; numbers?: [string, string, string] } = {}): Entry {
  const [l, m, t] = over.numbers ?? [`r08${n}`, `50${n}`, `21${n}HAGM`];
  return {
    status: over.status ?? 'SEMESTER_1_IN_PROGRESS',
    totalCredits: over.totalCredits ?? n,
    flags: over.flags ?? [],
    overallGrade: over.overallGrade ?? null,
    nextDeadline: over.nextDeadline ?? null,
    student: {
      id: `id-${n}`,
      givenName: over.given ?? `Given${n}`,
      familyName: over.family ?? `Family${n}`,
      leuven: { studentNumber: l },
      muenster: { studentNumber: m },
      ttu: { studentNumber: t },
      progression: { thesisCredits: 0, creditsByUniversity: [{ university: 'LEUVEN', credits: n }] },
    },
  } as Entry;
}

const none: ViewFilter = { status: '', flag: '', university: '', dueWithinDays: null, search: '', sort: 'name', page: 1, pageSize: 25 };

describe('the dashboard view', () => {
  const entries = [
    entry(1, { family: 'Müller', status: 'SEMESTER_2_IN_PROGRESS', flags: ['FAILED_ATTEMPT'] }),
    entry(2, { family: 'Tamm', status: 'THESIS_IN_PROGRESS', nextDeadline: { kind: 'THESIS_SUBMISSION', date: '2026-12-10', daysLeft: 11 }, totalCredits: 90 }),
    entry(3, { family: 'Abel', status: 'THESIS_IN_PROGRESS', nextDeadline: { kind: 'THESIS_SUBMISSION', date: '2027-03-01', daysLeft: 92 }, totalCredits: 95 }),
    entry(4, { family: 'Zed', status: 'GRADUATED', overallGrade: { points: 80, grade: '16', label: 'VERY_GOOD' }, totalCredits: 120 }),
  ];

  it('searches by name without accents and by any university’s student number', () => {
    expect(applyFilter(entries, { ...none, search: 'muller' }).map((e) => e.student.familyName)).toEqual(['Müller']);
    expect(applyFilter(entries, { ...none, search: '503' }).map((e) => e.student.id)).toEqual(['id-3']);
    expect(applyFilter(entries, { ...none, search: 'r084' }).map((e) => e.student.id)).toEqual(['id-4']);
    expect(applyFilter(entries, { ...none, search: '212HAGM' }).map((e) => e.student.id)).toEqual(['id-2']);
  });

  it('filters by status, flag, current university and deadline window', () => {
    expect(applyFilter(entries, { ...none, status: 'THESIS_IN_PROGRESS' })).toHaveLength(2);
    expect(applyFilter(entries, { ...none, flag: 'FAILED_ATTEMPT' }).map((e) => e.student.id)).toEqual(['id-1']);
    expect(applyFilter(entries, { ...none, university: 'MUENSTER' }).map((e) => e.student.id)).toEqual(['id-1']);
    expect(applyFilter(entries, { ...none, dueWithinDays: 30 }).map((e) => e.student.id)).toEqual(['id-2']);
    expect(applyFilter(entries, { ...none, dueWithinDays: 0 })).toEqual([]);
    expect(currentUniversity('SEMESTER_3_IN_PROGRESS')).toBe('TTU');
    expect(currentUniversity('GRADUATED')).toBeNull();
  });

  it('sorts by name, credits, deadline and grade', () => {
    const ids = (sort: ViewFilter['sort']) => applyFilter(entries, { ...none, sort }).map((e) => e.student.id);
    expect(ids('name')).toEqual(['id-3', 'id-1', 'id-2', 'id-4']);
    expect(ids('credits')).toEqual(['id-4', 'id-3', 'id-2', 'id-1']);
    expect(ids('deadline')).toEqual(['id-2', 'id-3', 'id-1', 'id-4']);
    expect(ids('grade')[0]).toBe('id-4');
  });

  it('counts per status in the order of the programme', () => {
    expect(statusCounts(entries)).toEqual([
      { status: 'SEMESTER_2_IN_PROGRESS', count: 1 },
      { status: 'THESIS_IN_PROGRESS', count: 2 },
      { status: 'GRADUATED', count: 1 },
    ]);
  });

  it('pages, clamping the page number', () => {
    const rows = Array.from({ length: 53 }, (_, i) => i);
    expect(pageOf(rows, 3, 25)).toEqual({ rows: [50, 51, 52], page: 3, pages: 3 });
    expect(pageOf(rows, 9, 25).page).toBe(3);
    expect(pageOf([], 1, 25)).toEqual({ rows: [], page: 1, pages: 1 });
  });

  it('exports the view as CSV: quoted where needed, formulas defused', () => {
    const csv = toCsv([entry(7, { family: 'O"Neil, Jr', given: '=HYPERLINK("x")' })]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header!.split(',')).toHaveLength(CSV_COLUMNS.length);
    expect(row).toContain('"O""Neil, Jr"');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
