// Value handling shared by the emulated N/search: calendar days, account time zone, the user's date format,
// and how stored values (StoredRecord: dates 'YYYY-MM-DD', datetimes ISO, selects as id strings) are
// turned into what Result.getValue / getText / Map/Reduce JSON / lookupFields return.
import type { FieldValue } from '../account/types';
import { formatDateWithPattern, parseDateWithPattern } from '../modules/format';
import { nsError } from '../modules/error';

/** Field types the emulated search understands (NetSuite's search operator table groups fields this way). */
export type FieldKind =
  | 'text'
  | 'select'
  | 'multiselect'
  | 'checkbox'
  | 'integer'
  | 'float'
  | 'currency'
  | 'date'
  | 'datetime'
  /** A custom field known only from stored values that are strings: accepts text and list operators. */
  | 'textorselect';

export const NUMERIC_KINDS: ReadonlySet<FieldKind> = new Set(['integer', 'float', 'currency']);

const DAY_MS = 86_400_000;

// ---- calendar days -----------------------------------------------------------------------------------

/** Days since 1970-01-01 of a calendar date (no time zone involved). */
export const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;

export function dayParts(day: number): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** 'YYYY-MM-DD' (or the date part of an ISO datetime) to a day number; null when empty or not a date. */
export function storedDateToDay(value: FieldValue | undefined): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  return dayNumber(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function dayToIso(day: number): string {
  const { y, m, d } = dayParts(day);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A day number written in the user's date format (settings.dateFormat, e.g. 'M/D/YYYY'). */
export function formatDay(day: number, pattern: string): string {
  const { y, m, d } = dayParts(day);
  return formatDateWithPattern(new Date(y, m - 1, d), pattern);
}

// ---- time zone -----------------------------------------------------------------------------------------

export interface ZonedParts {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a time zone. */
export function zonedParts(epoch: number, timeZone: string): ZonedParts {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(epoch))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year ?? 1970, m: parts.month ?? 1, d: parts.day ?? 1, h: (parts.hour ?? 0) % 24, mi: parts.minute ?? 0, s: parts.second ?? 0 };
}

/** The instant at which the wall clock in `timeZone` shows the given time. */
export function zonedToEpoch(y: number, m: number, d: number, h: number, mi: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, h, mi);
  const offsetAt = (epoch: number): number => {
    const p = zonedParts(epoch, timeZone);
    return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - epoch;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return second;
}

/** The calendar day of an instant in the account's time zone. */
export function epochToDay(epoch: number, timeZone: string): number {
  const p = zonedParts(epoch, timeZone);
  return dayNumber(p.y, p.m, p.d);
}

/** Stored datetime (ISO string, or a bare 'YYYY-MM-DD' meaning midnight in the account zone) to epoch ms. */
export function storedDateTimeToEpoch(value: FieldValue | undefined, timeZone: string): number | null {
  if (typeof value !== 'string' || value === '') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const { y, m, d } = dayParts(storedDateToDay(value) ?? 0);
    return zonedToEpoch(y, m, d, 0, 0, timeZone);
  }
  const epoch = Date.parse(value);
  return Number.isNaN(epoch) ? null : epoch;
}

/** NetSuite's datetime display: the date in the user's format, then 'h:mm am'. */
export function formatDateTime(epoch: number, pattern: string, timeZone: string): string {
  const p = zonedParts(epoch, timeZone);
  const hour12 = p.h % 12 === 0 ? 12 : p.h % 12;
  return `${formatDay(dayNumber(p.y, p.m, p.d), pattern)} ${hour12}:${String(p.mi).padStart(2, '0')} ${p.h < 12 ? 'am' : 'pm'}`;
}

// ---- filter date values --------------------------------------------------------------------------------

/** A filter date value: a half-open range of days [lo, hi), and an exact instant when a time was given. */
export interface FilterDate {
  lo: number;
  hi: number;
  instant?: { from: number; to: number };
}

export interface DateSettings {
  pattern: string;
  timeZone: string;
  /** Today in the account's time zone, as a day number. */
  today: number;
}

/**
 * Relative date values NetSuite accepts in date filters (case-insensitive): today, yesterday, tomorrow,
 * daysagoN, daysfromnowN, thisweek, lastweek, thismonth, lastmonth, thisyear, lastyear. Anything else
 * that is not a date in the user's format is refused.
 */
