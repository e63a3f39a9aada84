// N/format (NETSUITE.md 7): converts between the user's preference strings and raw values.
// 0 units. A value that cannot be parsed is returned unchanged; no error is thrown.
import type { ExecutionEnv } from '../context';

export const FORMAT_TYPES = {
  DATE: 'date',
  DATETIME: 'datetime',
  DATETIMETZ: 'datetimetz',
  TIMEOFDAY: 'timeofday',
  INTEGER: 'integer',
  FLOAT: 'float',
  CURRENCY: 'currency',
  PERCENT: 'percent',
  CHECKBOX: 'checkbox',
  TEXT: 'text',
} as const;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats a calendar date with a NetSuite date preference pattern such as 'M/D/YYYY' or 'DD.MM.YYYY'. */
export function formatDateWithPattern(date: Date, pattern: string): string {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  const d = date.getDate();
  return pattern.replace(/YYYY|MM|M|DD|D/g, (token) => {
    switch (token) {
      case 'YYYY':
        return String(y);
      case 'MM':
        return pad(m);
      case 'M':
        return String(m);
      case 'DD':
        return pad(d);
      default:
        return String(d);
    }
  });
}

/** Parses a date string written with a date preference pattern; undefined when it does not match a real date. */
export function parseDateWithPattern(text: string, pattern: string): Date | undefined {
  const order: string[] = [];
  const regex = new RegExp(
    '^' +
      pattern.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => (/[/.-]/.test(c) ? `\\${c}` : c)).replace(/YYYY|MM|M|DD|D/g, (token) => {
        order.push(token[0] ?? '');
        return token === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
      }) +
      '$',
  );
  const match = regex.exec(text.trim());
  if (!match) return undefined;
  const parts: Record<string, number> = {};
  order.forEach((key, i) => {
    parts[key] = Number(match[i + 1]);
  });
  const y = parts.Y ?? NaN;
  const m = parts.M ?? NaN;
  const d = parts.D ?? NaN;
  const date = new Date(y, m - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return undefined;
  return date;
}

/** Wall-clock date and time of an instant in an IANA time zone, as a local-time Date carrying those parts. */
function wallClockIn(value: Date, timeZone: string): Date {
  const parts: Record<string, number> = {};
  const formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  for (const p of formatter.formatToParts(value)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return new Date(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, (parts.hour ?? 0) % 24, parts.minute ?? 0, parts.second ?? 0);
}

export function createFormatModule(env: ExecutionEnv): Record<string, unknown> {
  const pattern = (): string => env.account.settings.dateFormat;
  return {
    Type: FORMAT_TYPES,
    Timezone: { AMERICA_NEW_YORK: 'America/New_York', AMERICA_LOS_ANGELES: 'America/Los_Angeles', EUROPE_LONDON: 'Europe/London', ETC_GMT: 'Etc/GMT' },
    format(options: { value: unknown; type: string; timezone?: string }): unknown {
      const { value, type } = options;
      if (value instanceof Date && type === 'date') return formatDateWithPattern(value, pattern());
      if (value instanceof Date && (type === 'datetime' || type === 'datetimetz')) {
        // Oracle help format.format(options): a datetime is returned in the user's time zone, or in
        // options.timezone when given; here the account's time zone setting stands for the user's preference.
        if (Number.isNaN(value.getTime())) return value;
        const wall = wallClockIn(value, options.timezone ?? env.account.settings.timezone);
        const h = wall.getHours();
        return `${formatDateWithPattern(wall, pattern())} ${h % 12 === 0 ? 12 : h % 12}:${pad(wall.getMinutes())}:${pad(wall.getSeconds())} ${h < 12 ? 'am' : 'pm'}`;
      }
      if (typeof value === 'number' && (type === 'float' || type === 'currency')) return value.toFixed(2);
      if (typeof value === 'number' && type === 'integer') return String(Math.trunc(value));
      if (typeof value === 'boolean' && type === 'checkbox') return value ? 'T' : 'F';
      return value;
    },
    parse(options: { value: unknown; type: string }): unknown {
      const { value, type } = options;
      if (typeof value !== 'string') return value;
      if (type === 'date' || type === 'datetime' || type === 'datetimetz') {
        const [datePart = ''] = value.trim().split(/\s+/);
        return parseDateWithPattern(datePart, pattern()) ?? value;
      }
      if (type === 'integer' || type === 'float' || type === 'currency' || type === 'percent') {
        const n = Number(value.replace(/%$/, ''));
        if (!Number.isFinite(n) || value.trim() === '') return value;
        return type === 'integer' ? Math.trunc(n) : n;
      }
      if (type === 'checkbox') return value === 'T' || value === 'true';
      return value;
    },
  };
}
