// validateProject(): the checks Oracle's `suitecloud project:validate` would make (which needs an account),
// plus the ones that tie the objects to the compiled code. Reads objects only through runtime/objects and
// the compiled bundles under src/FileCabinet. Each issue names the file to fix and the exact problem.
//
//  1. object XML parses, has a scriptid, and is named <scriptid>.xml
//  2. script files exist in the build output, start with a matching 2.1 header, and are AMD modules
//  3. deploy.xml covers every object and every File Cabinet file
//  4. ids: prefix (and our hwx infix), length, characters, uniqueness
//  5. parameters: bundles read only declared custscript_ ids; deployments set only declared ones
//  6. CSV imports: submitted by some bundle, which writes every mapped column; column files exist
//  7. custom ids used by code or referenced by objects are defined (or allow-listed)
//  8. manifest features cover what the objects and code need; only known feature ids
//  9. deployment statuses per script type (a warning: SDF-FIELDS.md marks the split [U])
// 10. every object against its type's closed element set (tools/sdf/schema.ts, from ../shared/SDF-FIELDS.md):
//     unknown elements, required ones, value lists, account-specific values, features elements and values need
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  FILE_CABINET_FOLDER,
  OBJECTS_FOLDER,
  listFilesRecursive,
  loadProjectObjects,
  type ProjectObjects,
  type ProjectPath,
  type SavedCsvImport,
} from '../../runtime/objects';
import { scanBundle, type BundleScan } from './bundles';
import { isCovered, isExplicit, patternToRegExp } from './deploy-paths';
import {
  DEPLOYMENT_STATUSES,
  findCustomIds,
  ID_RULES,
  INVENTORY_CSV_RECORD_TYPES,
  INVENTORY_FEATURES,
  INVENTORY_RECORD_ENUM_NAMES,
  INVENTORY_RECORD_LITERALS,
  KNOWN_FEATURES,
  PARAMETER_PREFIX,
  PROJECT_ID_PREFIX,
  PROJECT_TYPES,
  REQUIRED_API_VERSION,
  SCRIPT_ID_CHARSET,
  SCRIPT_TYPE_HEADER,
} from './rules';
import { checkObjectSchema, type FeatureNeed } from './schemaCheck';
import { transactionFieldApplies, transactionFlagFor } from '../../runtime/objects';

export interface Issue {
  /** Path relative to the project root, '/'-separated (e.g. 'src/Objects/variance/customscript_x.xml'). */
  file: string;
  message: string;
}

/** The SDF project folder inside the repository. */
export const PROJECT_FOLDER = 'src';
/** Ids the code or objects may use without defining them (objects of other bundles, account-level secrets). */
export const EXTERNAL_IDS_FILE = 'tools/sdf/external-ids.json';

interface Bundle {
  /** File Cabinet path, as in a scriptfile: '/SuiteScripts/hotwax_inventory/x.js'. */
  cabinetPath: string;
  /** Path relative to the project root. */
  file: string;
  scan: BundleScan;
}

interface Context {
  objects: ProjectObjects;
  /** Every .js file under src/FileCabinet, by File Cabinet path. */
  bundles: Map<string, Bundle>;
  /** Every file under src/FileCabinet, relative to it. */
  cabinetFiles: string[];
  /** Ids defined in src/Objects: objects, deployments, parameters, custom record fields. */
  definedIds: Set<string>;
  external: Set<string>;
  issues: Issue[];
  /** Findings on rules the reference leaves open ([U]): printed, but validation still passes. */
  warnings: Issue[];
  /** Features the object elements and values need (check 10), for check 8. */
  featureNeeds: FeatureNeed[];
}

const toRoot = (file: ProjectPath): string => `${PROJECT_FOLDER}/${file}`;

function report(ctx: Context, file: string, message: string): void {
  ctx.issues.push({ file, message });
}

const isDefinedOrExternal = (ctx: Context, id: string): boolean => ctx.definedIds.has(id) || ctx.external.has(id);

const undefinedIdHint = `not defined in ${PROJECT_FOLDER}/${OBJECTS_FOLDER} (add the object, or list the id with a reason in ${EXTERNAL_IDS_FILE})`;

// ---------------------------------------------------------------------------------------------- inputs

