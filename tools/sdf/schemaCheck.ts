// Applies the closed element sets of tools/sdf/schema.ts to every object file: unknown elements, required and
// conditionally required elements, value lists, account-specific values, and the manifest features that
// elements and values need. Findings are errors, or warnings where SDF-FIELDS.md marks the rule [U].
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import {
  CSV_RECORD_TYPES,
  KNOWN_ROLES,
  NOT_CSV_RECORD_TYPES,
  OBJECT_FEATURES,
  OBJECT_SETS,
  SELECT_FIELD_TYPES,
  SELECT_RECORD_TYPE_FEATURES,
  STANDARD_TRANSACTION_FORMS,
  TRANSACTION_FORM_RECORD_TYPES,
  type ElementRule,
  type ElementSet,
  type ValueType,
} from './schema';

export interface Finding {
  severity: 'error' | 'warning';
  message: string;
}

/** A feature the manifest must reference because of an element or value. */
export interface FeatureNeed {
  feature: string;
  /** Must be declared required="true" (object-level features and feature-dependent values of mandatory fields, §12, §13). */
  required: boolean;
  reason: string;
}

export interface SchemaResult {
  findings: Finding[];
  features: FeatureNeed[];
}

interface XNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XNode[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
});

type Ordered = Record<string, unknown>;

function toNodes(items: unknown): XNode[] {
  if (!Array.isArray(items)) return [];
  const out: XNode[] = [];
  for (const item of items as Ordered[]) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (name === undefined || name === '#comment') continue;
    if (name === '#text') continue;
    const attrs = (item[':@'] ?? {}) as Record<string, string>;
    const inner = item[name];
    const texts = Array.isArray(inner) ? (inner as Ordered[]).filter((c) => '#text' in c).map((c) => String(c['#text'])) : [];
    out.push({ name, attrs, text: texts.join('').trim(), children: toNodes(inner) });
  }
  return out;
}

/** The root element of an object file, or undefined when it does not parse (the object reader reports that). */
export function readObjectTree(absolutePath: string): XNode | undefined {
  try {
    const text = fs.readFileSync(absolutePath, 'utf8').replace(/^\uFEFF/, '');
    const roots = toNodes(parser.parse(text));
    return roots.length === 1 ? roots[0] : undefined;
  } catch {
    return undefined;
  }
}

const child = (node: XNode, name: string): XNode | undefined => node.children.find((c) => c.name === name);
const childText = (node: XNode, name: string): string => child(node, name)?.text ?? '';
const REFERENCE = /^\[scriptid=[a-z0-9_.]+\]$/;
const isSet = (rule: ElementRule, value: string): boolean => value !== '' && !(rule.type?.kind === 'bool' && value === 'F');

class Walker {
  readonly findings: Finding[] = [];
  readonly features: FeatureNeed[] = [];
  private readonly warned = new Set<string>();

  constructor(private readonly objectName: string) {}

  error(message: string): void {
    this.findings.push({ severity: 'error', message: `${this.objectName}: ${message}` });
  }

  warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.findings.push({ severity: 'warning', message: `${this.objectName}: ${message} [U: not confirmed by Oracle's reference; see docs/sandbox-checklist.md]` });
  }

  need(feature: string, required: boolean, reason: string): void {
    this.features.push({ feature, required, reason: `${this.objectName} ${reason}` });
  }

  walk(node: XNode, set: ElementSet, where: string, isDeployment = false): void {
    if (set.scriptIdAttr && !node.attrs.scriptid) this.error(`<${node.name}> at ${where} needs a scriptid attribute`);
    for (const attr of Object.keys(node.attrs)) {
      if (attr !== 'scriptid') this.error(`<${node.name}> at ${where} has attribute ${attr}; SDF elements carry only scriptid`);
    }
    const seen = new Set<string>();
    for (const c of node.children) {
      const rule = set.elements[c.name];
      if (rule === undefined) {
        // §4: a deployment may set any parameter of its own script; check 5 of validate.ts names undeclared ones.
        if (isDeployment && c.name.startsWith('custscript')) continue;
        this.error(`<${c.name}> is not an element of ${set.name} (at ${where}); SDF-FIELDS.md allows: ${Object.keys(set.elements).join(', ')}`);
        continue;
      }
      if (seen.has(c.name)) this.error(`<${c.name}> appears more than once in ${set.name} (at ${where})`);
      seen.add(c.name);
      this.element(c, rule, `${where}/${c.name}`);
    }
    for (const [name, rule] of Object.entries(set.elements)) {
      if (rule.required && (!seen.has(name) || (rule.type !== undefined && childText(node, name) === ''))) {
        this.error(`${set.name} at ${where} needs <${name}> (required by SDF-FIELDS.md)`);
      }
    }
  }

  private element(node: XNode, rule: ElementRule, where: string): void {
    if (rule.unverified) this.warn(`<${node.name}>: ${rule.unverified}`);
    if (rule.list) {
      if (node.text !== '') this.error(`${where} holds text; it is a list of <${rule.list.item}>`);
      for (const item of node.children) {
        if (item.name !== rule.list.item) {
          this.error(`<${item.name}> is not allowed in ${where}; it holds only <${rule.list.item}> elements`);
          continue;
        }
        const id = item.attrs.scriptid;
        this.walk(item, rule.list.set, `${where}/${rule.list.item}${id ? `[${id}]` : ''}`, rule.list.item === 'scriptdeployment');
        this.conditions(item, rule.list.set.name, `${where}/${rule.list.item}${id ? `[${id}]` : ''}`);
      }
      return;
    }
    if (rule.children) {
      if (node.text !== '') this.error(`${where} holds text; it is a structure (${Object.keys(rule.children.elements).join(', ')})`);
      this.walk(node, rule.children, where);
      this.conditions(node, rule.children.name, where);
      return;
    }
    if (node.children.length > 0) {
      this.error(`${where} must hold a value, not elements (found <${node.children[0]?.name ?? ''}>)`);
      return;
    }
    const value = node.text;
    if (rule.accountSpecific && value !== '') this.error(`${where} holds "${value}": account-specific values (internal ids) are not supported by SDF; leave it empty and set it in the account`);
    if (value !== '' && rule.type) this.value(rule.type, value, where);
    if (rule.feature && isSet(rule, value)) this.need(rule.feature, false, `sets ${where}`);
  }

  private value(type: ValueType, value: string, where: string): void {
    switch (type.kind) {
      case 'bool':
        if (value !== 'T' && value !== 'F') this.error(`${where} is "${value}"; booleans are T or F`);
        return;
      case 'text':
        if (type.max !== undefined && value.length > type.max) this.error(`${where} is ${value.length} characters long; at most ${type.max} allowed`);
        return;
      case 'int': {
        if (!/^-?\d+$/.test(value)) {
          this.error(`${where} is "${value}"; a whole number is expected`);
          return;
        }
        const n = Number(value);
        if ((type.min !== undefined && n < type.min) || (type.max !== undefined && n > type.max)) {
          this.error(`${where} is ${n}; it must be ${type.max === undefined ? `at least ${type.min ?? ''}` : `between ${type.min ?? ''} and ${type.max}`}`);
        }
        return;
      }
      case 'enum': {
        const values = type.multi ? value.split('|') : [value];
        for (const v of values) {
          if (type.values.includes(v)) continue;
          if (type.refs && REFERENCE.test(v)) continue;
          if (type.list === 'generic_role' && /^[A-Z_]+$/.test(v)) {
            this.warn(`${where} is ${v}: generic_role has 58 values and SDF-FIELDS.md lists only ${KNOWN_ROLES.join(', ')}`);
            continue;
          }
          this.error(`${where} is "${v}"; ${type.list} allows ${type.values.join(', ')}${type.refs ? ' or a [scriptid=...] reference' : ''}`);
        }
        return;
      }
      case 'ref':
        if (!REFERENCE.test(value)) this.error(`${where} is "${value}"; a [scriptid=...] reference is expected`);
        return;
      case 'jsfile':
        if (!/^\[\/.+\.js\]$/.test(value)) this.error(`${where} is "${value}"; a File Cabinet path to a .js file in brackets is expected, e.g. [/SuiteScripts/x.js]`);
        return;
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) this.error(`${where} is "${value}"; dates are written YYYY-MM-DD`);
        return;
      case 'time':
        if (!/^([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/.test(value)) this.error(`${where} is "${value}"; times are written HH:MM:SSZ, e.g. 01:00:00Z`);
        return;
      case 'selectrecordtype':
        if (/^\[scriptid=(customlist|customrecord)[a-z0-9_]*\]$/.test(value)) return;
        if (!/^-\d+$/.test(value)) {
          this.error(`${where} is "${value}"; a [scriptid=customlist_...] / [scriptid=customrecord_...] reference or a negative standard id (e.g. -103 Location) is expected`);
          return;
        }
        if (!Object.hasOwn(SELECT_RECORD_TYPE_FEATURES, value)) this.warn(`${where} is ${value}: its meaning and feature dependency are not in SDF-FIELDS.md §12`);
        else {
          const feature = SELECT_RECORD_TYPE_FEATURES[value];
          // Oracle (SDFxml_654195790): a feature-dependent value in a mandatory list field needs the feature as required.
          if (feature) this.need(feature, true, `uses selectrecordtype ${value} at ${where}`);
        }
        return;
      case 'string':
        return;
    }
  }

  /** Cross-element rules of one structure (conditionally required elements and the like). */
  conditions(node: XNode, setName: string, where: string): void {
    if (Object.hasOwn(FIELD_SET_NAMES, setName)) {
      const fieldType = childText(node, 'fieldtype');
      if (SELECT_FIELD_TYPES.has(fieldType) && childText(node, 'selectrecordtype') === '') {
        this.error(`${where}: a ${fieldType} field needs a <selectrecordtype> (mandatory when fieldtype is SELECT or MULTISELECT, SDF-FIELDS.md §6)`);
      }
    }
    if (setName === 'recurrence') {
      const variants = node.children.length;
      if (variants === 0) this.error(`${where} is empty; it holds one recurrence variant (single, daily, weekly, ...)`);
      if (variants > 1) this.warn(`${where} holds ${variants} variants (${node.children.map((c) => c.name).join(', ')}); one is expected`);
    }
    if (setName.endsWith(' deployment') && childText(node, 'status') === 'SCHEDULED' && child(node, 'recurrence') === undefined) {
      this.warn(`${where} is SCHEDULED without a <recurrence>, so it never runs`);
    }
    if (setName === 'role') {
      const tfa = childText(node, 'tfarequired');
      if (tfa !== '' && tfa !== 'OFF' && childText(node, 'tfaduration') === '') this.error(`${where}: <tfaduration> is mandatory when tfarequired is ${tfa}`);
    }
  }
}

