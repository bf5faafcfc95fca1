import { DomainError } from './domain-error.js';
import { ErrorCode } from './codes.js';

/**
 * The input checks every service repeats, in one place: printable text of bounded length, a
 * reason on a decision or correction, a page of a list. `assertPrintable` is also applied to
 * every string argument of every subgraph operation (shared/src/federation/text-guard.ts).
 */

/** Longest string any argument may carry; fields with a tighter bound check it themselves. */
export const MAX_TEXT_LENGTH = 2000;

/**
 * Not printable: control characters (C0, DEL, C1 — they make XML 1.0 documents such as an ELMO
 * Diploma Supplement invalid), lone surrogates, private-use and unassigned code points, the
 * noncharacters U+FFFE/U+FFFF, and the line / paragraph separators. Format characters (Cf: soft
 * hyphen, zero-width joiner in emoji and Indic scripts) are allowed: names need them.
 */
const NOT_PRINTABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

/** Throws INVALID_TEXT when `value` holds a character that is not printable Unicode. */
export function assertPrintable(value: string, field: string): void {
  // A lone surrogate is not matched by \p{Cs} in a /u regex on every engine; isWellFormed is exact.
  const wellFormed = (value as string & { isWellFormed?: () => boolean }).isWellFormed?.() ?? !/[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
  const match = wellFormed ? NOT_PRINTABLE.exec(value) : null;
  if (!wellFormed || match) {
    const codePoint = match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : 'a lone surrogate';
    throw new DomainError(ErrorCode.INVALID_TEXT, `${field} contains a character that is not printable (${codePoint})`, { field, codePoint });
  }
}

/** Printable text of `min`-`max` characters once trimmed; returns it trimmed. */
export function requireText(value: string, field: string, max: number, min = 1): string {
  const trimmed = value.trim();
  assertPrintable(trimmed, field);
  if ([...trimmed].length < min || [...trimmed].length > max) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must have ${min}-${max} printable characters`, { field, min, max });
  }
  return trimmed;
}

/** A decision or correction states its reason (3-2000 printable characters); returns it trimmed. */
export function requireReason(reason: string | null | undefined, message: string): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 3) throw new DomainError(ErrorCode.REASON_REQUIRED, message);
  return requireText(trimmed, 'reason', MAX_TEXT_LENGTH, 3);
}

/** A page of a list: 1-`max` items from a non-negative offset. */
export function checkPage(limit: number, offset: number, max = 500): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw new DomainError(ErrorCode.BAD_USER_INPUT, `limit must be 1-${max}`, { limit });
  if (!Number.isInteger(offset) || offset < 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'offset must be 0 or more', { offset });
}

/**
 * Arguments that carry a whole file (a CSV export: several lines, more than MAX_TEXT_LENGTH
 * characters). The operation taking one bounds its size and applies the text rule to every cell
 * it reads (examinations/results-import.service.ts), so each bad cell is named by line and column.
 */
export const FILE_ARGUMENTS: ReadonlySet<string> = new Set(['input.csv']);

/**
 * Every string in an operation's arguments (nested inputs and lists included) is printable and
 * at most MAX_TEXT_LENGTH characters; `path` names the offending argument.
 */
export function assertPrintableArguments(args: unknown, path = 'input'): void {
  if (typeof args === 'string') {
    if (FILE_ARGUMENTS.has(path)) return;
    if (args.length > MAX_TEXT_LENGTH) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `${path} is longer than ${MAX_TEXT_LENGTH} characters`, { field: path, max: MAX_TEXT_LENGTH });
    }
    assertPrintable(args, path);
    return;
  }
  if (Array.isArray(args)) {
    args.forEach((item, i) => assertPrintableArguments(item, `${path}[${i}]`));
    return;
  }
  // A file's bytes (the Base64File scalar) are not text; the service that reads the file checks it.
  if (ArrayBuffer.isView(args)) return;
  if (args !== null && typeof args === 'object' && !(args instanceof Date)) {
    for (const [key, value] of Object.entries(args)) assertPrintableArguments(value, path === '' ? key : `${path}.${key}`);
  }
}
