// Custom record types with their fields, and stand-alone custom fields (transaction body and column,
// entity, item, CRM, other record) with the record types they apply to (NETSUITE.md 8).
import type { CustomField, CustomFieldKind, CustomRecordField, CustomRecordType, ProjectPath } from './types';
import { attr, children, elementNames, flag, text, type XmlNode } from './xml';

/** Applies-to flags: bodyinventoryadjustment, colinventoryadjustment, appliestoinventory, ... */
const APPLIES_TO_FLAG = /^(body|col|appliesto)/;

function selectRecordTypeOf(node: XmlNode): { selectRecordType?: string } {
  const value = text(node, 'selectrecordtype');
  return value ? { selectRecordType: value } : {};
}

function readRecordField(node: XmlNode): CustomRecordField {
  return {
    scriptId: attr(node, 'scriptid') ?? '',
    fieldType: text(node, 'fieldtype') ?? 'TEXT',
    label: text(node, 'label') ?? '',
    isMandatory: flag(node, 'ismandatory', false),
    ...selectRecordTypeOf(node),
  };
}

export function readCustomRecordType(scriptId: string, root: XmlNode, file: ProjectPath): CustomRecordType {
  return {
    scriptId,
    file,
    recordName: text(root, 'recordname') ?? '',
    fields: children(root, 'customrecordcustomfields', 'customrecordcustomfield').map(readRecordField),
  };
}

function appliesToOf(kind: CustomFieldKind, root: XmlNode): string[] {
  if (kind === 'othercustomfield') {
    const recType = text(root, 'rectype');
    return recType ? [recType] : [];
  }
  return elementNames(root).filter((name) => APPLIES_TO_FLAG.test(name) && text(root, name) === 'T');
}

export function readCustomField(kind: CustomFieldKind, scriptId: string, root: XmlNode, file: ProjectPath): CustomField {
  return {
    scriptId,
    kind,
    file,
    fieldType: text(root, 'fieldtype') ?? 'TEXT',
    label: text(root, 'label') ?? '',
    isMandatory: flag(root, 'ismandatory', false),
    appliesTo: appliesToOf(kind, root),
    ...selectRecordTypeOf(root),
  };
}
