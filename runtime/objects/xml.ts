// XML access for SDF files: one fast-xml-parser configuration (TOOLCHAIN.md "Parsing": parseTagValue off so
// 'T'/'F', '007' and ids stay strings; repeated elements always arrays) and small typed accessors over the
// parsed tree, so the object readers never touch `unknown` directly.
import * as fs from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = { [key: string]: unknown };

/** Elements that may repeat; always parsed as arrays so one occurrence and many look alike. */
const REPEATED_ELEMENTS = new Set([
  'scriptdeployment',
  'scriptcustomfield',
  'customrecordcustomfield',
  'filemapping',
  'recordmapping',
  'fieldmapping',
  'feature',
  'path',
]);

const ATTRIBUTE_PREFIX = '@_';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  isArray: (tagName, _jPath, _isLeafNode, isAttribute) => !isAttribute && REPEATED_ELEMENTS.has(tagName),
});

export interface XmlDocument {
  /** Root element name. */
  tag: string;
  root: XmlNode;
}

export type ParseResult = { ok: true; doc: XmlDocument } | { ok: false; message: string };

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one XML text with exactly one root element. Never throws. */
export function parseXml(text: string): ParseResult {
  if (text.trim() === '') return { ok: false, message: 'the file is empty' };
  // fast-xml-parser's validator gives line/column positions; the parser alone accepts some broken input.
  // (Deprecated in favour of the fast-xml-validator package, which is not a dependency.)
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    return { ok: false, message: `XML does not parse (line ${line}${col === undefined ? '' : `, column ${col}`}): ${msg}` };
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (err) {
    return { ok: false, message: `XML does not parse: ${err instanceof Error ? err.message : String(err)}` };
  }
  const roots = isNode(parsed) ? Object.keys(parsed).filter((k) => !k.startsWith('?')) : [];
  if (roots.length !== 1 || !isNode(parsed)) {
    return { ok: false, message: `expected exactly one root element, found ${roots.length}${roots.length ? ` (${roots.join(', ')})` : ''}` };
  }
  const tag = roots[0] as string;
  const value = parsed[tag];
  // A root with neither attributes nor children parses as '' (or an array if it is a repeatable name).
  return { ok: true, doc: { tag, root: isNode(value) ? value : {} } };
}

/** Reads and parses a file; an unreadable file is reported like a parse error. */
export function parseXmlFile(absolutePath: string): ParseResult {
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch (err) {
    return { ok: false, message: `cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  return parseXml(text.replace(/^\uFEFF/, ''));
}

/** An attribute of an element, e.g. attr(root, 'scriptid'). */
export function attr(node: XmlNode, name: string): string | undefined {
  const value = node[ATTRIBUTE_PREFIX + name];
  return typeof value === 'string' ? value : undefined;
}

/** Text of an element's value: a plain string, or the text of an element that also carries attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value)) {
    const inner = value['#text'];
    if (typeof inner === 'string') return inner;
    // `<label translate="T"/>`: attributes only, an empty value.
    return Object.keys(value).every((k) => k.startsWith(ATTRIBUTE_PREFIX)) ? '' : undefined;
  }
  return undefined;
}

/** Text of a child element, or undefined when the element is absent or not a simple value. */
export function text(node: XmlNode, name: string): string | undefined {
  return textOf(node[name]);
}

/** A T/F child element; `fallback` when absent or neither T nor F. */
export function flag(node: XmlNode, name: string, fallback: boolean): boolean {
  const value = text(node, name);
  if (value === 'T') return true;
  if (value === 'F') return false;
  return fallback;
}

/** A T/F child element, undefined when absent. */
export function optionalFlag(node: XmlNode, name: string): boolean | undefined {
  const value = text(node, name);
  return value === 'T' ? true : value === 'F' ? false : undefined;
}

/** An integer child element: undefined when absent or empty, NaN when not a whole number. */
export function integer(node: XmlNode, name: string): number | undefined {
  const value = text(node, name);
  if (value === undefined || value === '') return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** A child element that has children of its own (an empty `<x/>` counts as an empty node). */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  const value = node[name];
  if (isNode(value)) return value;
  if (value === '') return {};
  return undefined;
}

/** The repeated `item` elements inside `container`, e.g. children(root, 'scriptdeployments', 'scriptdeployment'). */
export function children(node: XmlNode, container: string, item: string): XmlNode[] {
  const holder = child(node, container);
  const list = holder?.[item];
  if (!Array.isArray(list)) return [];
  // A simple element parses as its text; wrap it so ownText() reads both shapes alike.
  return list.map((entry) => (isNode(entry) ? entry : typeof entry === 'string' ? { '#text': entry } : {}));
}

/** The text content of an element node returned by children(). */
export function ownText(node: XmlNode): string | undefined {
  return textOf(node);
}

/** The texts of repeated simple elements inside `container`, e.g. texts(deploy, 'files', 'path'). */
export function texts(node: XmlNode, container: string, item: string): string[] {
  return children(node, container, item)
    .map(ownText)
    .filter((v): v is string => v !== undefined);
}

/** Names of a node's child elements (attributes and text excluded). */
export function elementNames(node: XmlNode): string[] {
  return Object.keys(node).filter((k) => !k.startsWith(ATTRIBUTE_PREFIX) && k !== '#text');
}

const SCRIPT_ID_REF = /^\[scriptid=([^\]]*)\]$/;

/** 'custbody_x' from '[scriptid=custbody_x]'; other values unchanged. */
export function unwrapScriptIdRef(value: string): string {
  return SCRIPT_ID_REF.exec(value)?.[1] ?? value;
}

/** Every `[scriptid=...]` reference in the element values and attributes of a tree, in document order. */
export function collectScriptIdRefs(node: unknown, found: string[] = []): string[] {
  if (typeof node === 'string') {
    for (const match of node.matchAll(/\[scriptid=([^\]]+)\]/g)) if (match[1]) found.push(match[1]);
  } else if (Array.isArray(node)) {
    for (const entry of node) collectScriptIdRefs(entry, found);
  } else if (isNode(node)) {
    for (const value of Object.values(node)) collectScriptIdRefs(value, found);
  }
  return found;
}
