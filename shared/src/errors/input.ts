import { DomainError } from './domain-error.js';
import { ErrorCode } from './codes.js';

/**
 * The input checks every service repeats, in one place: a reason on a decision or correction,
 * free text of bounded length, a page of a list.
 */

/** A decision or correction states its reason (at least 3 characters); returns it trimmed. */
export function requireReason(reason: string | null | undefined, message: string): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 3) throw new DomainError(ErrorCode.REASON_REQUIRED, message);
  return trimmed;
}

/** Printable text of `min`-`max` characters once trimmed; returns it trimmed. */
export function requireText(value: string, field: string, max: number, min = 1): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max || /[\u0000-\u001f]/.test(trimmed)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must have ${min}-${max} printable characters`, { field });
  }
  return trimmed;
}

/** A page of a list: 1-`max` items from a non-negative offset. */
export function checkPage(limit: number, offset: number, max = 500): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new DomainError(ErrorCode.BAD_USER_INPUT, `limit must be 1-${max}`, { limit });
  if (!Number.isInteger(offset) || offset < 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'offset must be 0 or more', { offset });
}
