import { useEffect, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { gql, request, ApiError } from '../api';
import type { CatalogueQuery, ImportResultsMutation as ImportReport, RegistrationsQuery } from '../gql/graphql';
import {
  CatalogueQuery as CatalogueDoc,
  EnrolmentsQuery,
  EnrolStudentMutation,
  ImportResultsMutation,
  RecordExaminationSessionMutation,
  RectifyResultMutation,
  RegistrationsQuery as RegistrationsDoc,
  ResultHistoryQuery,
  ResultsQuery,
  StudentNamesQuery,
} from '../operations';
import { Link, setQuery, useLocation } from '../router';
import type { University } from '../session';
import { forUniversity, UNIT_WORD, UNIVERSITY_NAMES } from '../university';
import { Empty, ErrorMessage, humanize, Loading, today, useLoad } from '../ui';

type Course = CatalogueQuery['courses'][number];
type Registration = RegistrationsQuery['registrations'][number];
const STATUSES = ['GRADED', 'ABSENT', 'WITHDRAWN', 'FRAUD', 'PLAGIARISM'] as const;
const TABS = [
  ['catalogue', 'Catalogue'],
  ['session', 'Examination session'],
  ['import', 'Import a CSV file'],
  ['corrections', 'Corrections'],
  ['enrolments', 'Enrolments'],
] as const;

/** Names of students by id (the office lists carry ids and student numbers only). */
function useNames(ids: string[]): Map<string, string> {
  const key = [...new Set(ids)].sort().join(',');
  const [names] = useLoad(async () => (key ? (await gql(StudentNamesQuery, { ids: key.split(',') })).students.items : []), [key]);
  return useMemo(() => new Map(names.state === 'done' ? names.value.map((s) => [s.id, `${s.givenName} ${s.familyName}`]) : []), [names]);
}

function Catalogue({ courses, university }: { courses: Course[]; university: University }) {
  return (
    <table>
      <caption>{UNIVERSITY_NAMES[university]}: the catalogue (§7 (3))</caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Title</th>
          <th scope="col">Type</th>
          <th scope="col">ECTS</th>
          <th scope="col">Weight (§16 (4))</th>
          <th scope="col">Examinations (weight, attempts)</th>
        </tr>
      </thead>
      <tbody>
        {courses.map((c) => (
          <tr key={c.code}>
            <td>{c.code}</td>
            <td>{c.title}</td>
            <td>{c.courseType}</td>
            <td>{c.credits}</td>
            <td>{c.overallWeight}</td>
            <td>{c.examinations.map((k) => `${k.title} (${k.kind === 'PASS_FAIL' ? 'pass/fail' : `weight ${k.weight}`}, ${k.maxAttempts} attempts)`).join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface RowInput {
  status: (typeof STATUSES)[number];
  points: string;
  passed: string;
}

function Session({ courses, university, canWrite }: { courses: Course[]; university: University; canWrite: boolean }) {
  const [courseCode, setCourseCode] = useState(courses[0]?.code ?? '');
  const course = courses.find((c) => c.code === courseCode);
  const [examinationKey, setExaminationKey] = useState(course?.examinations[0]?.key ?? '');
  const examination = course?.examinations.find((k) => k.key === examinationKey) ?? course?.examinations[0];
  const [attempt, setAttempt] = useState(1);
  const [registrations, reload] = useLoad(async () => (courseCode ? (await gql(forUniversity(RegistrationsDoc, university), { courseCode, attempt })).registrations : []), [courseCode, attempt, university]);
  const rows = registrations.state === 'done' ? registrations.value.filter((r) => r.examination.key === examination?.key) : [];
  const names = useNames(rows.map((r) => r.enrolment.studentId));
  const [inputs, setInputs] = useState<Record<string, RowInput>>({});
  const [examinedOn, setExaminedOn] = useState(today());
  const [examiner, setExaminer] = useState('');
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [summary, setSummary] = useState('');
  const input = (r: Registration): RowInput => inputs[r.id] ?? { status: 'GRADED', points: '', passed: '' };
  const setInput = (r: Registration, change: Partial<RowInput>) => setInputs((all) => ({ ...all, [r.id]: { ...input(r), ...change } }));
  const open = rows.filter((r) => !r.result);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSummary('');
    const entries = open
      .map((r) => ({ r, v: input(r) }))
      .filter(({ v }) => v.status !== 'GRADED' || (examination?.kind === 'PASS_FAIL' ? v.passed !== '' : v.points.trim() !== ''));
    if (entries.length === 0) {
      setError(new ApiError('Enter a result for at least one student.', 'BAD_USER_INPUT'));
      return;
    }
    setSaving(true);
    const results: Record<string, string> = {};
    let saved = 0;
    try {
      // One call for the whole session: recorded all together or, if any row is refused, none.
      const { session } = await gql(forUniversity(RecordExaminationSessionMutation, university), {
        input: {
          courseCode,
          examinationKey: examination?.key ?? '',
          attempt,
          examinedOn,
          examiner,
          results: entries.map(({ r, v }) => {
            const graded = v.status === 'GRADED';
            return {
              studentId: r.enrolment.studentId,
              status: v.status,
              points: graded && examination?.kind === 'SCORED' ? Number(v.points) : null,
              passed: graded && examination?.kind === 'PASS_FAIL' ? v.passed === 'yes' : null,
            };
          }),
        },
      });
      for (const row of session.rows) {
        const { r } = entries[row.row - 1]!;
        results[r.id] = row.outcome === 'UNCHANGED' ? 'Already recorded' : 'Saved';
      }
      saved = session.recorded;
    } catch (err) {
      // A refused session names every bad row (its position in the list sent).
      const rows = err instanceof ApiError && err.code === 'SESSION_REFUSED' ? ((err.entries[0]?.extensions?.details?.rows ?? []) as { row: number; code: string; message: string }[]) : [];
      for (const row of rows) {
        const entry = entries[row.row - 1];
        if (entry) results[entry.r.id] = `${row.message} (code ${row.code})`;
      }
      setError(err);
    } finally {
      setOutcome(results);
      setSummary(`${saved} of ${entries.length} results saved.`);
      setSaving(false);
      setInputs({});
      reload();
    }
  };
  // One header for the students still to enter and those recorded earlier.
  const sessionHead = (
    <thead>
      <tr>
        <th scope="col">Student</th>
        <th scope="col">Student number</th>
        <th scope="col">Status</th>
        <th scope="col">{examination?.kind === 'PASS_FAIL' ? 'Passed' : 'Points'}</th>
        <th scope="col">Saved</th>
      </tr>
    </thead>
  );
  const renderRow = (r: Registration) => {
    const v = input(r);
    const name = names.get(r.enrolment.studentId) ?? r.enrolment.studentNumber;
    return (
      <tr key={r.id}>
        <th scope="row">{name}</th>
        <td>{r.enrolment.studentNumber}</td>
        {r.result ? (
          <>
            <td>{humanize(r.result.status)}</td>
            <td>{r.result.points ?? (r.result.passed === null || r.result.passed === undefined ? '—' : r.result.passed ? 'Passed' : 'Failed')}</td>
            <td>{outcome[r.id] ?? `Recorded (version ${r.result.version})`}</td>
          </>
        ) : (
          <>
            <td>
              <select aria-label={`Status for ${name}`} value={v.status} onChange={(e) => setInput(r, { status: e.target.value as RowInput['status'] })} disabled={!canWrite}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {humanize(s)}
                  </option>
                ))}
              </select>
            </td>
            <td>
              {examination?.kind === 'PASS_FAIL' ? (
                <select aria-label={`Passed, ${name}`} value={v.passed} onChange={(e) => setInput(r, { passed: e.target.value })} disabled={!canWrite || v.status !== 'GRADED'}>
                  <option value="">—</option>
                  <option value="yes">Passed</option>
                  <option value="no">Failed</option>
                </select>
              ) : (
                <input aria-label={`Points for ${name}`} type="number" min={0} max={100} step={1} inputMode="numeric" value={v.points} onChange={(e) => setInput(r, { points: e.target.value })} disabled={!canWrite || v.status !== 'GRADED'} />
              )}
            </td>
            <td>{outcome[r.id] ?? '—'}</td>
          </>
        )}
      </tr>
    );
  };
  // The students still to enter (and those just saved) first; results recorded before fold away.
  const current = rows.filter((r) => !r.result || outcome[r.id]);
  const earlier = rows.filter((r) => r.result && !outcome[r.id]);
  return (
    <form onSubmit={save} aria-label="Examination session">
      <div className="filters">
        <div>
          <label htmlFor="session-course">{humanize(UNIT_WORD[university])}</label>
          <select
            id="session-course"
            value={courseCode}
            onChange={(e) => {
              setCourseCode(e.target.value);
              setExaminationKey(courses.find((c) => c.code === e.target.value)?.examinations[0]?.key ?? '');
              setOutcome({});
            }}
          >
            {courses.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {c.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="session-examination">Examination</label>
          <select id="session-examination" value={examination?.key ?? ''} onChange={(e) => setExaminationKey(e.target.value)}>
            {course?.examinations.map((k) => (
              <option key={k.key} value={k.key}>
                {k.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="session-attempt">Attempt</label>
          <input id="session-attempt" type="number" min={1} max={examination?.maxAttempts ?? 3} value={attempt} onChange={(e) => setAttempt(Math.max(1, Number(e.target.value) || 1))} />
        </div>
        <div>
          <label htmlFor="session-date">Examined on</label>
          <input id="session-date" type="date" value={examinedOn} onChange={(e) => setExaminedOn(e.target.value)} required disabled={!canWrite} />
        </div>
        <div>
          <label htmlFor="session-examiner">Examiner</label>
          <input id="session-examiner" value={examiner} onChange={(e) => setExaminer(e.target.value)} required disabled={!canWrite} />
        </div>
      </div>
      {!canWrite && <p className="notice">Read-only: only {UNIVERSITY_NAMES[university]}'s examinations office records results (§5 (1)).</p>}
      {registrations.state === 'loading' && <Loading what="the registered students" />}
      {registrations.state === 'error' && <ErrorMessage error={registrations.error} />}
      {registrations.state === 'done' &&
        (rows.length === 0 ? (
          <Empty>No student is registered for this examination and attempt.</Empty>
        ) : (
          <>
            {current.length === 0 ? (
              <Empty>Every registered student has a result for this attempt; corrections go through the Corrections tab (§21).</Empty>
            ) : (
              <table>
                <caption>
                  To enter: {examination?.title}, attempt {attempt} ({examination?.kind === 'PASS_FAIL' ? 'pass / fail' : 'points 0–100'})
                </caption>
                {sessionHead}
                <tbody>{current.map(renderRow)}</tbody>
              </table>
            )}
            {earlier.length > 0 && (
              <details>
                <summary>Already recorded ({earlier.length})</summary>
                <table>
                  <caption>Recorded earlier: {examination?.title}, attempt {attempt}</caption>
                {sessionHead}
                  <tbody>{earlier.map(renderRow)}</tbody>
                </table>
              </details>
            )}
          </>
        ))}
      {canWrite && (
        <button type="submit" disabled={saving || open.length === 0}>
          Save all results
        </button>
      )}
      {summary && (
        <p role="status" className="ok">
          {summary}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </form>
  );
}

function Corrections({ courses, university, canWrite }: { courses: Course[]; university: University; canWrite: boolean }) {
  const [courseCode, setCourseCode] = useState(courses[0]?.code ?? '');
  const [results, reloadResults] = useLoad(async () => (courseCode ? (await gql(forUniversity(ResultsQuery, university), { courseCode })).results : []), [courseCode, university]);
  const [resultId, setResultId] = useState('');
  const [history, reloadHistory] = useLoad(async () => (resultId ? (await gql(forUniversity(ResultHistoryQuery, university), { resultId })).history : []), [resultId, university]);
  const selected = results.state === 'done' ? results.value.find((r) => r.id === resultId) : undefined;
  const names = useNames(results.state === 'done' ? results.value.map((r) => r.studentId) : []);
  const [form, setForm] = useState({ status: 'GRADED', points: '', passed: 'yes', examinedOn: today(), examiner: '', reason: '' });
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const scored = selected?.registration.examination.kind !== 'PASS_FAIL';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage('');
    try {
      const graded = form.status === 'GRADED';
      const { rectified } = await gql(forUniversity(RectifyResultMutation, university), {
        input: {
          resultId,
          reason: form.reason,
          status: form.status as never,
          points: graded && scored ? Number(form.points) : null,
          passed: graded && !scored ? form.passed === 'yes' : null,
          examinedOn: form.examinedOn,
          examiner: form.examiner,
        },
      });
      setMessage(`Corrected: version ${rectified.version}.`);
      reloadResults();
      reloadHistory();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <div className="filters">
        <div>
          <label htmlFor="corr-course">{humanize(UNIT_WORD[university])}</label>
          <select
            id="corr-course"
            value={courseCode}
            onChange={(e) => {
              setCourseCode(e.target.value);
              setResultId('');
            }}
          >
            {courses.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} {c.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      {results.state === 'loading' && <Loading what="the results" />}
      {results.state === 'error' && <ErrorMessage error={results.error} />}
      {results.state === 'done' &&
        (results.value.length === 0 ? (
          <Empty>No results recorded for this {UNIT_WORD[university]}.</Empty>
        ) : (
          <table>
            <caption>Recorded results</caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Examination</th>
                <th scope="col">Attempt</th>
                <th scope="col">Result</th>
                <th scope="col">Version</th>
                <th scope="col">History</th>
              </tr>
            </thead>
            <tbody>
              {results.value.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {names.get(r.studentId) ?? r.registration.enrolment.studentNumber} ({r.registration.enrolment.studentNumber})
                  </th>
                  <td>{r.registration.examination.title}</td>
                  <td>{r.registration.attempt}</td>
                  <td>{r.status !== 'GRADED' ? humanize(r.status) : (r.points ?? (r.passed ? 'Passed' : 'Failed'))}</td>
                  <td>{r.version}</td>
                  <td>
                    <button type="button" aria-pressed={resultId === r.id} onClick={() => setResultId(r.id)}>
                      {canWrite ? 'Correct / history' : 'History'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {resultId && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">History of this result (§21)</h2>
          {history.state === 'loading' && <Loading what="the history" />}
          {history.state === 'error' && <ErrorMessage error={history.error} />}
          {history.state === 'done' && (
            <ol>
              {history.value.map((h) => (
                <li key={h.id}>
                  Version {h.version}: {h.status !== 'GRADED' ? humanize(h.status) : (h.points ?? (h.passed ? 'passed' : 'failed'))}, examined {h.examinedOn} by {h.examiner}; by {h.changedBy} at {h.changedAt.replace('T', ' ').slice(0, 19)}
                  {h.reason ? ` — reason: ${h.reason}` : ''}
                </li>
              ))}
            </ol>
          )}
          {canWrite && (
            <form onSubmit={submit} className="card" aria-label="Correct this result">
              <label htmlFor="corr-status">Status</label>
              <select id="corr-status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {humanize(s)}
                  </option>
                ))}
              </select>
              {scored ? (
                <>
                  <label htmlFor="corr-points">Points</label>
                  <input id="corr-points" type="number" min={0} max={100} value={form.points} onChange={(e) => setForm({ ...form, points: e.target.value })} disabled={form.status !== 'GRADED'} />
                </>
              ) : (
                <>
                  <label htmlFor="corr-passed">Passed</label>
                  <select id="corr-passed" value={form.passed} onChange={(e) => setForm({ ...form, passed: e.target.value })} disabled={form.status !== 'GRADED'}>
                    <option value="yes">Passed</option>
                    <option value="no">Failed</option>
                  </select>
                </>
              )}
              <label htmlFor="corr-date">Examined on</label>
              <input id="corr-date" type="date" value={form.examinedOn} onChange={(e) => setForm({ ...form, examinedOn: e.target.value })} required />
              <label htmlFor="corr-examiner">Examiner</label>
              <input id="corr-examiner" value={form.examiner} onChange={(e) => setForm({ ...form, examiner: e.target.value })} required />
              <label htmlFor="corr-reason">Reason (§21)</label>
              <input id="corr-reason" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} required />
              <button type="submit">Save correction</button>
            </form>
          )}
          {message && (
            <p role="status" className="ok">
              {message}
            </p>
          )}
          {error !== null && <ErrorMessage error={error} />}
        </section>
      )}
    </div>
  );
}

function Enrolments({ university, canWrite }: { university: University; canWrite: boolean }) {
  const [list, reload] = useLoad(async () => (await gql(forUniversity(EnrolmentsQuery, university), {})).enrolments, [university]);
  const names = useNames(list.state === 'done' ? list.value.map((e) => e.studentId) : []);
  const [form, setForm] = useState({ studentId: '', studentNumber: '', enrolledOn: today() });
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMessage('');
    try {
      const { enrolled } = await gql(forUniversity(EnrolStudentMutation, university), { input: form });
      setMessage(`Enrolled as ${enrolled.studentNumber}.`);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      {canWrite && (
        <form onSubmit={submit} className="inline" aria-label="Enrol a student">
          <label htmlFor="enrol-id">Student id</label>
          <input id="enrol-id" value={form.studentId} onChange={(e) => setForm({ ...form, studentId: e.target.value })} required />
          <label htmlFor="enrol-number">Student number</label>
          <input id="enrol-number" value={form.studentNumber} onChange={(e) => setForm({ ...form, studentNumber: e.target.value })} required />
          <label htmlFor="enrol-date">Enrolled on</label>
          <input id="enrol-date" type="date" value={form.enrolledOn} onChange={(e) => setForm({ ...form, enrolledOn: e.target.value })} required />
          <button type="submit">Enrol</button>
        </form>
      )}
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {list.state === 'loading' && <Loading what="the enrolments" />}
      {list.state === 'error' && <ErrorMessage error={list.error} />}
      {list.state === 'done' &&
        (list.value.length === 0 ? (
          <Empty>No student is enrolled.</Empty>
        ) : (
          <table>
            <caption>Enrolled PIONEER students ({list.value.length})</caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Student number</th>
                <th scope="col">Enrolled on</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/students/${encodeURIComponent(e.studentId)}`}>{names.get(e.studentId) ?? e.studentId}</Link>
                  </th>
                  <td>{e.studentNumber}</td>
                  <td>{e.enrolledOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}

type Report = ImportReport['report'];

/** Upload a CSV export of the university's system: a dry run's report of every line, then commit (docs/examinations-office.md). */
function Import({ university, canWrite }: { university: University; canWrite: boolean }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (commit: boolean) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      setReport((await gql(forUniversity(ImportResultsMutation, university), { input: { csv: file.text, commit, fileName: file.name } })).report);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    setReport(null);
    setError(null);
    if (!chosen) return setFile(null);
    try {
      // The file's own bytes as UTF-8 text, BOM kept: the hub reports the SHA-256 of exactly this file.
      setFile({ name: chosen.name, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await chosen.arrayBuffer()) });
    } catch {
      setFile(null);
      setError(new ApiError(`${chosen.name} is not UTF-8 text: export it as UTF-8 (CSV UTF-8) and choose it again.`, 'CSV_INVALID'));
    }
  };
  const value = (l: Report['lines'][number]) => (l.status && l.status !== 'GRADED' ? humanize(l.status) : l.points ?? (l.passed === null || l.passed === undefined ? '—' : l.passed ? 'Passed' : 'Failed'));
  return (
    <div>
      <p>
        A results list exported from {UNIVERSITY_NAMES[university]}'s own system (CSV, UTF-8, <code>;</code> or <code>,</code> separated; the columns are described in the
        examinations office guide). First a dry run shows what each line would do; nothing is recorded until you commit, and then all lines or none.
      </p>
      <div className="filters">
        <div>
          <label htmlFor="import-file">CSV file</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={choose} disabled={!canWrite} />
        </div>
      </div>
      {!canWrite && <p className="notice">Read-only: only {UNIVERSITY_NAMES[university]}'s examinations office imports results (§5 (1)).</p>}
      {canWrite && (
        <p>
          <button type="button" onClick={() => send(false)} disabled={!file || busy}>
            Check the file (dry run)
          </button>{' '}
          <button type="button" onClick={() => send(true)} disabled={!file || busy || !report || report.committed || report.refused > 0 || report.accepted === 0}>
            Record these results
          </button>
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {report && (
        <>
          <p role="status" className={report.refused ? 'notice' : 'ok'}>
            {report.summary}
          </p>
          <table>
            <caption>
              {file?.name}: {report.rows} lines, {report.accepted} accepted, {report.unchanged} unchanged, {report.refused} refused (SHA-256 {report.sha256.slice(0, 12)}…)
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Outcome</th>
                <th scope="col">Student number</th>
                <th scope="col">{humanize(UNIT_WORD[university])} and examination</th>
                <th scope="col">Attempt</th>
                <th scope="col">Result</th>
                <th scope="col">Why refused</th>
              </tr>
            </thead>
            <tbody>
              {report.lines.map((l) => (
                <tr key={l.line}>
                  <th scope="row">{l.line}</th>
                  <td>{humanize(l.outcome)}</td>
                  <td>{l.studentNumber ?? '—'}</td>
                  <td>
                    {l.courseCode ?? '—'} {l.examinationKey ?? ''}
                  </td>
                  <td>{l.attempt ?? 'next'}</td>
                  <td>{value(l)}</td>
                  <td>{l.code ? `${l.message} (code ${l.code}${l.column ? `, column "${l.column}"` : ''})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

export function OfficeDesk({ university, canWrite }: { university: University; canWrite: boolean }) {
  const { query } = useLocation();
  const [tab, setTab] = useState(() => query.get('tab') ?? 'session');
  const [catalogue] = useLoad(async () => (await gql(forUniversity(CatalogueDoc, university), {})).courses, [university]);
  useEffect(() => {
    document.title = `${UNIVERSITY_NAMES[university]} office · PIONEER hub`;
  }, [university]);
  const choose = (t: string) => {
    setTab(t);
    setQuery(new URLSearchParams({ tab: t }));
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{UNIVERSITY_NAMES[university]}: examinations office</h1>
      <nav aria-label="Office desk">
        <ul className="tabs">
          {TABS.map(([key, label]) => (
            <li key={key}>
              <button type="button" aria-pressed={tab === key} className={tab === key ? 'chip active' : 'chip'} onClick={() => choose(key)}>
                {label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'enrolments' ? (
        <Enrolments university={university} canWrite={canWrite} />
      ) : catalogue.state === 'loading' ? (
        <Loading what="the catalogue" />
      ) : catalogue.state === 'error' ? (
        <ErrorMessage error={catalogue.error} />
      ) : tab === 'catalogue' ? (
        <Catalogue courses={catalogue.value} university={university} />
      ) : tab === 'import' ? (
        <Import key={university} university={university} canWrite={canWrite} />
      ) : tab === 'corrections' ? (
        <Corrections key={university} courses={catalogue.value} university={university} canWrite={canWrite} />
      ) : (
        <Session key={university} courses={catalogue.value} university={university} canWrite={canWrite} />
      )}
    </section>
  );
}
