// Search filters: the Operator set, filter expressions (['a','is','x'], 'AND', ['NOT', [...]], 'OR', [...])
// and Filter objects parsed into one tree, and what each operator means for each field type.
//
// Operator by field type (Oracle's "SuiteScript 2.x Search Operators" table):
//   List/Record (select)      anyof, noneof  (+ isempty/isnotempty; 'is' with one id is accepted [U])
//   Multi Select              anyof, noneof, allof, notallof (+ isempty/isnotempty)
//   Check box                 is ('T' / 'F')
//   Currency, Decimal, Integer any, between, equalto, greaterthan(orequalto), lessthan(orequalto), notbetween,
//                             notequalto, notgreaterthan(orequalto), notlessthan(orequalto), isempty, isnotempty
//   Date, Date/Time           after, before, on, onorafter, onorbefore, within and their not* forms, isempty, isnotempty
//   Text                      any, is, isnot, contains, doesnotcontain, startswith, doesnotstartwith, haskeywords,
//                             isempty, isnotempty (text comparisons are case-insensitive)
// Any other operator/type pairing throws SSS_INVALID_SRCH_OPERATOR naming the field.
// [U] empty values: the negative text/list operators (isnot, doesnotcontain, doesnotstartwith, noneof,
// notallof) match records where the field is empty; numeric and date comparisons (their not* forms
// included) never match an empty value.
import type { FieldValue } from '../account/types';
import { nsError } from '../modules/error';
import {
  filterDateInstants,
  NUMERIC_KINDS,
  parseFilterDate,
  storedDateTimeToEpoch,
  storedDateToDay,
  toBoolean,
  toIdList,
  toNumber,
  type DateSettings,
  type FieldKind,
  type FilterDate,
} from './values';

export const OPERATORS = {
  AFTER: 'after',
  ALLOF: 'allof',
  ANY: 'any',
  ANYOF: 'anyof',
  BEFORE: 'before',
  BETWEEN: 'between',
  CONTAINS: 'contains',
  DOESNOTCONTAIN: 'doesnotcontain',
  DOESNOTSTARTWITH: 'doesnotstartwith',
  EQUALTO: 'equalto',
  GREATERTHAN: 'greaterthan',
  GREATERTHANOREQUALTO: 'greaterthanorequalto',
  HASKEYWORDS: 'haskeywords',
  IS: 'is',
  ISEMPTY: 'isempty',
  ISNOT: 'isnot',
  ISNOTEMPTY: 'isnotempty',
  LESSTHAN: 'lessthan',
  LESSTHANOREQUALTO: 'lessthanorequalto',
  NONEOF: 'noneof',
  NOTAFTER: 'notafter',
  NOTALLOF: 'notallof',
  NOTBEFORE: 'notbefore',
  NOTBETWEEN: 'notbetween',
  NOTEQUALTO: 'notequalto',
  NOTGREATERTHAN: 'notgreaterthan',
  NOTGREATERTHANOREQUALTO: 'notgreaterthanorequalto',
  NOTLESSTHAN: 'notlessthan',
  NOTLESSTHANOREQUALTO: 'notlessthanorequalto',
  NOTON: 'noton',
  NOTONORAFTER: 'notonorafter',
  NOTONORBEFORE: 'notonorbefore',
  NOTWITHIN: 'notwithin',
  ON: 'on',
  ONORAFTER: 'onorafter',
  ONORBEFORE: 'onorbefore',
  STARTSWITH: 'startswith',
  WITHIN: 'within',
} as const;

export const SUMMARY_TYPES = { GROUP: 'GROUP', COUNT: 'COUNT', SUM: 'SUM', AVG: 'AVG', MIN: 'MIN', MAX: 'MAX' } as const;
export type SummaryType = (typeof SUMMARY_TYPES)[keyof typeof SUMMARY_TYPES];

const OPERATOR_SET = new Set<string>(Object.values(OPERATORS));

