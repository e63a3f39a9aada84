/**
 * A deployment's recurrence and its next run, from the scriptdeployment record's recurringevent JSON (HotWax's
 * RESTlet reads repeatTimeInMinutes from it [O]; the other members are [U], see runtime/records/scriptDeployments.ts).
 * Start date and time are UTC (SDF writes starttime as HH:MM:SSZ, NETSUITE.md 8) [U: NetSuite may apply the
 * account's time zone]. A repeating event runs from its start time every repeat minutes until the end of the day
 * [U]. Pure.
 */
export interface Recurrence {
  type: string;
  startDate: string | null;
  startTime: string | null;
  endDate: string | null;
  repeatTimeInMinutes: number | null;
  everyXDays?: number;
  everyXWeeks?: number;
  days?: string[];
}

const DAY_MS = 86_400_000;
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function parseRecurrence(raw: string | null | undefined): Recurrence | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  try {
    const v = JSON.parse(raw) as Partial<Recurrence>;
    if (typeof v.type !== 'string') return null;
    return {
      type: v.type,
      startDate: typeof v.startDate === 'string' ? v.startDate : null,
      startTime: typeof v.startTime === 'string' ? v.startTime : null,
      endDate: typeof v.endDate === 'string' ? v.endDate : null,
      repeatTimeInMinutes: typeof v.repeatTimeInMinutes === 'number' ? v.repeatTimeInMinutes : null,
      ...(typeof v.everyXDays === 'number' ? { everyXDays: v.everyXDays } : {}),
      ...(typeof v.everyXWeeks === 'number' ? { everyXWeeks: v.everyXWeeks } : {}),
      ...(Array.isArray(v.days) ? { days: v.days.filter((d): d is string => typeof d === 'string') } : {}),
    };
  } catch {
    return null;
  }
}

/** Minutes between runs as HotWax's job manager shows them: the repeat, else the day or week period, else null. */
export function recurrenceMinutes(r: Recurrence | null): number | null {
  if (!r) return null;
  if (r.repeatTimeInMinutes !== null) return r.repeatTimeInMinutes;
  if (r.type === 'daily') return (r.everyXDays ?? 1) * 1440;
  if (r.type === 'weekly' && (r.days?.length ?? 0) === 1) return (r.everyXWeeks ?? 1) * 10080;
  return null;
}

const dayStart = (ymd: string): number => Date.parse(`${ymd}T00:00:00Z`);
const timeOfDay = (hms: string | null): number => {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?Z?$/.exec(hms ?? '00:00:00Z');
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000 : 0;
};

function runsOnDay(r: Recurrence, day: number, first: number): boolean {
  const index = Math.round((day - first) / DAY_MS);
  if (index < 0) return false;
  const weekday = new Date(day).getUTCDay();
  switch (r.type) {
    case 'single':
      return index === 0;
    case 'daily':
      return index % Math.max(1, r.everyXDays ?? 1) === 0;
    case 'everyweekday':
      return weekday >= 1 && weekday <= 5;
    case 'weekly': {
      const week = Math.floor((index + new Date(first).getUTCDay()) / 7);
      return week % Math.max(1, r.everyXWeeks ?? 1) === 0 && (r.days ?? []).includes(DAYS[weekday] ?? '');
    }
    default:
      return false;
  }
}

/** The next run strictly after `now`, as an ISO string; null when none (ended, unsupported type, no start). */
export function nextRun(r: Recurrence | null, now: Date): string | null {
  if (!r || r.startDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(r.startDate)) return null;
  if (!['single', 'daily', 'everyweekday', 'weekly'].includes(r.type)) return null;
  const first = dayStart(r.startDate);
  const end = r.endDate && /^\d{4}-\d{2}-\d{2}$/.test(r.endDate) ? dayStart(r.endDate) + DAY_MS : Infinity;
  const startOffset = timeOfDay(r.startTime);
  const step = r.repeatTimeInMinutes !== null && r.type !== 'single' ? r.repeatTimeInMinutes * 60_000 : r.type === 'single' && r.repeatTimeInMinutes !== null ? r.repeatTimeInMinutes * 60_000 : 0;
  let day = Math.max(first, dayStart(now.toISOString().slice(0, 10)));
  for (let i = 0; i < 800 && day < end; i += 1, day += DAY_MS) {
    if (!runsOnDay(r, day, first)) continue;
    let t = day + startOffset;
    while (t <= now.getTime() && step > 0 && t + step < day + DAY_MS) t += step;
    if (t > now.getTime() && t < end) return new Date(t).toISOString();
  }
  return null;
}
