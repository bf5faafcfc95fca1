import { useEffect, useState, type FormEvent } from 'react';
import { loadConfig, type AppConfig } from '../config';
import { beginSignIn } from '../oidc';
import { homeOf, startSession, takeNotice } from '../session';
import { navigate } from '../router';
import { ErrorMessage, Loading, useLoad } from '../ui';

interface DemoPeople {
  roles: { role: string; label: string; needs: 'student' | 'examiner' | null }[];
  students: { id: string; name: string; cohort: number }[];
  examiners: string[];
}

async function demoToken(role: string, arg: string | undefined): Promise<string> {
  const response = await fetch('/auth/demo/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pioneer-csrf': '1' },
    body: JSON.stringify({ role, ...(arg ? { arg } : {}) }),
  });
  const body = (await response.json()) as { token?: string; errors?: { message: string; extensions?: { code?: string } }[] };
  if (!response.ok || !body.token) throw new Error(body.errors?.[0]?.message ?? `Sign-in failed (HTTP ${response.status})`);
  return body.token;
}

function DemoSignIn() {
  const [people] = useLoad<DemoPeople>(async () => {
    const r = await fetch('/auth/demo/people', { headers: { accept: 'application/json' } });
    if (!r.ok) throw new Error(`The demo identity provider did not answer (HTTP ${r.status}).`);
    return (await r.json()) as DemoPeople;
  }, []);
  const [role, setRole] = useState('committee');
  const [student, setStudent] = useState('');
  const [examiner, setExaminer] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (people.state === 'loading') return <Loading what="the demo identities" />;
  if (people.state === 'error') return <ErrorMessage error={people.error} />;
  const { roles, students, examiners } = people.value;
  const needs = roles.find((r) => r.role === role)?.needs ?? null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const arg = needs === 'student' ? student || students[0]?.id : needs === 'examiner' ? examiner || examiners[0] : undefined;
      const session = startSession(await demoToken(role, arg));
      navigate(homeOf(session), true);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="card" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo identity provider</h2>
      <p>Development and test only: pick a role and, for a student or an examiner, the person. The token is signed with the hub's demo key.</p>
      <label htmlFor="role">Role</label>
      <select id="role" value={role} onChange={(e) => setRole(e.target.value)}>
        {roles.map((r) => (
          <option key={r.role} value={r.role}>
            {r.label}
          </option>
        ))}
      </select>
      {needs === 'student' && (
        <>
          <label htmlFor="person">Student</label>
          <select id="person" value={student} onChange={(e) => setStudent(e.target.value)}>
            {students.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.cohort})
              </option>
            ))}
          </select>
        </>
      )}
      {needs === 'examiner' && (
        <>
          <label htmlFor="examiner">Examiner</label>
          <select id="examiner" value={examiner} onChange={(e) => setExaminer(e.target.value)}>
            {examiners.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </form>
  );
}

function OidcSignIn({ oidc }: { oidc: NonNullable<AppConfig['oidc']> }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="card">
      <h2>Sign in with your institution</h2>
      <button type="button" onClick={() => beginSignIn(oidc).catch(setError)}>
        Sign in with {new URL(oidc.issuer).host}
      </button>
      {error !== null && <ErrorMessage error={error} />}
    </div>
  );
}

export function SignIn() {
  const [notice] = useState(() => takeNotice());
  const [config] = useLoad(loadConfig, []);
  useEffect(() => {
    document.title = 'Sign in · PIONEER hub';
  }, []);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Sign in
      </h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {config.state === 'loading' && <Loading what="the sign-in options" />}
      {config.state === 'error' && <ErrorMessage error={config.error} />}
      {config.state === 'done' && (
        <>
          {config.value.oidc && <OidcSignIn oidc={config.value.oidc} />}
          {config.value.demoSignIn && <DemoSignIn />}
          {!config.value.oidc && !config.value.demoSignIn && <p>No identity provider is configured for this hub.</p>}
        </>
      )}
    </section>
  );
}
