// A small, safe subset of NetSuite's SQL formulas (formulatext / formulanumeric / formuladate / formulacurrency
// / formulapercent columns and filters). Anything outside it is refused with an error naming the formula,
// never evaluated approximately.
//
// Supported: field references {field} and {join.field} ({selectfield} gives the display text as in
// NetSuite, {selectfield.id} the internal id), 'string' literals, numbers, NULL, parentheses, unary minus,
// + - * / (date +/- days, date - date), || concatenation, and the functions NVL, NVL2, COALESCE, UPPER,
// LOWER, TRIM, LTRIM, RTRIM, LENGTH, SUBSTR, CONCAT, ABS, ROUND, FLOOR, CEIL, TO_NUMBER, and TRUNC (of a number;
// of a date with no format or 'DD' (the day), 'IW' (the Monday of its ISO week), 'MM' (the 1st of its month):
// Oracle SQL TRUNC(date, fmt), which NetSuite formulas accept (help "SQL Expressions") [U: the format list]).
// Oracle semantics: '' is NULL, arithmetic with NULL gives NULL, || treats NULL as ''.
import { nsError } from '../modules/error';
import type { Row } from './schema';

export type FormulaValue = string | number | { day: number } | null;

export type FormulaGetter = (row: Row) => FormulaValue;

type Node =
  | { t: 'lit'; v: FormulaValue }
  | { t: 'ref'; get: FormulaGetter }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; l: Node; r: Node }
  | { t: 'call'; fn: string; args: Node[] };

interface Token {
  t: 'num' | 'str' | 'ref' | 'id' | 'op';
  v: string;
}

const FUNCTIONS: Record<string, [number, number]> = {
  NVL: [2, 2],
  NVL2: [3, 3],
  COALESCE: [1, 99],
  UPPER: [1, 1],
  LOWER: [1, 1],
  TRIM: [1, 1],
  LTRIM: [1, 1],
  RTRIM: [1, 1],
  LENGTH: [1, 1],
  SUBSTR: [2, 3],
  CONCAT: [2, 2],
  ABS: [1, 1],
  ROUND: [1, 2],
  FLOOR: [1, 1],
  CEIL: [1, 1],
  TO_NUMBER: [1, 1],
  TRUNC: [1, 2],
};

type Fail = (why: string) => Error;

function tokenize(formula: string, fail: Fail): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < formula.length) {
    const c = formula.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '{') {
      const end = formula.indexOf('}', i);
      if (end < 0) throw fail('unclosed {');
      tokens.push({ t: 'ref', v: formula.slice(i + 1, end).trim() });
      i = end + 1;
    } else if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= formula.length) throw fail('unclosed string literal');
        if (formula.charAt(j) === "'") {
          if (formula.charAt(j + 1) === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += formula.charAt(j);
        j += 1;
      }
      tokens.push({ t: 'str', v: text });
      i = j + 1;
    } else if (/[0-9.]/.test(c)) {
      const m = /^\d*\.?\d+/.exec(formula.slice(i));
      if (!m) throw fail(`unexpected "${c}"`);
      tokens.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(formula.slice(i));
      const word = m?.[0] ?? c;
      tokens.push({ t: 'id', v: word.toUpperCase() });
      i += word.length;
    } else if (formula.startsWith('||', i)) {
      tokens.push({ t: 'op', v: '||' });
      i += 2;
    } else if ('+-*/(),'.includes(c)) {
      tokens.push({ t: 'op', v: c });
      i += 1;
    } else {
      throw fail(`the character "${c}" is not supported`);
    }
  }
  return tokens;
}

/**
 * Compiles a formula; `resolve` turns the text inside {...} into a getter (it throws for unknown fields).
 * Unsupported syntax throws `errorCode` (SSS_INVALID_SRCH_COLUMN for columns, SSS_INVALID_SRCH_FILTER for filters).
 */
