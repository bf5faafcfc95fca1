import { useEffect, useRef, useState } from 'react';
import { loadConfig } from './config';
import { CALLBACK_PATH, completeSignIn } from './oidc';
import { Link, match, navigate, useLocation } from './router';
import { currentSession, endSession, homeOf, onSessionChange, rolesOf, startSession, type Session, type University, UNIVERSITIES } from './session';
import { UNIVERSITY_SHORT } from './university';
import { ErrorMessage, Loading } from './ui';
import { SignIn } from './screens/SignIn';
import { Dashboard } from './screens/Dashboard';
import { StudentPage } from './screens/StudentPage';
import { OfficeDesk } from './screens/OfficeDesk';
import { GradeDistributions } from './screens/GradeDistributions';

function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  // An expired token sends the person back to sign-in with a reason, at the moment it expires.
  useEffect(() => {
    if (!session) return;
    const ms = session.claims.exp * 1000 - Date.now();
    const timer = setTimeout(() => endSession('Your session has expired. Please sign in again.'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);
  return session;
}

function OidcCallback() {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadConfig()
      .then(async (config) => {
        if (!config.oidc) throw new Error('No identity provider is configured.');
        const session = startSession(await completeSignIn(config.oidc, new URL(window.location.href)));
        navigate(homeOf(session), true);
      })
      .catch(setError);
  }, []);
  return error ? <ErrorMessage error={error} /> : <Loading what="your sign-in" />;
}

/** GraphiQL (development only) and the token to paste into its headers. */
function GraphiQLLinks({ session }: { session: Session }) {
  const [config, setConfig] = useState<{ graphiql: boolean } | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    loadConfig().then(setConfig, () => setConfig(null));
  }, []);
  if (!config?.graphiql) return null;
  const copy = () =>
    navigator.clipboard.writeText(`{"authorization": "Bearer ${session.token}"}`).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <>
      <li>
        <a href="/graphql">GraphiQL</a>
      </li>
      <li>
        <button type="button" onClick={() => void copy()}>
          {copied ? 'Headers copied' : 'Copy token for GraphiQL'}
        </button>
      </li>
    </>
  );
}

function Header({ session }: { session: Session }) {
  const roles = rolesOf(session);
  return (
    <header className="top">
      <a className="brand" href="/app/">
        PIONEER hub
      </a>
      <nav aria-label="Main">
        <ul>
          {roles.readsCohorts && (
            <li>
              <Link to="/dashboard">Dashboard</Link>
            </li>
          )}
          {roles.readsCohorts && (
            <li>
              <Link to="/grades">Grade distributions</Link>
            </li>
          )}
          {UNIVERSITIES.filter((u) => roles.staffOf.includes(u)).map((u: University) => (
            <li key={u}>
              <Link to={`/office/${u}`}>{UNIVERSITY_SHORT[u]} office</Link>
            </li>
          ))}
          {roles.student && (
            <li>
              <Link to={`/students/${encodeURIComponent(session.claims.sub)}`}>My record</Link>
            </li>
          )}
          <GraphiQLLinks session={session} />
        </ul>
      </nav>
      <div className="who">
        <span>{session.claims.name ?? session.claims.sub}</span>
        <button type="button" onClick={() => endSession('You have signed out.')}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function Screen({ session, path }: { session: Session; path: string }) {
  const roles = rolesOf(session);
  if (path === '/' || path === '/sign-in' || path === CALLBACK_PATH) {
    return <Redirect to={homeOf(session)} />;
  }
  if (path === '/nothing') {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">No screen for your role yet</h1>
        <p>The web app has screens for the Academic Committee, the examinations offices and their staff, and students. Thesis examiners use the API (GraphiQL in development) for now.</p>
      </section>
    );
  }
  if (path === '/dashboard') return <Dashboard />;
  if (path === '/grades') return <GradeDistributions universities={roles.staffOf.length && !roles.committee ? roles.staffOf : UNIVERSITIES} />;
  const student = match('/students/:id', path);
  if (student) return <StudentPage id={student.id!} session={session} />;
  const office = match('/office/:university', path);
  if (office && (UNIVERSITIES as readonly string[]).includes(office.university!)) {
    const u = office.university as University;
    return <OfficeDesk university={u} canWrite={roles.offices.includes(u)} />;
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Not found</h1>
      <p>
        There is no such page. <Link to="/">Go to your start page</Link>.
      </p>
    </section>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}

export function App() {
  const session = useSession();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  // After a change of screen, focus goes to its heading so keyboard and screen-reader users start there.
  useEffect(() => {
    const heading = main.current?.querySelector('h1');
    if (heading && document.activeElement === document.body) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }, [path]);
  if (!session && path === CALLBACK_PATH) {
    return (
      <main id="main" ref={main}>
        <OidcCallback />
      </main>
    );
  }
  if (!session) {
    if (path !== '/sign-in') window.history.replaceState(null, '', '/app/sign-in');
    return (
      <main id="main" ref={main} className="narrow">
        <SignIn />
      </main>
    );
  }
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <Header session={session} />
      <main id="main" ref={main}>
        <Screen session={session} path={path} />
      </main>
    </>
  );
}
