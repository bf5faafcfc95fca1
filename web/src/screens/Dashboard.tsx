import { useEffect, useMemo, useState } from 'react';
import { gql } from '../api';
import { DashboardQuery } from '../operations';
import { applyFilter, fullName, pageOf, statusCounts, toCsv, type Entry, type Sort, type ViewFilter } from '../dashboard-view';
import { Link, setQuery, useLocation } from '../router';
import { CreditBar, Empty, ErrorMessage, humanize, Loading, useLoad } from '../ui';

const PAGE = 500;
const FLAGS = ['DEADLINE_DUE', 'FAILED_ATTEMPT', 'AT_RISK'];
const STATUSES = ['SEMESTER_1_IN_PROGRESS', 'SEMESTER_2_IN_PROGRESS', 'SEMESTER_3_IN_PROGRESS', 'THESIS_ELIGIBLE', 'THESIS_IN_PROGRESS', 'THESIS_SUBMITTED', 'THESIS_DEFENCE_SCHEDULED', 'GRADUATED', 'PERMANENTLY_FAILED'];
const CURRENT_YEAR = new Date().getUTCFullYear();

/** The whole intake, a page of the API at a time. */
export async function loadIntake(cohort: number): Promise<{ asOf: string; entries: Entry[] }> {
  const first = await gql(DashboardQuery, { cohort, offset: 0, limit: PAGE });
  const entries = [...first.cohortDashboard.items];
  for (let offset = PAGE; offset < first.cohortDashboard.total; offset += PAGE) {
    entries.push(...(await gql(DashboardQuery, { cohort, offset, limit: PAGE })).cohortDashboard.items);
  }
  return { asOf: first.cohortDashboard.asOf, entries };
}

function filterFromQuery(q: URLSearchParams): ViewFilter {
  const due = q.get('due');
  return {
    status: q.get('status') ?? '',
    flag: q.get('flag') ?? '',
    university: q.get('university') ?? '',
    dueWithinDays: due && /^\d+$/.test(due) ? Number(due) : null,
    search: q.get('q') ?? '',
    sort: (q.get('sort') as Sort | null) ?? 'name',
    page: Number(q.get('page') ?? '1') || 1,
    pageSize: 25,
  };
}

function creditParts(e: Entry) {
  const at = (u: string) => e.student.progression?.creditsByUniversity.find((c) => c.university === u)?.credits ?? 0;
  return [
    { key: 'LEUVEN', label: 'Leuven', value: at('LEUVEN') },
    { key: 'MUENSTER', label: 'Münster', value: at('MUENSTER') },
    { key: 'TTU', label: 'TalTech', value: at('TTU') },
    { key: 'THESIS', label: 'thesis', value: e.student.progression?.thesisCredits ?? 0 },
  ];
}

