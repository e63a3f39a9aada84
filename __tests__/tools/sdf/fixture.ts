// A small, valid SDF project for the validator tests: one map/reduce script that submits an inventory
// adjustment CSV import, the custom fields the import maps, a custom record type, manifest, deploy.xml and
// the compiled bundle. Tests copy it, change one thing, and write it to a temporary folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type FixtureFiles = Record<string, string>;

export const SCRIPT_XML = 'src/Objects/variances/customscript_hwx_mr_variance.xml';
export const CSV_XML = 'src/Objects/variances/custimport_hwx_variance_adj.xml';
export const BODY_FIELD_XML = 'src/Objects/variances/custbody_hwx_fx_source.xml';
export const COLUMN_FIELD_XML = 'src/Objects/variances/custcol_hwx_fx_reason.xml';
export const RECORD_XML = 'src/Objects/shared/customrecord_hwx_fx_job.xml';
export const MANIFEST = 'src/manifest.xml';
export const DEPLOY = 'src/deploy.xml';
export const BUNDLE = 'src/FileCabinet/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js';
export const EXTERNAL_IDS = 'tools/sdf/external-ids.json';

const manifest = `<manifest projecttype="ACCOUNTCUSTOMIZATION">
  <projectname>Fixture</projectname>
  <frameworkversion>1.0</frameworkversion>
  <dependencies>
    <features>
      <feature required="true">SERVERSIDESCRIPTING</feature>
      <feature required="true">CUSTOMRECORDS</feature>
      <feature required="true">INVENTORY</feature>
      <feature required="true">LOCATIONS</feature>
      <feature required="true">MULTILOCINVT</feature>
      <feature required="true">ACCOUNTING</feature>
      <feature required="false">SUBSIDIARIES</feature>
    </features>
  </dependencies>
</manifest>
`;

const deploy = `<deploy>
  <files>
    <path>~/FileCabinet/SuiteScripts/hotwax_inventory/*</path>
  </files>
  <objects>
    <path>~/Objects/*</path>
  </objects>
</deploy>
`;

const script = `<mapreducescript scriptid="customscript_hwx_mr_variance">
  <name>HotWax Variances</name>
  <scriptfile>[/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js]</scriptfile>
  <isinactive>F</isinactive>
  <scriptcustomfields>
    <scriptcustomfield scriptid="custscript_hwx_mr_variance_folder">
      <fieldtype>TEXT</fieldtype>
      <label>Folder</label>
      <defaultvalue>inventoryadjustment</defaultvalue>
      <ismandatory>F</ismandatory>
    </scriptcustomfield>
    <scriptcustomfield scriptid="custscript_hwx_mr_variance_job">
      <fieldtype>SELECT</fieldtype>
      <label>Job record</label>
      <ismandatory>F</ismandatory>
      <selectrecordtype>[scriptid=customrecord_hwx_fx_job]</selectrecordtype>
    </scriptcustomfield>
  </scriptcustomfields>
  <scriptdeployments>
    <scriptdeployment scriptid="customdeploy_hwx_mr_variance">
      <status>NOTSCHEDULED</status>
      <title>HotWax Variances</title>
      <isdeployed>T</isdeployed>
      <loglevel>AUDIT</loglevel>
      <concurrencylimit>2</concurrencylimit>
      <buffersize>1</buffersize>
      <yieldaftermins>60</yieldaftermins>
      <custscript_hwx_mr_variance_folder>cyclecount</custscript_hwx_mr_variance_folder>
    </scriptdeployment>
  </scriptdeployments>
</mapreducescript>
`;

const mapping = (field: string, column: string, type: string): string => `        <fieldmapping>
          <field>${field}</field>
          <columnreference><column>${column}</column><file>INVENTORYADJUSTMENT</file><type>${type}</type></columnreference>
        </fieldmapping>`;

const csvImport = `<savedcsvimport scriptid="custimport_hwx_variance_adj">
  <recordtype>INVENTORYADJUSTMENT</recordtype>
  <importname>HotWax Variances</importname>
  <datahandling>ADD</datahandling>
  <transactionform>STANDARDINVENTORYADJUSTMENT</transactionform>
  <charencoding>UTF_8</charencoding>
  <columndelimiter>COMMA</columndelimiter>
  <decimaldelimiter>PERIOD</decimaldelimiter>
  <filemappings><filemapping><file>INVENTORYADJUSTMENT</file></filemapping></filemappings>
  <recordmappings>
    <recordmapping>
      <record>INVENTORYADJUSTMENT</record>
      <fieldmappings>
${mapping('EXTERNALID', 'External ID', 'NAME')}
${mapping('ADJLOCATION', 'Adjustment Location', 'INTERNAL_ID')}
${mapping('[scriptid=custbody_hwx_fx_source]', 'Source File', 'NAME')}
        <fieldmapping><field>MEMO</field><value>HotWax variance</value></fieldmapping>
      </fieldmappings>
    </recordmapping>
    <recordmapping>
      <record>INVENTORYADJUSTMENT:INVENTORY</record>
      <fieldmappings>
${mapping('ITEM', 'Item', 'INTERNAL_ID')}
${mapping('LOCATION', 'Location', 'INTERNAL_ID')}
${mapping('ADJUSTQTYBY', 'Adjust Qty By', 'NAME')}
${mapping('[scriptid=custcol_hwx_fx_reason]', 'Reason', 'NAME')}
      </fieldmappings>
    </recordmapping>
  </recordmappings>
</savedcsvimport>
`;