function relativeRange(keyword: string, today: number): { lo: number; hi: number } | undefined {
  const k = keyword.toLowerCase();
  if (k === 'today') return { lo: today, hi: today + 1 };
  if (k === 'yesterday') return { lo: today - 1, hi: today };
  if (k === 'tomorrow') return { lo: today + 1, hi: today + 2 };
  const ago = /^daysago(\d+)$/.exec(k);
  if (ago) return { lo: today - Number(ago[1]), hi: today - Number(ago[1]) + 1 };
  const ahead = /^daysfromnow(\d+)$/.exec(k);
  if (ahead) return { lo: today + Number(ahead[1]), hi: today + Number(ahead[1]) + 1 };
  const { y, m } = dayParts(today);
  // 1970-01-01 was a Thursday; weeks start on Sunday in NetSuite's default preference.
  const weekStart = today - ((today + 4) % 7);
  switch (k) {
    case 'thisweek':
      return { lo: weekStart, hi: weekStart + 7 };
    case 'lastweek':
      return { lo: weekStart - 7, hi: weekStart };
    case 'thismonth':
      return { lo: dayNumber(y, m, 1), hi: dayNumber(y, m + 1, 1) };
    case 'lastmonth':
      return { lo: dayNumber(y, m - 1, 1), hi: dayNumber(y, m, 1) };
    case 'thisyear':
      return { lo: dayNumber(y, 1, 1), hi: dayNumber(y + 1, 1, 1) };
    case 'lastyear':
      return { lo: dayNumber(y - 1, 1, 1), hi: dayNumber(y, 1, 1) };
    default:
      return undefined;
  }
}

/**
 * Parses one date filter value: a Date (its local calendar day, and its exact instant for datetime fields),
 * a string in the user's date format optionally followed by a time ('1/5/2024 3:04 pm'), or a relative
 * keyword. Throws SSS_INVALID_SRCH_FILTER naming the field for anything else (an ISO 'YYYY-MM-DD' string is
 * refused unless it is the user's format: NetSuite reads date strings with the user's preference).
 */
export function parseFilterDate(value: unknown, field: string, settings: DateSettings): FilterDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw nsError('SSS_INVALID_SRCH_FILTER', `Invalid date value for ${field}: Invalid Date`);
    const day = dayNumber(value.getFullYear(), value.getMonth() + 1, value.getDate());
    return { lo: day, hi: day + 1, instant: { from: value.getTime(), to: value.getTime() + 1 } };
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw nsError('SSS_INVALID_SRCH_FILTER', `Invalid date value for ${field}: ${JSON.stringify(value)} (expected a date in the format ${settings.pattern}, a Date or a relative date such as 'today')`);
  }
  const text = value.trim();
  const relative = relativeRange(text, settings.today);
  if (relative) return relative;
  const match = /^(\S+)(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(text);
  const date = match ? parseDateWithPattern(match[1] ?? '', settings.pattern) : undefined;
  if (!match || !date) {
    throw nsError('SSS_INVALID_SRCH_FILTER', `Invalid date value for ${field}: "${text}" (the user's date format is ${settings.pattern}; relative values such as 'today' or 'daysago7' are also accepted)`);
  }
  const day = dayNumber(date.getFullYear(), date.getMonth() + 1, date.getDate());
  if (match[2] === undefined) return { lo: day, hi: day + 1 };
  let hour = Number(match[2]);
  const meridiem = match[5]?.toLowerCase();
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  const { y, m, d } = dayParts(day);
  const from = zonedToEpoch(y, m, d, hour, Number(match[3]), settings.timeZone) + Number(match[4] ?? 0) * 1000;
  return { lo: day, hi: day + 1, instant: { from, to: from + 60_000 } };
}

/** The instant range a filter date covers for a datetime field (whole days in the account zone unless a time was given). */
export function filterDateInstants(value: FilterDate, timeZone: string): { from: number; to: number } {
  if (value.instant) return value.instant;
  const lo = dayParts(value.lo);
  const hi = dayParts(value.hi);
  return { from: zonedToEpoch(lo.y, lo.m, lo.d, 0, 0, timeZone), to: zonedToEpoch(hi.y, hi.m, hi.d, 0, 0, timeZone) };
}

// ---- stored values ---------------------------------------------------------------------------------------

export const isEmptyValue = (value: FieldValue | undefined): boolean =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

export function toBoolean(value: FieldValue | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value === 'T' || value === 't' || value.toLowerCase() === 'true';
  if (typeof value === 'number') return value !== 0;
  return false;
}

export function toNumber(value: FieldValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function toIdList(value: FieldValue | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'string' && value.includes(',')) return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return [String(value)];
}

/** Number as NetSuite's search returns it: a string, 2 decimals for currency, '' when empty. */
export function formatNumber(n: number | null, kind: FieldKind): string {
  if (n === null) return '';
  if (kind === 'currency') return n.toFixed(2);
  // Round away binary noise (0.1 + 0.2) the way a database NUMBER would not show it.
  return String(Math.round(n * 1e9) / 1e9);
}
