import { ApiError } from './api';

/** A readable lead-in for the codes whose server message needs context for a non-developer. */
const LEAD: Record<string, string> = {
  UNAUTHENTICATED: 'You are not signed in, or your session has ended.',
  FORBIDDEN: 'You are not allowed to see or do this with your role.',
  SOURCE_UNAVAILABLE: 'One of the universities did not answer, so the hub does not show partial figures.',
  INTERNAL: 'Something went wrong on the hub; nothing was changed.',
  BAD_USER_INPUT: 'The request was not accepted.',
  NETWORK_ERROR: 'No connection to the hub.',
  NOT_FOUND: 'This was not found.',
  UNKNOWN_THESIS: 'This thesis was not found.',
  UNKNOWN_REGISTRATION: 'This registration was not found.',
  OPERATION_LIMIT_EXCEEDED: 'The request asks for too much at once.',
};

/** A sentence and the code, for every error shown to a person. */
export function describeError(error: unknown): { sentence: string; code: string } {
  if (error instanceof ApiError) {
    const lead = LEAD[error.code];
    const message = error.message.replace(/\s+$/, '');
    const sentence = lead && !message.startsWith(lead) ? `${lead} ${message}${/[.!?)]$/.test(message) ? '' : '.'}` : `${message}${/[.!?)]$/.test(message) ? '' : '.'}`;
    return { sentence, code: error.code };
  }
  return { sentence: error instanceof Error ? error.message : 'Something went wrong.', code: 'CLIENT_ERROR' };
}