function loadExternalIds(projectRoot: string, issues: Issue[]): Set<string> {
  const file = path.join(projectRoot, EXTERNAL_IDS_FILE);
  if (!fs.existsSync(file)) return new Set();
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    issues.push({ file: EXTERNAL_IDS_FILE, message: `is not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
    return new Set();
  }
  const ids = typeof data === 'object' && data !== null ? (data as { ids?: unknown }).ids : undefined;
  const why = typeof data === 'object' && data !== null ? (data as { why?: unknown }).why : undefined;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string') || typeof why !== 'object' || why === null) {
    issues.push({ file: EXTERNAL_IDS_FILE, message: 'must be {"ids": [<script id>, ...], "why": {<script id>: <reason>}}' });
    return new Set();
  }
  for (const id of ids) {
    const reason = (why as Record<string, unknown>)[id];
    if (typeof reason !== 'string' || reason.trim() === '') issues.push({ file: EXTERNAL_IDS_FILE, message: `id ${id} has no reason in "why"` });
  }
  return new Set(ids);
}

function loadBundles(projectFolder: string, cabinetFiles: string[]): Map<string, Bundle> {
  const bundles = new Map<string, Bundle>();
  for (const relative of cabinetFiles) {
    if (!relative.endsWith('.js')) continue;
    const source = fs.readFileSync(path.join(projectFolder, FILE_CABINET_FOLDER, relative), 'utf8');
    const cabinetPath = `/${relative}`;
    bundles.set(cabinetPath, { cabinetPath, file: toRoot(`${FILE_CABINET_FOLDER}/${relative}`), scan: scanBundle(source) });
  }
  return bundles;
}

interface IdSite {
  id: string;
  /** Root tag, or a nested kind: scriptdeployment, scriptcustomfield, customrecordcustomfield. */
  kind: string;
  file: ProjectPath;
  /** The object holding a nested id. */
  owner?: string;
}

function collectIdSites(objects: ProjectObjects): IdSite[] {
  const sites: IdSite[] = [];
  for (const entry of objects.objectFiles) {
    if (entry.scriptId) sites.push({ id: entry.scriptId, kind: entry.tag, file: entry.file });
  }
  for (const script of objects.scripts) {
    for (const d of script.deployments) sites.push({ id: d.scriptId, kind: 'scriptdeployment', file: script.file, owner: script.scriptId });
    for (const p of script.params) sites.push({ id: p.scriptId, kind: 'scriptcustomfield', file: script.file, owner: script.scriptId });
  }
  for (const record of objects.customRecordTypes) {
    for (const f of record.fields) sites.push({ id: f.scriptId, kind: 'customrecordcustomfield', file: record.file, owner: record.scriptId });
  }
  return sites;
}

/**
 * Ids of object files that did not parse, taken from their names (<scriptid>.xml): the parse error is
 * reported once, not again for every use of the object.
 */
function unparsedObjectIds(objects: ProjectObjects): string[] {
  return objects.xmlErrors.filter((e) => e.file.startsWith(`${OBJECTS_FOLDER}/`)).map((e) => path.posix.basename(e.file, '.xml'));
}

const describeSite = (site: IdSite): string => (site.owner ? `${site.kind} ${site.id || '(no scriptid)'} of ${site.owner}` : `${site.kind} ${site.id}`);

// ---------------------------------------------------------------------------------------------- checks

/** 1. Every object file parses, has a scriptid, and is named after it. Also manifest.xml and deploy.xml parse. */
function checkObjectFiles(ctx: Context): void {
  for (const error of ctx.objects.xmlErrors) report(ctx, toRoot(error.file), error.message);
  for (const entry of ctx.objects.objectFiles) {
    if (!entry.scriptId) {
      report(ctx, toRoot(entry.file), `the root element <${entry.tag}> has no scriptid attribute`);
      continue;
    }
    const name = path.posix.basename(entry.file);
    if (name !== `${entry.scriptId}.xml`) {
      report(ctx, toRoot(entry.file), `${entry.tag} ${entry.scriptId}: the file name must be ${entry.scriptId}.xml, not ${name}`);
    }
  }
}

/** 2. Script files: present in the build output, header first with the right @NScriptType and @NApiVersion 2.1, AMD. */
function checkScriptFiles(ctx: Context): void {
  for (const script of ctx.objects.scripts) {
    const what = `script ${script.scriptId}`;
    if (!script.scriptFile) {
      report(ctx, toRoot(script.file), `${what}: has no <scriptfile>`);
      continue;
    }
    const bundle = ctx.bundles.get(script.scriptFile);
    if (!bundle) {
      report(ctx, toRoot(script.file), `${what}: scriptfile ${script.scriptFile} is not in the build output (run npm run build)`);
      continue;
    }
    const { header } = bundle.scan;
    const expectedType = SCRIPT_TYPE_HEADER[script.objectType];
    if (header.comment === undefined) {
      report(ctx, bundle.file, `${what}: ${header.problem ?? 'no SuiteScript header'}; expected @NApiVersion ${REQUIRED_API_VERSION} and @NScriptType ${expectedType}`);
    } else {
      const scriptType = header.tags['NScriptType'];
      const apiVersion = header.tags['NApiVersion'];
      if (scriptType === undefined) report(ctx, bundle.file, `${what}: the header comment has no @NScriptType (expected ${expectedType} for a ${script.objectType})`);
      else if (scriptType !== expectedType) report(ctx, bundle.file, `${what}: the header says @NScriptType ${scriptType}, but a ${script.objectType} needs ${expectedType}`);
      if (apiVersion === undefined) report(ctx, bundle.file, `${what}: the header comment has no @NApiVersion (expected ${REQUIRED_API_VERSION})`);
      else if (apiVersion !== REQUIRED_API_VERSION) report(ctx, bundle.file, `${what}: the header says @NApiVersion ${apiVersion}, expected ${REQUIRED_API_VERSION}`);
    }
    if (!header.isAmd) report(ctx, bundle.file, `${what}: not an AMD module: the code after the header must start with define(`);
  }
}

/** 3. deploy.xml covers every object file and every File Cabinet file; explicit paths exist. */
function checkDeployCoverage(ctx: Context): void {
  const deploy = ctx.objects.deploy;
  if (!deploy) return;
  const deployFile = toRoot(deploy.file);
  const sections: [string, string[]][] = [
    ['files', deploy.files],
    ['objects', deploy.objects],
    ['configuration', deploy.configuration],
    ['translationimports', deploy.translationImports],
  ];
  for (const [section, patterns] of sections) {
    for (const pattern of patterns) {
      if (!pattern.startsWith('~/')) {
        report(ctx, deployFile, `<${section}> path ${pattern} must start with ~/ (the project folder)`);
      } else if (section !== 'configuration' && isExplicit(pattern) && !fs.existsSync(path.join(ctx.objects.projectFolder, pattern.slice(2)))) {
        report(ctx, deployFile, `<${section}> path ${pattern} does not exist`);
      }
    }
  }
  const objectPatterns = deploy.objects.map(patternToRegExp);
  const filePatterns = deploy.files.map(patternToRegExp);
  // Every object XML the reader saw: parsed ones and broken ones (which deploy would try to upload too).
  const objectFiles = [...ctx.objects.objectFiles.map((o) => o.file), ...ctx.objects.xmlErrors.map((e) => e.file).filter((f) => f.startsWith(`${OBJECTS_FOLDER}/`))];
  for (const file of objectFiles.sort()) {
    if (!isCovered(file, objectPatterns)) report(ctx, toRoot(file), `not deployed: no <objects> path in ${deployFile} matches ~/${file}`);
  }
  for (const relative of ctx.cabinetFiles) {
    const file = `${FILE_CABINET_FOLDER}/${relative}`;
    if (!isCovered(file, filePatterns)) report(ctx, toRoot(file), `not deployed: no <files> path in ${deployFile} matches ~/${file}`);
  }
}

/** 4. Id prefixes (with our project infix), lengths, characters and uniqueness across the project. */
function checkIds(ctx: Context, sites: IdSite[]): void {
  const seen = new Map<string, IdSite>();
  for (const site of sites) {
    const file = toRoot(site.file);
    if (!site.id) {
      if (site.owner) report(ctx, file, `${describeSite(site)}: missing scriptid attribute`);
      continue;
    }
    const what = describeSite(site);
    if (!SCRIPT_ID_CHARSET.test(site.id)) report(ctx, file, `${what}: ids may contain only lowercase letters, digits and underscores`);
    const rule = ID_RULES[site.kind];
    if (rule) {
      const infix = `${rule.prefix}${PROJECT_ID_PREFIX}_`;
      if (!site.id.startsWith(rule.prefix)) report(ctx, file, `${what}: a ${site.kind} id must start with ${rule.prefix}`);
      else if (rule.projectInfix && !site.id.startsWith(infix)) report(ctx, file, `${what}: our ids start with ${infix} (project prefix ${PROJECT_ID_PREFIX})`);
      if (site.id.length > rule.maxLength) report(ctx, file, `${what}: the id is ${site.id.length} characters long; NetSuite allows at most ${rule.maxLength} for a ${site.kind}`);
    }
    const first = seen.get(site.id);
    if (first) report(ctx, file, `${what}: the id is not unique; ${describeSite(first)} in ${toRoot(first.file)} uses it too`);
    else seen.set(site.id, site);
  }
}

/** 5. Each script's bundle reads only its own parameters; deployments set only declared parameters. */
function checkParameters(ctx: Context): void {
  for (const script of ctx.objects.scripts) {
    const declared = new Set(script.params.map((p) => p.scriptId));
    const file = toRoot(script.file);
    const bundle = ctx.bundles.get(script.scriptFile);
    if (bundle) {
      for (const id of [...bundle.scan.customIds].sort()) {
        if (id.startsWith(PARAMETER_PREFIX) && !declared.has(id)) {
          report(ctx, file, `script ${script.scriptId}: its bundle ${script.scriptFile} uses parameter ${id}, which the script does not declare in <scriptcustomfields>`);
        }
      }
    }
    for (const deployment of script.deployments) {
      for (const id of Object.keys(deployment.paramValues)) {
        if (!declared.has(id)) report(ctx, file, `deployment ${deployment.scriptId} sets ${id}, which script ${script.scriptId} does not declare as a parameter`);
      }
    }
  }
}

/** 6. Each CSV import is submitted by some bundle that writes every mapped column; column files are import files. */
function checkCsvImportColumns(ctx: Context, csv: SavedCsvImport): void {
  const file = toRoot(csv.file);
  const what = `savedcsvimport ${csv.scriptId}`;
  const users = [...ctx.bundles.values()].filter((b) => b.scan.customIds.has(csv.scriptId));
  if (users.length === 0) {
    report(ctx, file, `${what}: no compiled bundle under ${PROJECT_FOLDER}/${FILE_CABINET_FOLDER} contains the string '${csv.scriptId}', so no script submits this import`);
  }
  const importFiles = csv.files.map((f) => f.file);
  const userList = users.map((b) => b.cabinetPath).join(', ');
  for (const recordMapping of csv.recordMappings) {
    for (const mapping of recordMapping.fieldMappings) {
      const where = `field ${mapping.field || '(empty)'} of ${recordMapping.record}`;
      if (mapping.column === undefined && mapping.value === undefined) {
        report(ctx, file, `${what}: ${where} has neither a <value> nor a <columnreference>`);
        continue;
      }
      if (mapping.column === undefined) continue;
      const column = mapping.column;
      if (users.length > 0 && !users.some((b) => b.scan.literals.has(column))) {
        report(ctx, file, `${what}: column "${column}" (${where}) is not a string literal in any bundle that submits the import (${userList}), so no code writes it`);
      }
      if (mapping.columnFile !== undefined && !importFiles.includes(mapping.columnFile)) {
        report(ctx, file, `${what}: column "${column}" (${where}) is read from file ${mapping.columnFile}, which is not one of the import's files (${importFiles.join(', ') || 'none'})`);
      }
    }
  }
}