const TEXT_OPS = ['any', 'is', 'isnot', 'contains', 'doesnotcontain', 'startswith', 'doesnotstartwith', 'haskeywords', 'isempty', 'isnotempty'];
const SELECT_OPS = ['anyof', 'noneof', 'is', 'isempty', 'isnotempty'];
const NUMBER_OPS = [
  'any',
  'between',
  'notbetween',
  'equalto',
  'notequalto',
  'greaterthan',
  'greaterthanorequalto',
  'lessthan',
  'lessthanorequalto',
  'notgreaterthan',
  'notgreaterthanorequalto',
  'notlessthan',
  'notlessthanorequalto',
  'isempty',
  'isnotempty',
];
const DATE_OPS = ['after', 'before', 'on', 'onorafter', 'onorbefore', 'within', 'notafter', 'notbefore', 'noton', 'notonorafter', 'notonorbefore', 'notwithin', 'isempty', 'isnotempty'];

export const OPERATORS_BY_KIND: Readonly<Record<FieldKind, ReadonlySet<string>>> = {
  text: new Set(TEXT_OPS),
  select: new Set(SELECT_OPS),
  multiselect: new Set(['anyof', 'noneof', 'allof', 'notallof', 'isempty', 'isnotempty']),
  checkbox: new Set(['is']),
  integer: new Set(NUMBER_OPS),
  float: new Set(NUMBER_OPS),
  currency: new Set(NUMBER_OPS),
  date: new Set(DATE_OPS),
  datetime: new Set(DATE_OPS),
  textorselect: new Set([...TEXT_OPS, ...SELECT_OPS]),
};

/** A filter value as scripts pass it. */
export type FilterValue = string | number | boolean | Date | null;

export interface FilterTerm {
  /** Lower-case field id, or formulatext / formulanumeric / ... */
  name: string;
  join?: string;
  operator: string;
  values: FilterValue[];
  formula?: string;
  summary?: SummaryType;
}

export type FilterNode = { op: 'and' | 'or'; items: FilterNode[] } | { op: 'not'; item: FilterNode } | { op: 'term'; term: FilterTerm };

// ---- building terms ---------------------------------------------------------------------------------------

export function normalizeOperator(operator: unknown, field: string): string {
  const op = typeof operator === 'string' ? operator.toLowerCase() : '';
  if (!OPERATOR_SET.has(op)) {
    throw nsError('SSS_INVALID_SRCH_OPERATOR', `An nlobjSearchFilter contains an invalid operator, or is not in proper syntax: ${String(operator)} (field ${field})`);
  }
  return op;
}

export function normalizeSummary(summary: unknown, code: string): SummaryType | undefined {
  if (summary === undefined || summary === null || summary === '') return undefined;
  const s = typeof summary === 'string' ? summary.toUpperCase() : '';
  if (!Object.hasOwn(SUMMARY_TYPES, s)) throw nsError(code, `Invalid summary type: ${JSON.stringify(summary)} (expected one of ${Object.keys(SUMMARY_TYPES).join(', ')})`);
  return s as SummaryType;
}

function flattenValues(values: unknown[]): FilterValue[] {
  const out: FilterValue[] = [];
  for (const v of values) {
    if (Array.isArray(v)) out.push(...flattenValues(v));
    else if (v === undefined) continue;
    else if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) out.push(v);
    else throw nsError('SSS_INVALID_SRCH_FILTER', `Invalid search filter value: ${JSON.stringify(v)}`);
  }
  return out;
}

const FORMULA_NAME = /^(formula(?:text|numeric|date|datetime|currency|percent))\s*:\s*([\s\S]*)$/i;
const SUMMARY_NAME = /^(group|count|sum|avg|min|max)\((.+)\)$/i;

/** A term from an expression array: ['join.field', 'operator', value...] or ['formulatext: {x}', ...]. */
function termFromArray(arr: unknown[]): FilterTerm {
  const [spec, operator, ...rest] = arr;
  if (typeof spec !== 'string' || spec.trim() === '') throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', `Malformed search filter expression: ${JSON.stringify(arr)}`);
  const term: FilterTerm = { name: '', operator: '', values: flattenValues(rest) };
  let name = spec.trim();
  const formula = FORMULA_NAME.exec(name);
  if (formula) {
    term.name = (formula[1] ?? '').toLowerCase();
    term.formula = formula[2] ?? '';
  } else {
    const summary = SUMMARY_NAME.exec(name);
    if (summary) {
      term.summary = normalizeSummary(summary[1], 'SSS_INVALID_SRCH_FILTER_EXPR');
      name = summary[2] ?? '';
    }
    const dot = name.indexOf('.');
    if (dot > 0) {
      term.join = name.slice(0, dot).toLowerCase();
      term.name = name.slice(dot + 1).toLowerCase();
    } else {
      term.name = name.toLowerCase();
    }
  }
  term.operator = normalizeOperator(operator, spec);
  return term;
}

