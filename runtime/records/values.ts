// Field value conversions between what scripts and CSV files hand in and what the account stores
// (runtime/account/types.ts): dates 'YYYY-MM-DD', datetimes ISO strings, numbers, booleans, select ids as strings.
import type { FieldValue } from '../account/types';
import { nsError } from '../modules/error';
import type { FieldDef } from './recordTypes';

/**
 * 'script': a value from SuiteScript (setValue): a date field takes a Date only, a checkbox a boolean only.
 * 'internal': a value already in stored form (CSV engine after parsing, transform, fixtures).
 */
export type ValueSource = 'script' | 'internal';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A Date's calendar day in the process time zone (the same convention N/format uses). */
export function ymdFromDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A stored 'YYYY-MM-DD' as a Date at local midnight, as getValue returns date fields. */
export function dateFromYmd(ymd: string): Date {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isYmd(value: string): boolean {
  const match = YMD.exec(value);
  if (!match) return false;
  const d = dateFromYmd(value);
  return ymdFromDate(d) === value;
}

/** Today's date in a time zone (NetSuite defaults trandate to today in the account's time zone). */
export function todayIn(timezone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function isEmptyValue(value: FieldValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The stored value of an empty field of this kind. */
export function emptyValue(field: FieldDef | undefined): FieldValue {
  if (!field) return null;
  if (field.kind === 'checkbox') return false;
  if (field.kind === 'text') return '';
  if (field.kind === 'multiselect') return [];
  return null;
}

/** A value as text for messages, whatever its type. */
export function describeValue(value: unknown): string {
  if (value instanceof Date) return value.toString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'function' || typeof value === 'symbol') return typeof value;
  return JSON.stringify(value) ?? 'null';
}

export function invalidFieldValue(fieldId: string, value: unknown): Error {
  const shown = describeValue(value);
  return nsError('INVALID_FLD_VALUE', `You have entered an Invalid Field Value ${shown} for the following field: ${fieldId}`);
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function toNumber(fieldId: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // Numeric strings are accepted: NetSuite coerces them (HotWax sets receipt quantities as strings [O]).
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return Number(value.trim());
  throw invalidFieldValue(fieldId, value);
}

function toSelectId(fieldId: string, value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw invalidFieldValue(fieldId, value);
}

/**
 * Converts a value to its stored form for a field, throwing INVALID_FLD_VALUE when NetSuite would refuse it.
 * Empty values (null, undefined, '') clear the field. An unknown field keeps any plain value as given.
 */
export function normalizeValue(field: FieldDef | undefined, fieldId: string, value: unknown, source: ValueSource): FieldValue {
  if (value === undefined || value === null || value === '') return emptyValue(field);
  if (!field) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map(String);
    throw invalidFieldValue(fieldId, value);
  }
  switch (field.kind) {
    case 'text':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (value instanceof Date) return value.toString();
      throw invalidFieldValue(fieldId, value);
    case 'integer': {
      const n = toNumber(fieldId, value);
      if (!Number.isInteger(n)) throw invalidFieldValue(fieldId, value);
      return n;
    }
    case 'float':
      return toNumber(fieldId, value);
    case 'date':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw invalidFieldValue(fieldId, value);
        return ymdFromDate(value);
      }
      // SuiteScript 2.x requires a Date object for date fields; a string is an invalid value.
      if (source === 'internal' && typeof value === 'string' && isYmd(value)) return value;
      throw invalidFieldValue(fieldId, value);
    case 'datetime':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw invalidFieldValue(fieldId, value);
        return value.toISOString();
      }
      if (source === 'internal' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw invalidFieldValue(fieldId, value);
    case 'checkbox':
      if (typeof value === 'boolean') return value;
      // Scripts must pass booleans (the string 'F' is truthy and a classic bug); stored data may say 'T'/'F'.
      if (source === 'internal' && (value === 'T' || value === 'F')) return value === 'T';
      throw invalidFieldValue(fieldId, value);
    case 'select':
      return toSelectId(fieldId, value);
    case 'multiselect': {
      const list = Array.isArray(value) ? (value as unknown[]) : [value];
      return list.map((v) => toSelectId(fieldId, v));
    }
  }
}

/** A stored value as getValue returns it: dates as Date objects, checkboxes as booleans, empty as ''. */
export function toScriptValue(field: FieldDef | undefined, stored: FieldValue | undefined): unknown {
  if (stored === undefined || stored === null) {
    if (field?.kind === 'checkbox') return false;
    if (field?.kind === 'multiselect') return [];
    if (field?.kind === 'date' || field?.kind === 'datetime') return null;
    return '';
  }
  if (!field) return Array.isArray(stored) ? [...stored] : stored;
  switch (field.kind) {
    case 'date':
      return typeof stored === 'string' && isYmd(stored) ? dateFromYmd(stored) : stored;
    case 'datetime':
      return typeof stored === 'string' ? new Date(stored) : stored;
    case 'checkbox':
      return stored === true || stored === 'T';
    case 'multiselect':
      return Array.isArray(stored) ? [...stored] : [String(stored)];
    default:
      return Array.isArray(stored) ? [...stored] : stored;
  }
}