const FIELD_SET_NAMES: Readonly<Record<string, true>> = {
  scriptcustomfield: true,
  customrecordcustomfield: true,
  transactionbodycustomfield: true,
  transactioncolumncustomfield: true,
  itemcustomfield: true,
  entitycustomfield: true,
  othercustomfield: true,
};

function savedCsvImportRules(w: Walker, root: XNode): void {
  const recordType = childText(root, 'recordtype');
  const form = childText(root, 'transactionform');
  if (recordType !== '') {
    if ((NOT_CSV_RECORD_TYPES as readonly string[]).includes(recordType)) {
      w.error(`recordtype ${recordType} cannot be imported: it is not a csvimport_recordtypes value (SDF-FIELDS.md §10.3)`);
    } else if (!(CSV_RECORD_TYPES as readonly string[]).includes(recordType)) {
      w.warn(`recordtype ${recordType} is not among the csvimport_recordtypes values SDF-FIELDS.md lists`);
    }
  }
  const needsForm = (TRANSACTION_FORM_RECORD_TYPES as readonly string[]).includes(recordType);
  if (needsForm && form === '') {
    const standard = STANDARD_TRANSACTION_FORMS[recordType];
    w.error(`<transactionform> is mandatory for recordtype ${recordType} (csvimports_transactionformrecordtypes, Oracle SDFxml_313653814)${standard ? `; the standard form is ${standard}` : ''}`);
  }
  if (!needsForm && recordType !== 'CUSTOMTRANSACTION' && form !== '') w.error(`<transactionform> is only available for transaction record types; ${recordType} has none`);
  const expected = STANDARD_TRANSACTION_FORMS[recordType];
  if (form !== '' && expected !== undefined && form.startsWith('STANDARD') && form !== expected) {
    w.warn(`<transactionform> ${form} does not look like the form of ${recordType} (expected ${expected})`);
  }
  const custom = childText(root, 'customrecord');
  if (recordType === 'CUSTOMRECORD' && custom === '') w.error('<customrecord> is mandatory when recordtype is CUSTOMRECORD');
  if (recordType !== 'CUSTOMRECORD' && custom !== '') w.error('<customrecord> is only available when recordtype is CUSTOMRECORD');
  const mappings = child(root, 'recordmappings')?.children ?? [];
  for (const m of mappings) {
    const record = childText(m, 'record');
    if (record.includes(':')) w.warn(`record mapping ${record}: sublist names (RECORD:SUBLIST) are not enumerated in Oracle's reference (SDF-FIELDS.md §10)`);
  }
}

function customRecordRules(w: Walker, root: XNode): void {
  if (childText(root, 'customsegment') === '' && childText(root, 'recordname') === '') {
    w.error('<recordname> is mandatory when <customsegment> is empty (SDF-FIELDS.md §8)');
  }
}

/** Checks one object file against its type's closed set. */
export function checkObjectSchema(absolutePath: string, objectName: string): SchemaResult {
  const root = readObjectTree(absolutePath);
  const w = new Walker(objectName);
  if (root === undefined) return { findings: [], features: [] };
  const set = OBJECT_SETS[root.name];
  if (set === undefined) {
    w.error(`object type <${root.name}> is not in SDF-FIELDS.md's closed set (known: ${Object.keys(OBJECT_SETS).join(', ')}); add its elements to tools/sdf/schema.ts with their source before using it`);
    return { findings: w.findings, features: w.features };
  }
  // The root's scriptid is check 1's (validate.ts); nested scriptids are checked here.
  w.walk(root, { ...set, scriptIdAttr: false }, path.posix.basename(absolutePath));
  w.conditions(root, set.name, root.name);
  if (root.name === 'savedcsvimport') savedCsvImportRules(w, root);
  if (root.name === 'customrecordtype') customRecordRules(w, root);
  const objectFeature = OBJECT_FEATURES[root.name];
  if (objectFeature) w.need(objectFeature, true, `is a ${root.name}`);
  return { findings: w.findings, features: w.features };
}