/** A term from a Filter object or {name, join, operator, values, formula, summary}. */
export function termFromObject(obj: Record<string, unknown>): FilterTerm {
  const { name, join, operator, values, formula, summary } = obj;
  if (typeof name !== 'string' || name === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'search.createFilter: missing a required argument: name');
  if (operator === undefined || operator === null || operator === '') throw nsError('SSS_MISSING_REQD_ARGUMENT', 'search.createFilter: missing a required argument: operator');
  const term: FilterTerm = {
    name: name.toLowerCase(),
    operator: normalizeOperator(operator, name),
    values: flattenValues(values === undefined ? [] : [values]),
  };
  if (typeof join === 'string' && join !== '') term.join = join.toLowerCase();
  if (typeof formula === 'string' && formula !== '') term.formula = formula;
  const s = normalizeSummary(summary, 'INVALID_SRCH_SUMMARY_TYP');
  if (s) term.summary = s;
  return term;
}

const isFilterObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && 'name' in v && 'operator' in v;

const conjunction = (v: unknown): 'and' | 'or' | undefined => {
  if (typeof v !== 'string') return undefined;
  const l = v.toLowerCase();
  return l === 'and' || l === 'or' ? l : undefined;
};

const isTermArray = (v: unknown[]): boolean => typeof v[0] === 'string' && !['and', 'or', 'not'].includes(v[0].toLowerCase());

function parseSequence(items: unknown[], whole: unknown): FilterNode {
  // Operands separated by AND / OR; AND binds tighter than OR.
  const orGroups: FilterNode[][] = [[]];
  let expectOperand = true;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    if (expectOperand) {
      let negate = false;
      let operand = item;
      while (typeof operand === 'string' && operand.toLowerCase() === 'not') {
        negate = !negate;
        i += 1;
        operand = items[i];
      }
      if (!Array.isArray(operand)) {
        throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', `Malformed search filter expression: expected a filter or a nested expression, found ${JSON.stringify(operand)} in ${JSON.stringify(whole)}`);
      }
      let node = parseExpressionArray(operand);
      if (negate) node = { op: 'not', item: node };
      orGroups[orGroups.length - 1]?.push(node);
      expectOperand = false;
    } else {
      const conj = conjunction(item);
      if (!conj) {
        throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', `Malformed search filter expression: expected 'AND' or 'OR', found ${JSON.stringify(item)} in ${JSON.stringify(whole)}`);
      }
      if (conj === 'or') orGroups.push([]);
      expectOperand = true;
    }
  }
  if (expectOperand) throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', `Malformed search filter expression: it ends with a conjunction: ${JSON.stringify(whole)}`);
  const ands = orGroups.map((g): FilterNode => (g.length === 1 && g[0] ? g[0] : { op: 'and', items: g }));
  return ands.length === 1 && ands[0] ? ands[0] : { op: 'or', items: ands };
}

function parseExpressionArray(arr: unknown[]): FilterNode {
  if (arr.length === 0) throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', 'Malformed search filter expression: empty nested expression');
  if (isTermArray(arr)) return { op: 'term', term: termFromArray(arr) };
  return parseSequence(arr, arr);
}

/**
 * Parses what search.create / Search.filters / Search.filterExpression accept: a Filter, an array of
 * Filters (joined with AND), or a filter expression. Returns null for no filters.
 */
export function parseFilters(input: unknown): FilterNode | null {
  if (input === undefined || input === null) return null;
  if (isFilterObject(input)) return { op: 'term', term: termFromObject(input) };
  if (!Array.isArray(input)) throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', `The filters are not a valid search filter, filter array, or filter expression: ${JSON.stringify(input)}`);
  if (input.length === 0) return null;
  if (input.every(isFilterObject)) {
    const terms = input.map((f): FilterNode => ({ op: 'term', term: termFromObject(f) }));
    return terms.length === 1 && terms[0] ? terms[0] : { op: 'and', items: terms };
  }
  if (input.some(isFilterObject)) {
    throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', 'Filter objects and filter expressions cannot be mixed in one filters array');
  }
  return parseExpressionArray(input);
}

