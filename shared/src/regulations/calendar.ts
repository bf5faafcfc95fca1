/**
 * Calendar arithmetic on plain ISO calendar dates 'YYYY-MM-DD' (no time of day, no time zone):
 * the regulations count whole days, weeks and months. Pure integer arithmetic (the proleptic
 * Gregorian calendar, days-from-civil), no Date objects, so results never depend on the host's
 * time zone.
 */
import { DomainError, ErrorCode } from '../errors/index.js';

export type IsoDate = string;

export const DAYS_PER_WEEK = 7;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses 'YYYY-MM-DD' strictly (years 0001–9999, real month and day); anything else is INVALID_DATE. */
export function parseIsoDate(value: unknown, what = 'date'): CalendarDate {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (match === null) {
    throw new DomainError(ErrorCode.INVALID_DATE, `${what} must be a calendar date YYYY-MM-DD, got ${String(value)}`, { what, value });
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DomainError(ErrorCode.INVALID_DATE, `${what} ${String(value)} is not a date of the calendar`, { what, value });
  }
  return { year, month, day };
}

/** Throws INVALID_DATE unless `value` is a real calendar date 'YYYY-MM-DD'. */
export function assertIsoDate(value: unknown, what = 'date'): asserts value is IsoDate {
  parseIsoDate(value, what);
}

export function isValidIsoDate(value: unknown): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  if (year < 1 || year > 9999) {
    throw new DomainError(ErrorCode.INVALID_DATE, `year ${year} is outside 0001–9999`, { year, month, day });
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// Howard Hinnant's days_from_civil / civil_from_days (1970-01-01 is day 0).
function daysFromCivil({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01. */
export function toDayNumber(date: IsoDate): number {
  return daysFromCivil(parseIsoDate(date));
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return formatIsoDate(civilFromDays(dayNumber));
}

function assertWholeNumber(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${what} must be a whole number, got ${n}`, { what, n });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  assertWholeNumber(days, 'days');
  return fromDayNumber(toDayNumber(date) + days);
}

/** "within N weeks of D" ends on D + 7·N days. */
export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  assertWholeNumber(weeks, 'weeks');
  return addDays(date, weeks * DAYS_PER_WEEK);
}

/** Same day N months later, clamped to the last day of that month (2024-11-30 + 3 → 2025-02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  assertWholeNumber(months, 'months');
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Negative, 0 or positive as a is before, on or after b. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Deadlines are inclusive: an act on the deadline date is on time. */
export function isOnOrBefore(date: IsoDate, deadline: IsoDate): boolean {
  return toDayNumber(date) <= toDayNumber(deadline);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}