/** 7. Custom ids in code, CSV field mappings and [scriptid=...] references are defined; imported body fields apply to the record. */
function checkCustomIds(ctx: Context): void {
  for (const bundle of ctx.bundles.values()) {
    for (const id of [...bundle.scan.customIds].sort()) {
      if (!id.startsWith(PARAMETER_PREFIX) && !isDefinedOrExternal(ctx, id)) report(ctx, bundle.file, `the code uses ${id}, which is ${undefinedIdHint}`);
    }
  }
  const reported = new Set<string>();
  const transactionFields = new Map(
    ctx.objects.customFields.filter((f) => f.kind === 'transactionbodycustomfield' || f.kind === 'transactioncolumncustomfield').map((f) => [f.scriptId, f]),
  );
  for (const csv of ctx.objects.csvImports) {
    const file = toRoot(csv.file);
    const recordType = csv.recordType.toLowerCase();
    for (const recordMapping of csv.recordMappings) {
      const onBody = recordMapping.record === csv.recordType;
      for (const mapping of recordMapping.fieldMappings) {
        for (const id of findCustomIds(mapping.field)) {
          if (!isDefinedOrExternal(ctx, id)) {
            reported.add(`${csv.file}|${id}`);
            report(ctx, file, `savedcsvimport ${csv.scriptId}: field mapping ${mapping.field} on ${recordMapping.record} uses ${id}, which is ${undefinedIdHint}`);
          }
          const field = transactionFields.get(id);
          if (!field) continue;
          const prefix = field.kind === 'transactionbodycustomfield' ? 'body' : 'col';
          if ((prefix === 'body') !== onBody) {
            report(ctx, file, `savedcsvimport ${csv.scriptId}: maps ${field.kind} ${id} on ${recordMapping.record}; a ${prefix === 'body' ? 'body field belongs on the record mapping' : 'column field belongs on a sublist mapping'}`);
            continue;
          }
          const flag = transactionFlagFor(prefix, recordType);
          if (flag && !transactionFieldApplies(field.appliesTo, recordType)) {
            report(ctx, file, `savedcsvimport ${csv.scriptId}: maps ${id} on ${recordMapping.record}, but the field does not apply to ${csv.recordType} (set <${flag}>T</${flag}> in ${toRoot(field.file)})`);
          }
        }
      }
    }
  }
  for (const entry of ctx.objects.objectFiles) {
    for (const reference of entry.references) {
      for (const id of findCustomIds(reference)) {
        if (isDefinedOrExternal(ctx, id) || reported.has(`${entry.file}|${id}`)) continue;
        reported.add(`${entry.file}|${id}`);
        report(ctx, toRoot(entry.file), `${entry.tag} ${entry.scriptId ?? ''}: references [scriptid=${reference}], but ${id} is ${undefinedIdHint}`);
      }
    }
  }
}