/** The terms of a tree that is only ANDs of terms (what Search.filters can list); undefined otherwise. */
export function andTerms(node: FilterNode | null): FilterTerm[] | undefined {
  if (!node) return [];
  if (node.op === 'term') return [node.term];
  if (node.op !== 'and') return undefined;
  const out: FilterTerm[] = [];
  for (const item of node.items) {
    const terms = andTerms(item);
    if (!terms) return undefined;
    out.push(...terms);
  }
  return out;
}

export function allTerms(node: FilterNode | null): FilterTerm[] {
  if (!node) return [];
  if (node.op === 'term') return [node.term];
  if (node.op === 'not') return allTerms(node.item);
  return node.items.flatMap(allTerms);
}

const MULTI_VALUE_OPS = new Set(['anyof', 'noneof', 'allof', 'notallof']);

export function termToArray(term: FilterTerm): unknown[] {
  let spec = term.formula !== undefined ? `${term.name}: ${term.formula}` : term.join ? `${term.join}.${term.name}` : term.name;
  if (term.summary) spec = `${term.summary.toLowerCase()}(${spec})`;
  return MULTI_VALUE_OPS.has(term.operator) ? [spec, term.operator, [...term.values]] : [spec, term.operator, ...term.values];
}

/** The filter expression form of a tree (Search.filterExpression). */
export function toExpression(node: FilterNode | null): unknown[] {
  if (!node) return [];
  if (node.op === 'term') return [termToArray(node.term)];
  const operand = (n: FilterNode): unknown[] => (n.op === 'term' ? [termToArray(n.term)] : n.op === 'not' ? ['NOT', ...operand(n.item)] : [toExpression(n)]);
  if (node.op === 'not') return ['NOT', ...operand(node.item)];
  const out: unknown[] = [];
  node.items.forEach((item, i) => {
    if (i > 0) out.push(node.op);
    out.push(...operand(item));
  });
  return out;
}

// ---- saved definitions ---------------------------------------------------------------------------------------

/** Saved search definitions are JSON; Date values survive as {"$date": iso}. */
export function encodeValue(v: FilterValue): unknown {
  return v instanceof Date ? { $date: v.toISOString() } : v;
}

export function decodeValue(v: unknown): FilterValue {
  if (typeof v === 'object' && v !== null && '$date' in v) return new Date(String((v).$date));
  return v as FilterValue;
}

export function encodeNode(node: FilterNode | null): unknown {
  if (!node) return null;
  if (node.op === 'term') return { op: 'term', term: { ...node.term, values: node.term.values.map(encodeValue) } };
  if (node.op === 'not') return { op: 'not', item: encodeNode(node.item) };
  return { op: node.op, items: node.items.map(encodeNode) };
}

export function decodeNode(raw: unknown): FilterNode | null {
  if (raw === null || raw === undefined) return null;
  const n = raw as { op: string; term?: FilterTerm & { values: unknown[] }; item?: unknown; items?: unknown[] };
  if (n.op === 'term' && n.term) return { op: 'term', term: { ...n.term, values: n.term.values.map(decodeValue) } };
  if (n.op === 'not') return { op: 'not', item: decodeNode(n.item) ?? { op: 'and', items: [] } };
  return { op: n.op === 'or' ? 'or' : 'and', items: (n.items ?? []).map((i) => decodeNode(i)).filter((i): i is FilterNode => i !== null) };
}

// ---- operator semantics -------------------------------------------------------------------------------------

export type Predicate = (raw: FieldValue) => boolean;

export interface PredicateOptions extends DateSettings {
  /** Field label for messages ('item.itemid'). */
  field: string;
  kind: FieldKind;
  operator: string;
  values: FilterValue[];
  checkValue?: (value: string) => string | undefined;
}

