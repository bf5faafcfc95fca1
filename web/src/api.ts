/**
 * The one way the app talks to the hub: POST /graphql on the same origin with the signed-in
 * person's token, so every screen obeys exactly the API's access rules.
 */
import type { TypedDocumentString } from './gql/graphql';
import { currentSession, endSession } from './session';

export interface ApiErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; details?: Record<string, unknown> };
}

/** An error of the API, with its stable code (shared/src/errors/codes.ts). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly entries: ApiErrorEntry[] = [],
  ) {
    super(message);
  }
}

type Document<R, V> = TypedDocumentString<R, V> | string;

export interface Answer<R> {
  data: R | null;
  errors: ApiErrorEntry[];
}

/** Sends an operation; returns data and errors as the gateway gave them (partial data kept). */
export async function request<R, V>(document: Document<R, V>, variables?: V): Promise<Answer<R>> {
  const session = currentSession();
  if (!session) throw new ApiError('You are not signed in.', 'UNAUTHENTICATED');
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('The hub could not be reached. Check your connection and try again.', 'NETWORK_ERROR');
  }
  let body: { data?: R | null; errors?: ApiErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The hub answered with HTTP ${response.status} and no readable body.`, 'INTERNAL');
  }
  const errors = body.errors ?? [];
  if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    // An expired or revoked token: back to sign-in with a reason, never a blank page.
    endSession('Your session has ended (the hub no longer accepts your token). Please sign in again.');
    throw new ApiError(errors[0]!.message, 'UNAUTHENTICATED', errors);
  }
  return { data: body.data ?? null, errors };
}

/** Sends an operation and throws its first error, if any. */
export async function gql<R, V>(document: Document<R, V>, variables?: V): Promise<R> {
  const { data, errors } = await request(document, variables);
  if (errors.length || !data) {
    const first = errors[0];
    throw new ApiError(first?.message ?? 'The hub returned no data.', first?.extensions?.code ?? 'INTERNAL', errors);
  }
  return data;
}

/** Downloads a file of the hub with the token in the header and opens it in a new tab. */
export async function openDownload(path: string, win: Window = window): Promise<Blob> {
  const session = currentSession();
  if (!session) throw new ApiError('You are not signed in.', 'UNAUTHENTICATED');
  // Opened first, synchronously with the click, so that pop-up blockers allow it.
  const tab = win.open('', '_blank');
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${session.token}` } });
  } catch {
    tab?.close();
    throw new ApiError('The hub could not be reached. Check your connection and try again.', 'NETWORK_ERROR');
  }
  if (!response.ok) {
    tab?.close();
    const body = (await response.json().catch(() => null)) as { errors?: ApiErrorEntry[] } | null;
    const first = body?.errors?.[0];
    if (first?.extensions?.code === 'UNAUTHENTICATED') endSession('Your session has ended. Please sign in again.');
    throw new ApiError(first?.message ?? `Download failed with HTTP ${response.status}`, first?.extensions?.code ?? 'INTERNAL', body?.errors ?? []);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  if (tab) tab.location.href = url;
  else {
    // Pop-ups blocked: save the file instead, under the name the hub gave it.
    const a = document.createElement('a');
    a.href = url;
    a.download = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'document';
    a.click();
  }
  // The tab keeps its own copy once loaded; the URL is released after a while.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return blob;
}