export function DashboardTable({ entries, asOf, cohort }: { entries: Entry[]; asOf: string; cohort: number }) {
  const { query } = useLocation();
  const [filter, setFilterState] = useState<ViewFilter>(() => filterFromQuery(query));
  const update = (change: Partial<ViewFilter>) => {
    const next = { ...filter, page: 1, ...change };
    setFilterState(next);
    const q = new URLSearchParams({ cohort: String(cohort) });
    if (next.status) q.set('status', next.status);
    if (next.flag) q.set('flag', next.flag);
    if (next.university) q.set('university', next.university);
    if (next.dueWithinDays !== null) q.set('due', String(next.dueWithinDays));
    if (next.search) q.set('q', next.search);
    if (next.sort !== 'name') q.set('sort', next.sort);
    if (next.page > 1) q.set('page', String(next.page));
    setQuery(q);
  };
  const counts = useMemo(() => statusCounts(entries), [entries]);
  const matching = useMemo(() => applyFilter(entries, filter), [entries, filter]);
  const { rows, page, pages } = pageOf(matching, filter.page, filter.pageSize);
  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([toCsv(matching)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `pioneer-${cohort}-dashboard.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <>
      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">Students per status</h2>
        <ul className="counts">
          {counts.map((c) => (
            <li key={c.status}>
              <button type="button" className={filter.status === c.status ? 'chip active' : 'chip'} aria-pressed={filter.status === c.status} onClick={() => update({ status: filter.status === c.status ? '' : c.status })}>
                {humanize(c.status)} <strong>{c.count}</strong>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <form className="filters" role="search" aria-label="Filter the intake" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="search">Name or student number</label>
          <input id="search" type="search" value={filter.search} onChange={(e) => update({ search: e.target.value })} />
        </div>
        <div>
          <label htmlFor="status">Status</label>
          <select id="status" value={filter.status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="flag">Flag</label>
          <select id="flag" value={filter.flag} onChange={(e) => update({ flag: e.target.value })}>
            <option value="">Any</option>
            {FLAGS.map((f) => (
              <option key={f} value={f}>
                {humanize(f)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="university">Studying at</label>
          <select id="university" value={filter.university} onChange={(e) => update({ university: e.target.value })}>
            <option value="">Any</option>
            <option value="LEUVEN">KU Leuven (semester 1)</option>
            <option value="MUENSTER">Münster (semester 2)</option>
            <option value="TTU">TalTech (semester 3)</option>
          </select>
        </div>
        <div>
          <label htmlFor="due">Deadline within (days)</label>
          <input id="due" type="number" min={0} max={3650} inputMode="numeric" value={filter.dueWithinDays ?? ''} onChange={(e) => update({ dueWithinDays: e.target.value === '' ? null : Math.max(0, Number(e.target.value)) })} />
        </div>
        <div>
          <label htmlFor="sort">Sort by</label>
          <select id="sort" value={filter.sort} onChange={(e) => update({ sort: e.target.value as Sort })}>
            <option value="name">Name</option>
            <option value="credits">Credits (most first)</option>
            <option value="deadline">Next deadline (soonest first)</option>
            <option value="status">Status</option>
            <option value="grade">Overall grade (best first)</option>
          </select>
        </div>
        <div>
          <button type="button" onClick={exportCsv} disabled={matching.length === 0}>
            Export CSV ({matching.length})
          </button>
        </div>
      </form>
      <p role="status" aria-live="polite" className="summary">
        {matching.length} of {entries.length} students · deadlines counted from {asOf}
      </p>
      {rows.length === 0 ? (
        <Empty>No student matches these filters.</Empty>
      ) : (
        <table className="dashboard">
          <caption>Intake {cohort}, page {page} of {pages}</caption>
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col">Student numbers</th>
              <th scope="col">Status</th>
              <th scope="col">Credits (of 120)</th>
              <th scope="col">Flags</th>
              <th scope="col">Next deadline</th>
              <th scope="col">Overall grade</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.student.id}>
                <th scope="row">
                  <Link to={`/students/${encodeURIComponent(e.student.id)}`}>{fullName(e)}</Link>
                </th>
                <td className="numbers">{[e.student.leuven?.studentNumber, e.student.muenster?.studentNumber, e.student.ttu?.studentNumber].filter(Boolean).join(' · ')}</td>
                <td>{humanize(e.status)}</td>
                <td>
                  <span className="credits">{e.totalCredits}</span>
                  <CreditBar parts={creditParts(e)} total={120} />
                </td>
                <td>{e.flags.length ? e.flags.map((f) => <span key={f} className={`flag flag-${f.toLowerCase()}`}>{humanize(f)}</span>) : '—'}</td>
                <td>{e.nextDeadline ? `${humanize(e.nextDeadline.kind)} ${e.nextDeadline.date} (${e.nextDeadline.daysLeft} days)` : '—'}</td>
                <td>{e.overallGrade ? `${e.overallGrade.grade} (${e.overallGrade.points} points, ${humanize(e.overallGrade.label)})` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        <button type="button" onClick={() => update({ page: page - 1 })} disabled={page <= 1}>
          Previous page
        </button>
        <span>
          Page {page} of {pages}
        </span>
        <button type="button" onClick={() => update({ page: page + 1 })} disabled={page >= pages}>
          Next page
        </button>
      </nav>
    </>
  );
}

export function Dashboard() {
  const { query } = useLocation();
  const [cohort, setCohort] = useState(() => Number(query.get('cohort') ?? '') || CURRENT_YEAR - 2);
  const [intake] = useLoad(() => loadIntake(cohort), [cohort]);
  useEffect(() => {
    document.title = `Dashboard ${cohort} · PIONEER hub`;
  }, [cohort]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Consortium dashboard</h1>
      <div className="cohort-picker">
        <label htmlFor="cohort">Intake</label>
        <select
          id="cohort"
          value={cohort}
          onChange={(e) => {
            setCohort(Number(e.target.value));
            setQuery(new URLSearchParams({ cohort: e.target.value }));
          }}
        >
          {Array.from({ length: 6 }, (_, i) => CURRENT_YEAR - 4 + i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {intake.state === 'loading' && <Loading what={`intake ${cohort}`} />}
      {intake.state === 'error' && <ErrorMessage error={intake.error} />}
      {intake.state === 'done' && (intake.value.entries.length === 0 ? <Empty>No students in intake {cohort}.</Empty> : <DashboardTable key={cohort} entries={intake.value.entries} asOf={intake.value.asOf} cohort={cohort} />)}
    </section>
  );
}