/** 8. Manifest features: known ids only, and the features our objects and code need, required. */
function checkFeatures(ctx: Context): void {
  const manifest = ctx.objects.manifest;
  if (!manifest) return;
  const file = toRoot(manifest.file);
  if (!PROJECT_TYPES.has(manifest.projectType)) {
    report(ctx, file, `projecttype "${manifest.projectType}" must be one of ${[...PROJECT_TYPES].join(', ')}`);
  }
  const declared = new Map<string, boolean>();
  for (const feature of manifest.features) {
    if (!KNOWN_FEATURES.has(feature.id)) report(ctx, file, `unknown feature id ${feature.id || '(empty)'}; NetSuite would reject it (known ids are listed in tools/sdf/rules.ts)`);
    if (declared.has(feature.id)) report(ctx, file, `feature ${feature.id} is declared twice`);
    declared.set(feature.id, feature.required || declared.get(feature.id) === true);
  }

  const needed = new Map<string, { required: boolean; reason: string }>();
  const need = (feature: string, reason: string, required = true): void => {
    const known = needed.get(feature);
    if (!known || (required && !known.required)) needed.set(feature, { required, reason });
  };
  // Object-level and element-level needs come from check 10 (the closed element sets), in file order.
  for (const n of ctx.featureNeeds) need(n.feature, n.reason, n.required);
  const firstSearch = ctx.objects.savedSearches[0];
  if (firstSearch) need('SERVERSIDESCRIPTING', `saved searches (${firstSearch.scriptId})`);
  const inventoryImport = ctx.objects.csvImports.find((c) => INVENTORY_CSV_RECORD_TYPES.has(c.recordType));
  const inventoryCode = [...ctx.bundles.values()].find(
    (b) => [...INVENTORY_RECORD_LITERALS].some((l) => b.scan.literals.has(l)) || [...INVENTORY_RECORD_ENUM_NAMES].some((n) => b.scan.identifiers.has(n)),
  );
  const inventoryReason = inventoryImport
    ? `savedcsvimport ${inventoryImport.scriptId} (${inventoryImport.recordType})`
    : inventoryCode
      ? `${inventoryCode.cabinetPath} (inventory adjustment, transfer or item receipt records)`
      : undefined;
  if (inventoryReason) for (const feature of INVENTORY_FEATURES) need(feature, inventoryReason);
  // Item Receipts are separate transactions only with Advanced Receiving (SDF-FIELDS.md §7.1: bodyitemreceipt needs ADVRECEIVING).
  const receiptCode = [...ctx.bundles.values()].find((b) => b.scan.literals.has('itemreceipt') || b.scan.identifiers.has('ITEM_RECEIPT'));
  if (receiptCode) need('ADVRECEIVING', `${receiptCode.cabinetPath} (creates item receipts, which exist only with Advanced Receiving)`);

  for (const [feature, { required, reason }] of needed) {
    const declaredRequired = declared.get(feature);
    if (declaredRequired === undefined) report(ctx, file, `feature ${feature} is needed: ${reason}, but it is not declared in <dependencies><features>`);
    else if (required && !declaredRequired) report(ctx, file, `feature ${feature} is needed: ${reason}, and must be declared required="true"`);
  }
}

