/**
 * Dates as the running user sees them (search filters take, and search cells give, the user's date format:
 * Oracle help "N/format Module"), to and from ISO days (YYYY-MM-DD), the form our files and cores use.
 */
import * as format from 'N/format';
import { isoFromCalendar, type IsoDay } from '../core/cyclecounts/days';

/** A Date as the running user's date string (search date filters take it). */
export function userDate(day: IsoDay): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return String(format.format({ value: new Date(y, m - 1, d), type: format.Type.DATE }));
}

/** A search date cell (user format) as an ISO day, or undefined. */
export function isoOfUserDate(text: string): IsoDay | undefined {
  if (text === '') return undefined;
  const parsed = format.parse({ value: text, type: format.Type.DATE }) as unknown;
  if (!(parsed instanceof Date) || Number.isNaN(parsed.getTime())) return undefined;
  return isoFromCalendar({ year: parsed.getFullYear(), month: parsed.getMonth() + 1, day: parsed.getDate() });
}

/** Today in the running user's calendar (format.format of now, read back as a date). */
export function userToday(): IsoDay {
  return isoOfUserDate(String(format.format({ value: new Date(), type: format.Type.DATE }))) ?? new Date().toISOString().slice(0, 10);
}