function needValues(o: PredicateOptions, min: number): void {
  if (o.values.filter((v) => v !== null && v !== '').length < min) {
    throw nsError('SSS_INVALID_SRCH_FILTER', `The filter ${o.field} ${o.operator} needs ${min === 1 ? 'a value' : `${min} values`}`);
  }
}

const lower = (v: FieldValue | FilterValue | undefined): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).toLowerCase());

function textPredicate(o: PredicateOptions): Predicate {
  if (o.operator === 'any') return () => true;
  if (o.operator === 'isempty') return (raw) => lower(raw) === '';
  if (o.operator === 'isnotempty') return (raw) => lower(raw) !== '';
  const target = lower(o.values[0] ?? '');
  if (o.operator !== 'is' && o.operator !== 'isnot') needValues(o, 1);
  switch (o.operator) {
    case 'is':
      return (raw) => lower(raw) === target;
    case 'isnot':
      return (raw) => lower(raw) !== target;
    case 'contains':
      return (raw) => lower(raw).includes(target);
    case 'doesnotcontain':
      return (raw) => !lower(raw).includes(target);
    case 'startswith':
      return (raw) => lower(raw).startsWith(target);
    case 'doesnotstartwith':
      return (raw) => !lower(raw).startsWith(target);
    default: {
      // haskeywords: every word appears.
      const words = target.split(/\s+/).filter((w) => w !== '');
      return (raw) => {
        const text = lower(raw);
        return words.every((w) => text.includes(w));
      };
    }
  }
}

function selectValues(o: PredicateOptions): { ids: Set<string>; none: boolean } {
  const ids = new Set<string>();
  let none = false;
  for (const v of o.values) {
    if (v === null || v === '') continue;
    if (v instanceof Date || typeof v === 'boolean') throw nsError('SSS_INVALID_SRCH_FILTER', `Invalid value ${String(v)} for the list field ${o.field}`);
    const id = String(v);
    if (id.toUpperCase() === '@NONE@') {
      none = true;
      continue;
    }
    const problem = o.checkValue?.(id);
    if (problem) throw nsError('SSS_INVALID_SRCH_FILTER', `An nlobjSearchFilter contains invalid search criteria: ${o.field} (${problem})`);
    ids.add(id);
  }
  if (ids.size === 0 && !none) throw nsError('SSS_INVALID_SRCH_FILTER', `The filter ${o.field} ${o.operator} needs at least one value`);
  return { ids, none };
}

function selectPredicate(o: PredicateOptions): Predicate {
  if (o.operator === 'isempty') return (raw) => toIdList(raw).length === 0;
  if (o.operator === 'isnotempty') return (raw) => toIdList(raw).length > 0;
  const { ids, none } = selectValues(o);
  const anyOf = (raw: FieldValue): boolean => {
    const list = toIdList(raw);
    if (list.length === 0) return none;
    return list.some((id) => ids.has(id));
  };
  switch (o.operator) {
    case 'anyof':
      return anyOf;
    case 'is':
      if (ids.size + (none ? 1 : 0) !== 1) throw nsError('SSS_INVALID_SRCH_FILTER', `The filter ${o.field} is takes exactly one value (use anyof for several)`);
      return anyOf;
    case 'noneof':
      return (raw) => !anyOf(raw);
    case 'allof':
      return (raw) => {
        const list = new Set(toIdList(raw));
        return [...ids].every((id) => list.has(id)) && (!none || list.size === 0);
      };
    default: {
      // notallof
      return (raw) => {
        const list = new Set(toIdList(raw));
        return !([...ids].every((id) => list.has(id)) && (!none || list.size === 0));
      };
    }
  }
}

function checkboxPredicate(o: PredicateOptions): Predicate {
  const v = o.values[0];
  let wanted: boolean;
  if (v === true || (typeof v === 'string' && (v.toUpperCase() === 'T' || v.toLowerCase() === 'true'))) wanted = true;
  else if (v === false || (typeof v === 'string' && (v.toUpperCase() === 'F' || v.toLowerCase() === 'false'))) wanted = false;
  else throw nsError('SSS_INVALID_SRCH_FILTER', `The check box filter ${o.field} is takes 'T' or 'F', not ${JSON.stringify(v)}`);
  return (raw) => toBoolean(raw) === wanted;
}