/** 9. Deployment statuses per script type: a warning, since SDF-FIELDS.md §2 marks the split [U]. */
function checkDeploymentStatuses(ctx: Context): void {
  for (const script of ctx.objects.scripts) {
    const statuses = DEPLOYMENT_STATUSES[script.objectType];
    for (const d of script.deployments) {
      if (d.status !== '' && !statuses.has(d.status)) {
        ctx.warnings.push({
          file: toRoot(script.file),
          message: `deployment ${d.scriptId} of ${script.scriptId}: status ${d.status} is unusual for a ${script.objectType} (${[...statuses].join(', ')}) [U: see docs/sandbox-checklist.md]`,
        });
      }
    }
  }
}

/** 10. Every object file against its type's closed element set; collects the features elements and values need. */
function checkSchemas(ctx: Context): void {
  for (const entry of ctx.objects.objectFiles) {
    if (!entry.file.startsWith(`${OBJECTS_FOLDER}/`)) continue;
    const name = `${entry.tag} ${entry.scriptId ?? '(no scriptid)'}`;
    const result = checkObjectSchema(path.join(ctx.objects.projectFolder, entry.file), name);
    for (const f of result.findings) (f.severity === 'error' ? ctx.issues : ctx.warnings).push({ file: toRoot(entry.file), message: f.message });
    ctx.featureNeeds.push(...result.features);
  }
}

