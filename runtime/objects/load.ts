// loadProjectObjects(): the one reader of an SDF project's object definitions. Parses every XML under
// <projectFolder>/Objects (sub-folders included), manifest.xml and deploy.xml into typed data. Files that do
// not parse are listed in `xmlErrors` instead of throwing, so the validator can report every one of them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCsvImport } from './csv-import';
import { readCustomField, readCustomRecordType } from './fields';
import { readDeploy, readManifest } from './project-files';
import { readScript } from './scripts';
import { CUSTOM_FIELD_KINDS, SCRIPT_OBJECT_TYPES, type CustomFieldKind, type ProjectObjects, type ProjectPath, type ScriptObjectType } from './types';
import { attr, collectScriptIdRefs, parseXmlFile, type XmlDocument } from './xml';

export const OBJECTS_FOLDER = 'Objects';
export const FILE_CABINET_FOLDER = 'FileCabinet';
export const MANIFEST_FILE = 'manifest.xml';
export const DEPLOY_FILE = 'deploy.xml';

/**
 * Files under `folder` (recursively), as '/'-separated paths relative to `folder`, sorted.
 * Entries whose name starts with '.' are skipped (SDF's .attributes folders, editor files).
 */
export function listFilesRecursive(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  const found: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relative);
      else if (entry.isFile()) found.push(relative);
    }
  };
  walk(folder, '');
  return found.sort();
}

const isScriptType = (tag: string): tag is ScriptObjectType => (SCRIPT_OBJECT_TYPES as readonly string[]).includes(tag);
const isCustomFieldKind = (tag: string): tag is CustomFieldKind => (CUSTOM_FIELD_KINDS as readonly string[]).includes(tag);

function addObject(objects: ProjectObjects, doc: XmlDocument, scriptId: string, file: ProjectPath): void {
  const { tag, root } = doc;
  if (isScriptType(tag)) objects.scripts.push(readScript(tag, scriptId, root, file));
  else if (isCustomFieldKind(tag)) objects.customFields.push(readCustomField(tag, scriptId, root, file));
  else if (tag === 'savedcsvimport') objects.csvImports.push(readCsvImport(scriptId, root, file));
  else if (tag === 'customrecordtype') objects.customRecordTypes.push(readCustomRecordType(scriptId, root, file));
  else if (tag === 'savedsearch') objects.savedSearches.push({ scriptId, file });
  else if (tag === 'secret') objects.secrets.push({ scriptId, file });
  else objects.others.push({ tag, scriptId, file });
}

/** Reads manifest.xml or deploy.xml; records a missing or broken file in xmlErrors. */
function readProjectFile<T>(objects: ProjectObjects, file: ProjectPath, read: (doc: XmlDocument, file: ProjectPath) => T | string): T | undefined {
  const absolute = path.join(objects.projectFolder, file);
  if (!fs.existsSync(absolute)) {
    objects.xmlErrors.push({ file, message: 'the file is missing' });
    return undefined;
  }
  const parsed = parseXmlFile(absolute);
  if (!parsed.ok) {
    objects.xmlErrors.push({ file, message: parsed.message });
    return undefined;
  }
  const result = read(parsed.doc, file);
  if (typeof result === 'string') {
    objects.xmlErrors.push({ file, message: result });
    return undefined;
  }
  return result;
}

/** @param projectFolder the SDF project folder (normally <repo>/src) */
export function loadProjectObjects(projectFolder: string): ProjectObjects {
  const objects: ProjectObjects = {
    projectFolder: path.resolve(projectFolder),
    objectFiles: [],
    scripts: [],
    csvImports: [],
    customRecordTypes: [],
    customFields: [],
    savedSearches: [],
    secrets: [],
    others: [],
    manifest: undefined,
    deploy: undefined,
    xmlErrors: [],
  };
  const objectsFolder = path.join(objects.projectFolder, OBJECTS_FOLDER);
  for (const relative of listFilesRecursive(objectsFolder)) {
    if (!relative.toLowerCase().endsWith('.xml')) continue;
    const file = `${OBJECTS_FOLDER}/${relative}`;
    const parsed = parseXmlFile(path.join(objectsFolder, relative));
    if (!parsed.ok) {
      objects.xmlErrors.push({ file, message: parsed.message });
      continue;
    }
    const scriptId = attr(parsed.doc.root, 'scriptid');
    objects.objectFiles.push({ file, tag: parsed.doc.tag, scriptId, references: collectScriptIdRefs(parsed.doc.root) });
    if (scriptId) addObject(objects, parsed.doc, scriptId, file);
  }
  objects.manifest = readProjectFile(objects, MANIFEST_FILE, readManifest);
  objects.deploy = readProjectFile(objects, DEPLOY_FILE, readDeploy);
  return objects;
}
