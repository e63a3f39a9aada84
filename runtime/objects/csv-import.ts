// savedcsvimport objects (NETSUITE.md 3): record type, data handling, options, import files and the
// field mappings (a constant <value> or a <columnreference> to a CSV header).
import type { CsvFieldMapping, CsvImportFile, CsvImportOptions, CsvRecordMapping, ProjectPath, SavedCsvImport } from './types';
import { child, children, flag, text, unwrapScriptIdRef, type XmlNode } from './xml';

const TEXT_OPTIONS = [
  'charencoding',
  'columndelimiter',
  'decimaldelimiter',
  'multiselectdelimiter',
  'transactionform',
  'entryform',
  'customrecord',
] as const satisfies readonly (keyof CsvImportOptions)[];

const FLAG_OPTIONS = [
  'ignorereadonly',
  'overwritemissingfields',
  'overwritesublists',
  'runserversuitescript',
  'usemultithread',
  'validatemandatorycustfields',
  'preventduplicates',
  'logsystemnotescustfields',
] as const satisfies readonly (keyof CsvImportOptions)[];

function readOptions(root: XmlNode): CsvImportOptions {
  const options: CsvImportOptions = {};
  for (const key of TEXT_OPTIONS) {
    const value = text(root, key);
    if (value !== undefined) options[key] = value;
  }
  for (const key of FLAG_OPTIONS) {
    if (text(root, key) !== undefined) options[key] = flag(root, key, false);
  }
  return options;
}

function readFile(node: XmlNode): CsvImportFile {
  const primaryKey = text(node, 'primarykey');
  const foreignKey = text(node, 'foreignkey');
  return {
    file: text(node, 'file') ?? '',
    ...(primaryKey ? { primaryKey } : {}),
    ...(foreignKey ? { foreignKey } : {}),
  };
}

function readFieldMapping(node: XmlNode): CsvFieldMapping {
  const mapping: CsvFieldMapping = { field: unwrapScriptIdRef(text(node, 'field') ?? '') };
  const value = text(node, 'value');
  if (value !== undefined) mapping.value = value;
  const reference = child(node, 'columnreference');
  if (reference) {
    const column = text(reference, 'column');
    const columnFile = text(reference, 'file');
    const referenceType = text(reference, 'type');
    if (column !== undefined) mapping.column = column;
    if (columnFile !== undefined) mapping.columnFile = columnFile;
    if (referenceType !== undefined) mapping.referenceType = referenceType;
  }
  return mapping;
}

function readRecordMapping(node: XmlNode): CsvRecordMapping {
  const line = text(node, 'line');
  return {
    record: text(node, 'record') ?? '',
    ...(line ? { line } : {}),
    fieldMappings: children(node, 'fieldmappings', 'fieldmapping').map(readFieldMapping),
  };
}

export function readCsvImport(scriptId: string, root: XmlNode, file: ProjectPath): SavedCsvImport {
  return {
    scriptId,
    file,
    recordType: text(root, 'recordtype') ?? '',
    importName: text(root, 'importname') ?? '',
    dataHandling: text(root, 'datahandling') ?? 'ADD',
    options: readOptions(root),
    files: children(root, 'filemappings', 'filemapping').map(readFile),
    recordMappings: children(root, 'recordmappings', 'recordmapping').map(readRecordMapping),
  };
}
