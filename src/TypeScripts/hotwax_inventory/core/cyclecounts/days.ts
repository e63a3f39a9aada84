/**
 * Cycle-count days as ISO strings ('YYYY-MM-DD'): sortable, comparable as text, free of time zones. Day
 * arithmetic goes through a day number (days since 1970-01-01), never through local Date fields.
 */
import type { CalendarDate } from '../dates';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type IsoDay = string;

export function isIsoDay(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Days since 1970-01-01 of an ISO day. Throws on anything else (a wrong date must never plan a count). */
export function dayNumber(day: IsoDay): number {
  if (!isIsoDay(day)) throw new Error(`not a YYYY-MM-DD day: "${day}"`);
  return Math.round(Date.parse(`${day}T00:00:00Z`) / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDay {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return fromDayNumber(dayNumber(day) + days);
}

export function daysBetween(from: IsoDay, to: IsoDay): number {
  return dayNumber(to) - dayNumber(from);
}

/** The UTC day of an instant: the planner's "today" (documented in docs/cycle-counts.md). */
export function utcDay(instant: Date): IsoDay {
  return instant.toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: IsoDay): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

export function isoFromCalendar(d: CalendarDate): IsoDay {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** 'YYYY-MM': the period accuracy is reported by. */
export function periodOf(day: IsoDay): string {
  return day.slice(0, 7);
}

/** First and last day of a 'YYYY-MM' period. */
export function periodBounds(period: string): { first: IsoDay; last: IsoDay } {
  const first = `${period}-01`;
  const [y, m] = period.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1) };
}