// ---------------------------------------------------------------------------------------------- entry point

export interface ValidationResult {
  issues: Issue[];
  objects: ProjectObjects;
  /** Number of compiled .js files under src/FileCabinet. */
  bundleCount: number;
  /** Findings on rules the reference leaves open ([U]); they do not fail validation. */
  warnings: Issue[];
}

/** Validates the SDF project in `<projectRoot>/src` against its compiled bundles; also returns what it read. */
export function runValidation(projectRoot: string): ValidationResult {
  const root = path.resolve(projectRoot);
  const projectFolder = path.join(root, PROJECT_FOLDER);
  const issues: Issue[] = [];
  const external = loadExternalIds(root, issues);
  const objects = loadProjectObjects(projectFolder);
  const cabinetFiles = listFilesRecursive(path.join(projectFolder, FILE_CABINET_FOLDER));
  const sites = collectIdSites(objects);
  const ctx: Context = {
    objects,
    bundles: loadBundles(projectFolder, cabinetFiles),
    cabinetFiles,
    definedIds: new Set([...sites.map((s) => s.id).filter((id) => id !== ''), ...unparsedObjectIds(objects)]),
    external,
    issues,
    warnings: [],
    featureNeeds: [],
  };
  checkObjectFiles(ctx);
  checkScriptFiles(ctx);
  checkDeployCoverage(ctx);
  checkIds(ctx, sites);
  checkParameters(ctx);
  for (const csv of objects.csvImports) checkCsvImportColumns(ctx, csv);
  checkCustomIds(ctx);
  checkSchemas(ctx);
  checkFeatures(ctx);
  checkDeploymentStatuses(ctx);
  // Stable sort: grouped by file, in check order within a file.
  const sorted = issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => a.issue.file.localeCompare(b.issue.file) || a.index - b.index)
    .map((x) => x.issue);
  return { issues: sorted, objects, bundleCount: ctx.bundles.size, warnings: ctx.warnings };
}

/** The issues of the SDF project in `<projectRoot>/src`, sorted by file; empty when it is valid. */
export function validateProject(projectRoot: string): Issue[] {
  return runValidation(projectRoot).issues;
}