export function compileFormula(
  formula: string,
  resolve: (ref: string) => FormulaGetter,
  formatDay: (day: number) => string,
  errorCode = 'SSS_INVALID_SRCH_COLUMN',
): FormulaGetter {
  if (typeof formula !== 'string' || formula.trim() === '') throw nsError(errorCode, 'A formula column or filter needs a formula');
  const fail: Fail = (why) => nsError(errorCode, `The local runtime cannot evaluate the formula "${formula}": ${why}`);
  const tokens = tokenize(formula, fail);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (v: string): boolean => peek()?.t === 'op' && peek()?.v === v;
  const expect = (v: string): void => {
    if (!isOp(v)) throw fail(`expected "${v}"`);
    pos += 1;
  };

  const primary = (): Node => {
    const tok = peek();
    if (!tok) throw fail('unexpected end');
    pos += 1;
    if (tok.t === 'num') return { t: 'lit', v: Number(tok.v) };
    if (tok.t === 'str') return { t: 'lit', v: tok.v === '' ? null : tok.v };
    if (tok.t === 'ref') return { t: 'ref', get: resolve(tok.v) };
    if (tok.t === 'op' && tok.v === '(') {
      const e = concat();
      expect(')');
      return e;
    }
    if (tok.t === 'op' && tok.v === '-') return { t: 'neg', e: primary() };
    if (tok.t === 'id') {
      if (tok.v === 'NULL') return { t: 'lit', v: null };
      const arity = FUNCTIONS[tok.v];
      if (!arity) throw fail(`${tok.v} is not supported (supported: ${Object.keys(FUNCTIONS).join(', ')})`);
      expect('(');
      const args: Node[] = [];
      if (!isOp(')')) {
        args.push(concat());
        while (isOp(',')) {
          pos += 1;
          args.push(concat());
        }
      }
      expect(')');
      if (args.length < arity[0] || args.length > arity[1]) throw fail(`${tok.v} takes ${arity[0]}-${arity[1]} arguments`);
      return { t: 'call', fn: tok.v, args };
    }
    throw fail(`unexpected "${tok.v}"`);
  };
  const term = (): Node => {
    let left = primary();
    while (isOp('*') || isOp('/')) {
      const op = tokens[pos++]?.v ?? '*';
      left = { t: 'bin', op, l: left, r: primary() };
    }
    return left;
  };
  const additive = (): Node => {
    let left = term();
    while (isOp('+') || isOp('-')) {
      const op = tokens[pos++]?.v ?? '+';
      left = { t: 'bin', op, l: left, r: term() };
    }
    return left;
  };
  const concat = (): Node => {
    let left = additive();
    while (isOp('||')) {
      pos += 1;
      left = { t: 'bin', op: '||', l: left, r: additive() };
    }
    return left;
  };

  const root = concat();
  if (pos !== tokens.length) throw fail(`unexpected "${tokens[pos]?.v ?? ''}"`);
  return (row) => evaluate(root, row, formatDay);
}

// ---- evaluation -------------------------------------------------------------------------------------------

const isDay = (v: FormulaValue): v is { day: number } => typeof v === 'object' && v !== null;

function asNumber(v: FormulaValue): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (isDay(v)) return null;
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : null;
}

/** Text of a formula value; dates print in the user's date format. */
export function asText(v: FormulaValue, formatDay: (day: number) => string): string | null {
  if (v === null) return null;
  if (typeof v === 'number') return String(Math.round(v * 1e9) / 1e9);
  if (isDay(v)) return formatDay(v.day);
  return v === '' ? null : v;
}

function arithmetic(op: string, l: FormulaValue, r: FormulaValue): FormulaValue {
  if (l === null || r === null) return null;
  if (isDay(l) && isDay(r)) return op === '-' ? l.day - r.day : null;
  if (isDay(l)) {
    const n = asNumber(r);
    if (n === null) return null;
    if (op === '+') return { day: l.day + Math.floor(n) };
    if (op === '-') return { day: l.day - Math.floor(n) };
    return null;
  }
  const a = asNumber(l);
  const b = asNumber(r);
  if (a === null || b === null) return null;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      return b === 0 ? null : a / b;
  }
}

