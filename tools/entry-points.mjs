// Where the build finds SuiteScript entry points: the <scriptfile> of every script object in src/Objects.
// A script object is the single source of truth for which files exist; the build never keeps its own list.
import { XMLParser } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';

export const FILE_CABINET = 'src/FileCabinet';
/** Our folder under /SuiteScripts, shared by every script of this project. */
export const SCRIPT_OUTPUT_FOLDER = 'SuiteScripts/hotwax_inventory';
/** TypeScript sources mirror the File Cabinet folder under src/TypeScripts. */
export const TYPESCRIPT_ROOT = 'src/TypeScripts';

const SCRIPT_OBJECT_TAGS = ['scheduledscript', 'mapreducescript', 'restlet', 'suitelet', 'usereventscript', 'clientscript'];

function listXml(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listXml(full);
    return entry.name.endsWith('.xml') ? [full] : [];
  });
}

/**
 * @param {string} root project root
 * @returns {{objectFile: string, scriptId: string, scriptFile: string, source: string, output: string}[]}
 */
export function findScriptEntryPoints(root) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });
  const entries = [];
  for (const file of listXml(path.join(root, 'src/Objects'))) {
    const doc = parser.parse(fs.readFileSync(file, 'utf8'));
    for (const tag of SCRIPT_OBJECT_TAGS) {
      const object = doc[tag];
      if (!object) continue;
      const scriptFile = String(object.scriptfile ?? '').replace(/^\[|\]$/g, '');
      if (!scriptFile.startsWith(`/${SCRIPT_OUTPUT_FOLDER}/`) || !scriptFile.endsWith('.js')) {
        throw new Error(`${path.relative(root, file)}: scriptfile must be [/${SCRIPT_OUTPUT_FOLDER}/....js], got "${scriptFile}"`);
      }
      const relative = scriptFile.slice(`/${SCRIPT_OUTPUT_FOLDER}/`.length);
      entries.push({
        objectFile: path.relative(root, file),
        scriptId: object['@_scriptid'],
        scriptFile,
        source: path.join(root, TYPESCRIPT_ROOT, 'hotwax_inventory', relative.replace(/\.js$/, '.ts')),
        output: path.join(root, FILE_CABINET, scriptFile),
      });
    }
  }
  return entries;
}