const bodyField = `<transactionbodycustomfield scriptid="custbody_hwx_fx_source">
  <fieldtype>TEXT</fieldtype>
  <label>Source File</label>
  <bodyinventoryadjustment>T</bodyinventoryadjustment>
  <bodyitemreceipt>F</bodyitemreceipt>
  <ismandatory>F</ismandatory>
  <storevalue>T</storevalue>
</transactionbodycustomfield>
`;

const columnField = `<transactioncolumncustomfield scriptid="custcol_hwx_fx_reason">
  <fieldtype>TEXT</fieldtype>
  <label>Reason</label>
  <colinventoryadjustment>T</colinventoryadjustment>
  <ismandatory>F</ismandatory>
</transactioncolumncustomfield>
`;

const record = `<customrecordtype scriptid="customrecord_hwx_fx_job">
  <recordname>HotWax Job</recordname>
  <customrecordcustomfields>
    <customrecordcustomfield scriptid="custrecord_hwx_fx_job_status">
      <fieldtype>TEXT</fieldtype>
      <label>Status</label>
      <ismandatory>F</ismandatory>
    </customrecordcustomfield>
  </customrecordcustomfields>
</customrecordtype>
`;

// What Rollup emits for a map/reduce entry point: the header, then one AMD define().
const bundle = `/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */
define(['exports', 'N/record', 'N/runtime', 'N/task'], (function (exports, record, runtime, task) { 'use strict';

    const COLUMNS = ['External ID', 'Adjustment Location', 'Source File', 'Item', 'Location', 'Adjust Qty By', 'Reason'];
    // A comment mentioning 'custbody_hwx_in_a_comment' is not code.
    function getInputData() {
        const folder = runtime.getCurrentScript().getParameter({ name: 'custscript_hwx_mr_variance_folder' });
        const job = runtime.getCurrentScript().getParameter({ name: 'custscript_hwx_mr_variance_job' });
        return [{ folder, job, type: record.Type.INVENTORY_ADJUSTMENT }];
    }
    function map(context) {
        context.write({ key: context.key, value: COLUMNS.join(',') });
    }
    function summarize() {
        const fields = { custbody_hwx_fx_source: 'x' };
        const columns = ['custbody_hwx_fx_source', 'custcol_hwx_fx_reason', \`customrecord_hwx_fx_job\`, 'custrecord_hwx_fx_job_status'];
        const t = task.create({ taskType: task.TaskType.CSV_IMPORT, mappingId: 'custimport_hwx_variance_adj' });
        return [fields, columns, t.submit()];
    }

    exports.getInputData = getInputData;
    exports.map = map;
    exports.summarize = summarize;

}));
`;

export function validFixture(): FixtureFiles {
  return {
    [MANIFEST]: manifest,
    [DEPLOY]: deploy,
    [SCRIPT_XML]: script,
    [CSV_XML]: csvImport,
    [BODY_FIELD_XML]: bodyField,
    [COLUMN_FIELD_XML]: columnField,
    [RECORD_XML]: record,
    [BUNDLE]: bundle,
    [EXTERNAL_IDS]: '{"ids": [], "why": {}}\n',
  };
}

/** A copy of `files` with `from` replaced by `to` in `file`; fails loudly when `from` is not there. */
export function replaceIn(files: FixtureFiles, file: string, from: string | RegExp, to: string): FixtureFiles {
  const text = files[file];
  if (text === undefined) throw new Error(`fixture has no ${file}`);
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture ${file} does not contain ${String(from)}`);
  return { ...files, [file]: changed };
}

/** A copy of `files` without `file`. */
export function without(files: FixtureFiles, file: string): FixtureFiles {
  if (!(file in files)) throw new Error(`fixture has no ${file}`);
  const { [file]: _removed, ...rest } = files;
  return rest;
}

const roots: string[] = [];

/** Writes the files under a new temporary project root and returns it. */
export function writeProject(files: FixtureFiles): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hwx-sdf-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return root;
}

/** Removes every project written so far (call from afterAll). */
export function removeProjects(): void {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