function call(fn: string, args: FormulaValue[], formatDay: (day: number) => string): FormulaValue {
  const [a = null, b = null, c = null] = args;
  const text = (v: FormulaValue): string | null => asText(v, formatDay);
  switch (fn) {
    case 'NVL':
      return a ?? b;
    case 'NVL2':
      return a !== null ? b : c;
    case 'COALESCE':
      return args.find((v) => v !== null) ?? null;
    case 'UPPER':
      return text(a)?.toUpperCase() ?? null;
    case 'LOWER':
      return text(a)?.toLowerCase() ?? null;
    case 'TRIM':
      return text(a)?.trim() || null;
    case 'LTRIM':
      return text(a)?.trimStart() || null;
    case 'RTRIM':
      return text(a)?.trimEnd() || null;
    case 'LENGTH':
      return text(a)?.length ?? null;
    case 'SUBSTR': {
      const s = text(a);
      const start = asNumber(b);
      if (s === null || start === null) return null;
      const from = start > 0 ? start - 1 : start < 0 ? Math.max(0, s.length + start) : 0;
      const len = c === null ? undefined : asNumber(c);
      if (len === null) return null;
      return s.substr(from, len) || null;
    }
    case 'CONCAT':
      return (text(a) ?? '') + (text(b) ?? '') || null;
    case 'ABS': {
      const n = asNumber(a);
      return n === null ? null : Math.abs(n);
    }
    case 'ROUND': {
      const n = asNumber(a);
      const places = b === null ? 0 : asNumber(b);
      if (n === null || places === null) return null;
      const f = 10 ** places;
      return Math.round(n * f) / f;
    }
    case 'FLOOR': {
      const n = asNumber(a);
      return n === null ? null : Math.floor(n);
    }
    case 'CEIL': {
      const n = asNumber(a);
      return n === null ? null : Math.ceil(n);
    }
    case 'TO_NUMBER':
      return asNumber(a);
    case 'TRUNC': {
      if (a === null) return null;
      if (isDay(a)) {
        const fmt = b === null ? 'DD' : (text(b) ?? '').toUpperCase();
        if (fmt === 'DD' || fmt === 'DDD' || fmt === 'J') return a;
        // Epoch day 0 (1970-01-01) was a Thursday: (day + 3) mod 7 is 0 on Mondays.
        if (fmt === 'IW') return { day: a.day - ((((a.day + 3) % 7) + 7) % 7) };
        if (fmt === 'MM' || fmt === 'MONTH' || fmt === 'MON') {
          const d = new Date(a.day * 86_400_000);
          return { day: Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000) };
        }
        return null;
      }
      const n = asNumber(a);
      const places = b === null ? 0 : asNumber(b);
      if (n === null || places === null) return null;
      const f = 10 ** places;
      return Math.trunc(n * f) / f;
    }
    default:
      return null;
  }
}

function evaluate(node: Node, row: Row, formatDay: (day: number) => string): FormulaValue {
  switch (node.t) {
    case 'lit':
      return node.v;
    case 'ref':
      return node.get(row);
    case 'neg': {
      const n = asNumber(evaluate(node.e, row, formatDay));
      return n === null ? null : -n;
    }
    case 'bin': {
      const l = evaluate(node.l, row, formatDay);
      const r = evaluate(node.r, row, formatDay);
      if (node.op === '||') return (asText(l, formatDay) ?? '') + (asText(r, formatDay) ?? '') || null;
      return arithmetic(node.op, l, r);
    }
    case 'call':
      return call(
        node.fn,
        node.args.map((a) => evaluate(a, row, formatDay)),
        formatDay,
      );
  }
}

export { asNumber as formulaNumber };
