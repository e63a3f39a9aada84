// What the validator needs to know about a compiled SuiteScript file: its header (first comment), whether it
// is an AMD module, and the string literals and identifiers in its code. Literals come from TypeScript's
// parser (comments, regular expressions and template literals handled properly), not from a regex over the text.
import * as ts from 'typescript';
import { findCustomIds } from './rules';

export interface ScriptHeader {
  /** The text of the first comment, or undefined when the file does not start with a block comment. */
  comment: string | undefined;
  /** Why there is no usable first comment (line comment, unterminated, code first). */
  problem?: string;
  /** `@NApiVersion` -> '2.1', `@NScriptType` -> 'ScheduledScript', ... */
  tags: Record<string, string>;
  /** Whether the code after the header (and any further comments) starts with `define(`. */
  isAmd: boolean;
}

export interface BundleScan {
  header: ScriptHeader;
  /** Values of every string literal, no-substitution template and template chunk. */
  literals: Set<string>;
  /** Every identifier (variables, property names such as INVENTORY_ADJUSTMENT). */
  identifiers: Set<string>;
  /** Custom ids found inside literals (custbody_x, custscript_y, ...), whole ids only. */
  customIds: Set<string>;
}

/** Skips whitespace and comments from `index`; returns the index of the first code character. */
function skipTrivia(text: string, index: number): number {
  let i = index;
  for (;;) {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      return i;
    }
  }
}

export function readHeader(source: string): ScriptHeader {
  const text = source.replace(/^\uFEFF/, '');
  const start = text.search(/\S|$/);
  const amdAt = (from: number): boolean => /^define\s*\(/.test(text.slice(skipTrivia(text, from)));
  if (text.startsWith('//', start)) {
    return { comment: undefined, problem: 'its first comment is a // line comment, not the /** ... */ SuiteScript header', tags: {}, isAmd: amdAt(start) };
  }
  if (!text.startsWith('/*', start)) {
    return { comment: undefined, problem: 'it does not start with a /** ... */ SuiteScript header comment', tags: {}, isAmd: amdAt(start) };
  }
  const end = text.indexOf('*/', start + 2);
  if (end < 0) return { comment: undefined, problem: 'its first comment is never closed', tags: {}, isAmd: false };
  const comment = text.slice(start, end + 2);
  const tags: Record<string, string> = {};
  for (const match of comment.matchAll(/@(N[A-Za-z]+)[ \t]+([^\s*]+)/g)) {
    if (match[1] && match[2] && !(match[1] in tags)) tags[match[1]] = match[2];
  }
  return { comment, tags, isAmd: amdAt(end + 2) };
}

export function scanBundle(source: string): BundleScan {
  const file = ts.createSourceFile('bundle.js', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const literals = new Set<string>();
  const identifiers = new Set<string>();
  const pending: ts.Node[] = [file];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) literals.add(node.text);
    else if (ts.isIdentifier(node)) identifiers.add(node.text);
    ts.forEachChild(node, (childNode) => {
      pending.push(childNode);
    });
  }
  const customIds = new Set([...literals].flatMap(findCustomIds));
  return { header: readHeader(source), literals, identifiers, customIds };
}