function numberPredicate(o: PredicateOptions): Predicate {
  if (o.operator === 'any') return () => true;
  if (o.operator === 'isempty') return (raw) => toNumber(raw) === null;
  if (o.operator === 'isnotempty') return (raw) => toNumber(raw) !== null;
  const count = o.operator === 'between' || o.operator === 'notbetween' ? 2 : 1;
  needValues(o, count);
  const nums = o.values.slice(0, count).map((v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) throw nsError('SSS_INVALID_SRCH_FILTER', `Invalid number ${JSON.stringify(v)} for the filter ${o.field} ${o.operator}`);
    return n;
  });
  const a = nums[0] ?? 0;
  const b = nums[1] ?? 0;
  const test = (x: number): boolean => {
    switch (o.operator) {
      case 'equalto':
        return x === a;
      case 'notequalto':
        return x !== a;
      case 'greaterthan':
      case 'notlessthanorequalto':
        return x > a;
      case 'greaterthanorequalto':
      case 'notlessthan':
        return x >= a;
      case 'lessthan':
      case 'notgreaterthanorequalto':
        return x < a;
      case 'lessthanorequalto':
      case 'notgreaterthan':
        return x <= a;
      case 'between':
        return x >= Math.min(a, b) && x <= Math.max(a, b);
      default:
        return !(x >= Math.min(a, b) && x <= Math.max(a, b));
    }
  };
  return (raw) => {
    const x = toNumber(raw);
    return x !== null && test(x);
  };
}

function datePredicate(o: PredicateOptions): Predicate {
  const datetime = o.kind === 'datetime';
  const valueOf = (raw: FieldValue): number | null => (datetime ? storedDateTimeToEpoch(raw, o.timeZone) : storedDateToDay(raw));
  if (o.operator === 'isempty') return (raw) => valueOf(raw) === null;
  if (o.operator === 'isnotempty') return (raw) => valueOf(raw) !== null;
  needValues(o, 1);
  const range = (d: FilterDate): { lo: number; hi: number } => {
    if (!datetime) return { lo: d.lo, hi: d.hi };
    const r = filterDateInstants(d, o.timeZone);
    return { lo: r.from, hi: r.to };
  };
  const present = o.values.filter((v) => v !== null && v !== '');
  const first = range(parseFilterDate(present[0], o.field, o));
  const lo = first.lo;
  let hi = first.hi;
  if ((o.operator === 'within' || o.operator === 'notwithin') && present.length >= 2) {
    hi = range(parseFilterDate(present[1], o.field, o)).hi;
  }
  const test = (x: number): boolean => {
    switch (o.operator) {
      case 'on':
      case 'within':
        return x >= lo && x < hi;
      case 'noton':
      case 'notwithin':
        return !(x >= lo && x < hi);
      case 'before':
      case 'notonorafter':
        return x < lo;
      case 'notbefore':
      case 'onorafter':
        return x >= lo;
      case 'after':
      case 'notonorbefore':
        return x >= hi;
      default:
        // notafter, onorbefore
        return x < hi;
    }
  };
  return (raw) => {
    const x = valueOf(raw);
    return x !== null && test(x);
  };
}

/** The test one filter term applies to a field value; throws for an operator the field type does not take. */
export function buildPredicate(o: PredicateOptions): Predicate {
  if (!OPERATORS_BY_KIND[o.kind].has(o.operator)) {
    throw nsError(
      'SSS_INVALID_SRCH_OPERATOR',
      `An nlobjSearchFilter contains an invalid operator, or is not in proper syntax: ${o.operator} cannot be used with ${o.field} (a ${o.kind} field; it takes ${[...OPERATORS_BY_KIND[o.kind]].join(', ')})`,
    );
  }
  if (o.kind === 'checkbox') return checkboxPredicate(o);
  if (NUMERIC_KINDS.has(o.kind)) return numberPredicate(o);
  if (o.kind === 'date' || o.kind === 'datetime') return datePredicate(o);
  if (o.kind === 'select' || o.kind === 'multiselect') return selectPredicate(o);
  if (o.kind === 'textorselect') return SELECT_OPS.includes(o.operator) && o.operator !== 'is' ? selectPredicate(o) : textPredicate(o);
  return textPredicate(o);
}
