/** Shared pieces: loading, empty and error states, labels, bars. */
import { useEffect, useState, type ReactNode } from 'react';
import { describeError } from './errors';

export function ErrorMessage({ error }: { error: unknown }) {
  const { sentence, code } = describeError(error);
  return (
    <div className="error" role="alert">
      <p>
        {sentence} <span className="code">(code {code})</span>
      </p>
    </div>
  );
}

/** What a form's action came to: a status message or an error (set by `useAction`). */
export function Outcome({ message, error }: { message: string; error: unknown }) {
  return (
    <>
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </>
  );
}

/** Runs a form's action; its message (what it returns) or its error goes to <Outcome>. Resolves true when it succeeded. */
export function useAction(): { message: string; error: unknown; run: (what: () => Promise<string>) => Promise<boolean>; fail: (error: unknown) => void } {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const run = async (what: () => Promise<string>) => {
    setError(null);
    setMessage('');
    try {
      setMessage(await what());
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const fail = (e: unknown) => {
    setMessage('');
    setError(e);
  };
  return { message, error, run, fail };
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export type Load<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; value: T };

/** Runs `load` whenever `deps` change; the latest call wins. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Load<T>, () => void] {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => live && setResult({ state: 'done', value }),
      (error: unknown) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  return [result, () => setRound((r) => r + 1)];
}

export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const UNIVERSITY_COLOURS: Record<string, string> = { LEUVEN: '#1d4ed8', MUENSTER: '#047857', TTU: '#b45309', THESIS: '#7c3aed' };

/** Credits by university (and thesis) as one bar of `total`, with the numbers as its accessible name. */
export function CreditBar({ parts, total }: { parts: { key: string; label: string; value: number }[]; total: number }) {
  const sum = parts.reduce((s, p) => s + p.value, 0);
  const name = `${sum} of ${total} credits: ${parts.map((p) => `${p.label} ${p.value}`).join(', ')}`;
  return (
    <div className="credit-bar" role="img" aria-label={name} title={name}>
      {parts.map((p) => (
        <span key={p.key} style={{ width: `${(100 * p.value) / total}%`, background: UNIVERSITY_COLOURS[p.key] ?? '#555' }} />
      ))}
    </div>
  );
}
