/**
 * Calendar dates without time zones: HotWax sends a day (`M/D/YYYY`), NetSuite's CSV import reads a day
 * in the importing user's date format. Going through a JavaScript Date would drag in the server's time
 * zone and shift days, so dates stay { year, month, day } from feed to import file.
 */

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

/** Years outside this range are treated as typing errors rather than real inventory dates. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCalendarDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= MIN_YEAR &&
    d.year <= MAX_YEAR &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a HotWax date: `M/D/YYYY` (also zero-padded `MM/DD/YYYY`) or ISO `YYYY-MM-DD`, surrounding spaces
 * ignored. Returns undefined for anything else and for days that do not exist (2/30/2024, 2/29/2023,
 * 13/1/2024). Day-first dates are not accepted: 3/4/2024 is always March 4th, as HotWax writes it.
 */
export function parseHotWaxDate(text: string): CalendarDate | undefined {
  const s = text.trim();
  let d: CalendarDate | undefined;
  const us = US_DATE.exec(s);
  if (us) {
    d = { year: Number(us[3]), month: Number(us[1]), day: Number(us[2]) };
  } else {
    const iso = ISO_DATE.exec(s);
    if (iso) d = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  }
  return d !== undefined && isValidCalendarDate(d) ? d : undefined;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Tokens of NetSuite's date format preference, longest first so that `MM` wins over `M`. */
const TOKENS: readonly [string, (d: CalendarDate) => string][] = [
  ['YYYY', (d) => pad(d.year, 4)],
  ['MONTH', (d) => MONTH_NAMES[d.month - 1] ?? ''],
  ['Mon', (d) => (MONTH_NAMES[d.month - 1] ?? '').slice(0, 3)],
  ['MM', (d) => pad(d.month, 2)],
  ['M', (d) => String(d.month)],
  ['DD', (d) => pad(d.day, 2)],
  ['D', (d) => String(d.day)],
];

/**
 * Writes a date in a NetSuite date format preference: 'M/D/YYYY', 'MM/DD/YYYY', 'D/M/YYYY', 'DD/MM/YYYY',
 * 'YYYY-MM-DD', 'DD.MM.YYYY', and the other NetSuite choices built from the same tokens ('D-Mon-YYYY',
 * 'DD MONTH, YYYY', 'YYYY/M/D', ...). Separators are copied as they are. Throws on an invalid date or a
 * pattern with letters it does not know, because writing a wrong date into an import is worse than stopping.
 */
export function formatDate(d: CalendarDate, pattern: string): string {
  if (!isValidCalendarDate(d)) throw new Error(`formatDate: not a valid date: ${JSON.stringify(d)}`);
  let out = '';
  let i = 0;
  let sawYear = false;
  let sawMonth = false;
  let sawDay = false;
  while (i < pattern.length) {
    const token = TOKENS.find(([t]) => pattern.startsWith(t, i));
    if (token) {
      out += token[1](d);
      if (token[0] === 'YYYY') sawYear = true;
      else if (token[0].startsWith('M')) sawMonth = true;
      else sawDay = true;
      i += token[0].length;
      continue;
    }
    const ch = pattern.charAt(i);
    if (/[A-Za-z]/.test(ch)) throw new Error(`formatDate: unsupported date format '${pattern}' (unknown letter '${ch}')`);
    out += ch;
    i += 1;
  }
  if (!sawYear || !sawMonth || !sawDay) throw new Error(`formatDate: date format '${pattern}' needs a year, a month and a day`);
  return out;
}

/** True when formatDate can write dates in this pattern. */
export function isSupportedDateFormat(pattern: string): boolean {
  try {
    formatDate({ year: 2024, month: 2, day: 29 }, pattern);
    return true;
  } catch {
    return false;
  }
}

/** 'YYYYMMDD', for keys and file names. */
export function compactDate(d: CalendarDate): string {
  return pad(d.year, 4) + pad(d.month, 2) + pad(d.day, 2);
}

/** Negative, zero or positive like a sort comparator. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
