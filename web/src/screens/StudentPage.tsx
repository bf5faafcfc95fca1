import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, gql, openDownload, request } from '../api';
import type { StudentRecordQuery, UniversityRecordFieldsFragment } from '../gql/graphql';
import { AuditQuery, IssueDocumentMutation, RevokeDocumentMutation, StudentDocumentsQuery, StudentQuery } from '../operations';
import { rolesOf, type Session } from '../session';
import { CreditBar, Empty, ErrorMessage, humanize, Loading, Outcome, today, useAction, useLoad } from '../ui';
import { ElmoRecognition, type RecognisableCourse } from './ElmoRecognition';

type Student = StudentRecordQuery['student'];

function UniversityColumn({ record, name }: { record: UniversityRecordFieldsFragment | null | undefined; name: string }) {
  if (!record) {
    return (
      <section className="university" aria-label={name}>
        <h3>{name}</h3>
        <Empty>This university's record is not available.</Empty>
      </section>
    );
  }
  return (
    <section className="university" aria-label={record.universityName}>
      <h3>{record.universityName}</h3>
      <p>
        Student number <strong>{record.studentNumber ?? '—'}</strong> · {record.creditsEarned} credits earned{record.enrolled ? '' : ' · not enrolled'}
      </p>
      <ul className="courses">
        {record.courses.map((c) => (
          <li key={c.code}>
            <div className="course-head">
              <strong>{c.code}</strong> {c.title} <span className="muted">({c.credits} ECTS)</span>
            </div>
            <div>
              {humanize(c.state)}
              {c.score !== null && c.score !== undefined && (
                <>
                  {' '}
                  · {c.score} points · grade {c.localGrade} ({humanize(c.label)})
                </>
              )}
              {c.attemptsLeft > 0 && c.state !== 'COMPLETED' && c.state !== 'RECOGNISED' && <> · {c.attemptsLeft} attempts left</>}
            </div>
            {c.attempts.length > 0 && (
              <table className="attempts">
                <caption className="visually-hidden">Attempts at {c.code}</caption>
                <thead>
                  <tr>
                    <th scope="col">Examination</th>
                    <th scope="col">Attempt</th>
                    <th scope="col">Date</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {c.attempts.map((a) => (
                    <tr key={`${a.examinationKey}-${a.attempt}`}>
                      <td>{a.examinationTitle}</td>
                      <td>{a.attempt}</td>
                      <td>{a.examinedOn}</td>
                      <td>{a.status !== 'GRADED' ? humanize(a.status) : a.points !== null && a.points !== undefined ? `${a.points} points` : a.passed ? 'Passed' : 'Failed'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {c.recognition && (
              <p className="muted">
                Recognised (§13): decision {c.recognition.decisionReference} of {c.recognition.decidedOn}
                {c.recognition.points !== null && c.recognition.points !== undefined ? `, ${c.recognition.points} points` : ''}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OverallGrade({ student }: { student: Student }) {
  const courses = [student.leuven, student.muenster, student.ttu].flatMap((r) => r?.courses ?? []).filter((c) => c.score !== null && c.score !== undefined && c.state === 'COMPLETED');
  const thesis = student.theses.find((t) => t.state === 'PASSED');
  return (
    <section aria-labelledby="overall-heading">
      <h2 id="overall-heading">Overall grade</h2>
      {student.overallGrade ? (
        <p className="big">
          {student.overallGrade.grade} · {student.overallGrade.points} points · {humanize(student.overallGrade.label)}
        </p>
      ) : (
        <p>No overall grade yet: it needs every course and the thesis (§16 (4)).</p>
      )}
      <details>
        <summary>How it is computed (§16 (4))</summary>
        <p>
          Overall points = ⌈ 75 % × credit-weighted mean of the course scores + 25 % × thesis score ⌉, computed exactly and rounded up once, at the end; the points are then graded on the KU Leuven scale of §16 (4). Recognised courses without points do not count. The hub
          computes it (shared/src/regulations/overall.ts); the inputs on record:
        </p>
        <table>
          <caption>Inputs of the overall grade</caption>
          <thead>
            <tr>
              <th scope="col">Course</th>
              <th scope="col">Weight</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {courses.map((c) => (
              <tr key={c.code}>
                <td>{c.code}</td>
                <td>{c.overallWeight}</td>
                <td>{c.score}</td>
              </tr>
            ))}
            <tr>
              <td>Thesis (25 %)</td>
              <td>—</td>
              <td>{thesis?.score ?? 'not yet'}</td>
            </tr>
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Theses({ student }: { student: Student }) {
  if (student.theses.length === 0) return <Empty>No thesis topic assigned yet (§10 (3): from 90 credits).</Empty>;
  return (
    <ol className="timeline">
      {student.theses.map((t) => (
        <li key={t.id}>
          <h3>
            Attempt {t.attempt}: {t.title}
          </h3>
          <p>
            Supervisor {t.supervisor} · {humanize(t.state)}
          </p>
          <ul>
            <li>Topic assigned {t.topicAssignedOn}</li>
            <li>
              Submission deadline {t.submissionDeadline}
              {t.extensionWeeks > 0 ? ` (extended by ${t.extensionWeeks} weeks, §10 (5))` : ''}
            </li>
            {t.submittedOn && <li>Submitted {t.submittedOn}</li>}
            {t.defenceOn && (
              <li>
                Defence {t.defenceOn}
                {t.defenceHost ? ` at ${t.defenceHost}` : ''}
              </li>
            )}
            {t.defendedOn && (
              <li>
                Defended {t.defendedOn}
                {t.score !== null && t.score !== undefined ? `: ${t.score} points` : ''}
              </li>
            )}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function Documents({ studentId, committee }: { studentId: string; committee: boolean }) {
  const [docs, reload] = useLoad(() => gql(StudentDocumentsQuery, { id: studentId }), [studentId]);
  const [kind, setKind] = useState<'DIPLOMA' | 'DIPLOMA_SUPPLEMENT' | 'TRANSCRIPT_OF_RECORDS'>('DIPLOMA_SUPPLEMENT');
  const [issuedOn, setIssuedOn] = useState(today());
  const { message, error, run, fail } = useAction();
  const [revoking, setRevoking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const act = async (what: () => Promise<string>) => {
    if (await run(what)) reload();
  };
  const issue = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const { issueDocument } = await gql(IssueDocumentMutation, { input: { studentId, kind, issuedOn } });
      return `${humanize(issueDocument.kind)} version ${issueDocument.version} issued.`;
    });
  };
  const revoke = (e: FormEvent, documentId: string) => {
    e.preventDefault();
    void act(async () => {
      await gql(RevokeDocumentMutation, { input: { documentId, revokedOn: today(), reason } });
      setRevoking(null);
      setReason('');
      return 'The document is revoked.';
    });
  };
  const download = (path: string) => void openDownload(path).catch(fail);
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      {docs.state === 'loading' && <Loading what="the documents" />}
      {docs.state === 'error' && <ErrorMessage error={docs.error} />}
      {docs.state === 'done' &&
        (docs.value.student.documents.length === 0 ? (
          <Empty>No document has been issued.</Empty>
        ) : (
          <table>
            <caption>Issued documents</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Issued</th>
                <th scope="col">Status</th>
                <th scope="col">Open</th>
                {committee && <th scope="col">Revoke</th>}
              </tr>
            </thead>
            <tbody>
              {docs.value.student.documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    {humanize(d.kind)} v{d.version}
                  </td>
                  <td>{d.issuedOn}</td>
                  <td>
                    {humanize(d.status)}
                    {d.revokedOn ? ` on ${d.revokedOn}: ${d.revocationReason ?? ''}` : ''}
                  </td>
                  <td>
                    <button type="button" onClick={() => download(`/documents/${encodeURIComponent(d.id)}.pdf`)} aria-label={`Open ${humanize(d.kind)} version ${d.version} as PDF`}>
                      PDF
                    </button>{' '}
                    {d.xmlSha256 && (
                      <button type="button" onClick={() => download(`/documents/${encodeURIComponent(d.id)}.xml`)} aria-label={`Open ${humanize(d.kind)} version ${d.version} as XML`}>
                        XML
                      </button>
                    )}
                  </td>
                  {committee && (
                    <td>
                      {d.status === 'REVOKED' ? (
                        '—'
                      ) : revoking === d.id ? (
                        <form onSubmit={(e) => revoke(e, d.id)} className="inline">
                          <label htmlFor={`reason-${d.id}`}>Reason (§21 (6))</label>
                          <input id={`reason-${d.id}`} value={reason} onChange={(e) => setReason(e.target.value)} required />
                          <button type="submit">Revoke</button>
                          <button type="button" onClick={() => setRevoking(null)}>
                            Cancel
                          </button>
                        </form>
                      ) : (
                        <button type="button" onClick={() => setRevoking(d.id)} aria-label={`Revoke ${humanize(d.kind)} version ${d.version}`}>
                          Revoke…
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {committee && (
        <form onSubmit={issue} className="inline" aria-label="Issue a document">
          <label htmlFor="doc-kind">Document to issue</label>
          <select id="doc-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="DIPLOMA">Diploma</option>
            <option value="DIPLOMA_SUPPLEMENT">Diploma Supplement</option>
            <option value="TRANSCRIPT_OF_RECORDS">Transcript of records</option>
          </select>
          <label htmlFor="doc-date">dated</label>
          <input id="doc-date" type="date" value={issuedOn} onChange={(e) => setIssuedOn(e.target.value)} required />
          <button type="submit">Issue document</button>
        </form>
      )}
      <Outcome message={message} error={error} />
    </section>
  );
}

/** Entries read per university's trail; the newest first. */
const AUDIT_LIMIT = 200;

function Audit({ studentId }: { studentId: string }) {
  // Issue 14: each subgraph filters its own trail by the student (entries about their results,
  // registrations, thesis and documents carry the student's id), so rectifications appear too.
  const [audit] = useLoad(() => gql(AuditQuery, { filter: { studentId }, limit: AUDIT_LIMIT }), [studentId]);
  if (audit.state === 'loading') return <Loading what="the audit trail" />;
  if (audit.state === 'error') return <ErrorMessage error={audit.error} />;
  const { consortiumAuditTrail, leuvenAuditTrail, muensterAuditTrail, ttuAuditTrail } = audit.value;
  const trails = [consortiumAuditTrail, leuvenAuditTrail, muensterAuditTrail, ttuAuditTrail];
  const entries = trails.flatMap((t) => t.items).sort((a, b) => b.at.localeCompare(a.at));
  const total = trails.reduce((n, t) => n + t.total, 0);
  if (entries.length === 0) return <Empty>No recorded change to this student.</Empty>;
  return (
    <>
    {total > entries.length && <p role="status">The latest {AUDIT_LIMIT} changes of each university’s trail are shown: {entries.length} of {total}.</p>}
    <table>
      <caption>Changes to this student (newest first)</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Where</th>
          <th scope="col">Who</th>
          <th scope="col">Operation</th>
          <th scope="col">About</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.service}-${e.id}`}>
            <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
            <td>{e.service}</td>
            <td>
              {e.actorName} ({e.roles})
            </td>
            <td>{e.operation}</td>
            <td>{e.target ?? ''}</td>
            <td>{e.outcome}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </>
  );
}

export function StudentPage({ id, session }: { id: string; session: Session }) {
  const roles = rolesOf(session);
  const [loaded, reload] = useLoad(() => request(StudentQuery, { id }), [id]);
  // A reload after a decision keeps the page (and the forms' state) on screen until the new record arrives.
  const last = useRef<{ id: string; answer: typeof loaded } | null>(null);
  if (loaded.state !== 'loading') last.current = { id, answer: loaded };
  const answer = loaded.state === 'loading' && last.current?.id === id ? last.current.answer : loaded;
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    document.title = 'Student record · PIONEER hub';
  }, []);
  if (answer.state === 'loading') {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Student record</h1>
        <Loading what="the student's record" />
      </section>
    );
  }
  if (answer.state === 'error' || !answer.value.data) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Student record</h1>
        {answer.state === 'error' ? <ErrorMessage error={answer.error} /> : <ApiErrors errors={answer.value.errors} />}
      </section>
    );
  }
  const student = answer.value.data.student;
  const p = student.progression;
  const own = roles.student && session.claims.sub === student.id;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">
        {student.givenName} {student.familyName}
      </h1>
      <p>
        Intake {student.cohort} · born {student.dateOfBirth} in {student.placeOfBirth}
        {p ? ` · ${humanize(p.status)}` : ''}
      </p>
      {answer.value.errors.length > 0 && <ApiErrors errors={answer.value.errors} />}
      {p && (
        <div className="progress">
          <span>
            {p.totalCredits} of {p.requiredCredits} credits{p.thesisEligible ? ' · thesis eligible (§10 (3))' : ''}
          </span>
          <CreditBar
            total={p.requiredCredits}
            parts={[
              ...p.creditsByUniversity.map((c) => ({ key: c.university, label: humanize(c.university), value: c.credits })),
              { key: 'THESIS', label: 'thesis', value: p.thesisCredits },
            ]}
          />
        </div>
      )}
      {own && (
        <p>
          <button type="button" onClick={() => void openDownload(`/students/${encodeURIComponent(student.id)}/current-record.pdf`).catch(setError)}>
            My current record as PDF
          </button>
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <h2>Results at the three universities</h2>
      <div className="universities">
        <UniversityColumn record={student.leuven} name="KU Leuven" />
        <UniversityColumn record={student.muenster} name="University of Münster" />
        <UniversityColumn record={student.ttu} name="TalTech" />
      </div>
      <OverallGrade student={student} />
      <section aria-labelledby="thesis-heading">
        <h2 id="thesis-heading">Thesis and deadlines</h2>
        <Theses student={student} />
      </section>
      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Committee decisions</h2>
        {student.decisions.length === 0 ? (
          <Empty>No decisions on record.</Empty>
        ) : (
          <ul>
            {student.decisions.map((d) => (
              <li key={d.id}>
                {d.decidedOn}: {humanize(d.kind)}
                {d.courseCode ? ` (${d.courseCode})` : ''}
                {d.weeks ? `, ${d.weeks} weeks` : ''} — {d.reason}
                {d.elmoImport && (
                  <>
                    {' '}
                    · from {d.elmoImport.fileName} ({d.elmoImport.signed ? `signed by ${d.elmoImport.signer?.subject ?? ''}` : 'not signed'}):{' '}
                    {(d.recognisedFrom ?? []).map((l) => `${l.title}, ${l.credits ?? '—'} ECTS, grade ${l.resultLabel ?? '—'} (${l.institution})`).join('; ')}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {roles.committee && <ElmoRecognition studentId={student.id} courses={recognisable(student)} onDecided={reload} />}
      <Documents studentId={student.id} committee={roles.committee} />
      {roles.committee && (
        <section aria-labelledby="audit-heading">
          <h2 id="audit-heading">Audit of changes</h2>
          <Audit studentId={student.id} />
        </section>
      )}
    </section>
  );
}

/** The student's courses a recognition could still concern: neither completed nor recognised, nor permanently failed (§13, §15 (4)). */
function recognisable(student: Student): RecognisableCourse[] {
  return [student.leuven, student.muenster, student.ttu].flatMap((record) =>
    record
      ? record.courses
          .filter((c) => c.state === 'NOT_STARTED' || c.state === 'IN_PROGRESS' || c.state === 'FAILED_RETAKE_POSSIBLE')
          .map((c) => ({ university: record.university, universityName: record.universityName, code: c.code, title: c.title, credits: c.credits }))
      : [],
  );
}

function ApiErrors({ errors }: { errors: { message: string; extensions?: { code?: string } }[] }) {
  return (
    <>
      {errors.map((e, i) => (
        <ErrorMessage key={i} error={new ApiError(e.message, e.extensions?.code ?? 'INTERNAL', [e])} />
      ))}
    </>
  );
}
