import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadProjectObjects, type ProjectObjects } from '../../../runtime/objects';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** Writes `files` (paths relative to the project folder) into a new temporary project folder and loads it. */
function load(files: Record<string, string>): ProjectObjects {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hwx-objects-'));
  folders.push(folder);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), text);
  }
  return loadProjectObjects(folder);
}

const manifest = `<manifest projecttype="ACCOUNTCUSTOMIZATION">
  <projectname>HotWax Inventory</projectname>
  <frameworkversion>1.0</frameworkversion>
  <dependencies>
    <features>
      <feature required="true">SERVERSIDESCRIPTING</feature>
      <feature required="false">CREATESUITEBUNDLES</feature>
      <feature>SUBSIDIARIES</feature>
    </features>
  </dependencies>
</manifest>`;

const deploy = `<deploy>
  <configuration><path>~/AccountConfiguration/*</path></configuration>
  <files><path>~/FileCabinet/SuiteScripts/*</path></files>
  <objects><path>~/Objects/*</path></objects>
  <translationimports><path>~/Translations/*</path></translationimports>
</deploy>`;

const base = { 'manifest.xml': manifest, 'deploy.xml': deploy };

// NETSUITE.md 3, with comments and whitespace as an exported object has them.
const csvImport = `<?xml version="1.0" encoding="UTF-8"?>
<savedcsvimport scriptid="custimport_hwx_invadj">        <!-- prefix custimport, ≤40 chars -->
  <recordtype>INVENTORYADJUSTMENT</recordtype>
  <importname>Inv Adj Import</importname>
  <datahandling>ADDUPDATE</datahandling>
  <charencoding>UTF_8</charencoding>
  <columndelimiter>COMMA</columndelimiter> <decimaldelimiter>PERIOD</decimaldelimiter>
  <multiselectdelimiter>|</multiselectdelimiter>
  <transactionform>STANDARDINVENTORYADJUSTMENT</transactionform>
  <ignorereadonly>T</ignorereadonly> <overwritemissingfields>F</overwritemissingfields>
  <overwritesublists>F</overwritesublists> <runserversuitescript>T</runserversuitescript>
  <usemultithread>F</usemultithread> <validatemandatorycustfields>T</validatemandatorycustfields>
  <filemappings><filemapping><file>INVENTORYADJUSTMENT</file></filemapping></filemappings>
  <recordmappings>
    <recordmapping><record>INVENTORYADJUSTMENT</record><fieldmappings>
      <fieldmapping><field>SUBSIDIARY</field><columnreference>
        <column>Subsidiary</column><file>INVENTORYADJUSTMENT</file><type>INTERNAL_ID</type>
      </columnreference></fieldmapping>
      <fieldmapping><field>TRANID</field><columnreference>
        <column>Reference No</column><file>INVENTORYADJUSTMENT</file><type>NAME</type>
      </columnreference></fieldmapping>
      <fieldmapping><field>[scriptid=custbody_hwx_inventory_adj_number]</field><columnreference>
        <column>HotWax Id</column><file>INVENTORYADJUSTMENT</file><type>NAME</type>
      </columnreference></fieldmapping>
      <fieldmapping><field>MEMO</field><value>007</value></fieldmapping>
    </fieldmappings></recordmapping>
    <recordmapping><record>INVENTORYADJUSTMENT:INVENTORY</record><fieldmappings>
      <fieldmapping><field>ITEM</field><columnreference>
        <column>Item</column><file>INVENTORYADJUSTMENT</file><type>INTERNAL_ID</type>
      </columnreference></fieldmapping>
      <fieldmapping><field>ADJUSTQTYBY</field><columnreference>
        <column>Adjust Qty By</column><file>INVENTORYADJUSTMENT</file><type>NAME</type>
      </columnreference></fieldmapping>
    </fieldmappings></recordmapping>
  </recordmappings>
</savedcsvimport>`;

const mapReduce = `<mapreducescript scriptid="customscript_hwx_mr_variance">
  <name>HotWax Variances</name>
  <scriptfile>[/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js]</scriptfile>
  <isinactive>F</isinactive>
  <notifyowner>T</notifyowner>
  <scriptcustomfields>
    <scriptcustomfield scriptid="custscript_hwx_mr_folder">
      <fieldtype>TEXT</fieldtype>
      <label>Folder</label>
      <defaultvalue>inventoryadjustment</defaultvalue>
      <ismandatory>T</ismandatory>
      <selectrecordtype></selectrecordtype>
    </scriptcustomfield>
    <scriptcustomfield scriptid="custscript_hwx_mr_dry_run">
      <fieldtype>CHECKBOX</fieldtype>
      <label>Dry run</label>
      <defaultchecked>T</defaultchecked>
    </scriptcustomfield>
    <scriptcustomfield scriptid="custscript_hwx_mr_config">
      <fieldtype>SELECT</fieldtype>
      <label>SFTP configuration</label>
      <defaultvalue></defaultvalue>
      <selectrecordtype>[scriptid=customrecord_hwx_sftp_config]</selectrecordtype>
    </scriptcustomfield>
    <scriptcustomfield scriptid="custscript_hwx_mr_max_rows">
      <fieldtype>INTEGER</fieldtype>
      <label>Max rows</label>
      <defaultvalue>25000</defaultvalue>
    </scriptcustomfield>
  </scriptcustomfields>
  <scriptdeployments>
    <scriptdeployment scriptid="customdeploy_hwx_mr_variance">
      <status>SCHEDULED</status>
      <title>HotWax Variances (every 15 minutes)</title>
      <isdeployed>T</isdeployed>
      <loglevel>AUDIT</loglevel>
      <runasrole>ADMINISTRATOR</runasrole>
      <buffersize>1</buffersize>
      <concurrencylimit>2</concurrencylimit>
      <queueallstagesatonce>T</queueallstagesatonce>
      <yieldaftermins>30</yieldaftermins>
      <custscript_hwx_mr_folder>cyclecount</custscript_hwx_mr_folder>
      <custscript_hwx_mr_dry_run>F</custscript_hwx_mr_dry_run>
      <custscript_hwx_mr_config>[scriptid=customrecord_hwx_sftp_config.val_main]</custscript_hwx_mr_config>
      <recurrence>
        <daily>
          <everyxdays>1</everyxdays>
          <repeat>PT15M</repeat>
          <startdate>2025-01-01</startdate>
          <starttime>01:00:00Z</starttime>
        </daily>
      </recurrence>
    </scriptdeployment>
    <scriptdeployment scriptid="customdeploy_hwx_mr_variance_now">
      <status>NOTSCHEDULED</status>
      <title>On demand</title>
      <isdeployed>F</isdeployed>
    </scriptdeployment>
  </scriptdeployments>
</mapreducescript>`;

describe('loadProjectObjects: savedcsvimport', () => {
  const objects = load({ ...base, 'Objects/variances/custimport_hwx_invadj.xml': csvImport });

  it('reads the import with its options, files and field mappings', () => {
    expect(objects.xmlErrors).toEqual([]);
    expect(objects.csvImports).toEqual([
      {
        scriptId: 'custimport_hwx_invadj',
        file: 'Objects/variances/custimport_hwx_invadj.xml',
        recordType: 'INVENTORYADJUSTMENT',
        importName: 'Inv Adj Import',
        dataHandling: 'ADDUPDATE',
        options: {
          charencoding: 'UTF_8',
          columndelimiter: 'COMMA',
          decimaldelimiter: 'PERIOD',
          multiselectdelimiter: '|',
          transactionform: 'STANDARDINVENTORYADJUSTMENT',
          ignorereadonly: true,
          overwritemissingfields: false,
          overwritesublists: false,
          runserversuitescript: true,
          usemultithread: false,
          validatemandatorycustfields: true,
        },
        files: [{ file: 'INVENTORYADJUSTMENT' }],
        recordMappings: [
          {
            record: 'INVENTORYADJUSTMENT',
            fieldMappings: [
              { field: 'SUBSIDIARY', column: 'Subsidiary', columnFile: 'INVENTORYADJUSTMENT', referenceType: 'INTERNAL_ID' },
              { field: 'TRANID', column: 'Reference No', columnFile: 'INVENTORYADJUSTMENT', referenceType: 'NAME' },
              { field: 'custbody_hwx_inventory_adj_number', column: 'HotWax Id', columnFile: 'INVENTORYADJUSTMENT', referenceType: 'NAME' },
              { field: 'MEMO', value: '007' },
            ],
          },
          {
            record: 'INVENTORYADJUSTMENT:INVENTORY',
            fieldMappings: [
              { field: 'ITEM', column: 'Item', columnFile: 'INVENTORYADJUSTMENT', referenceType: 'INTERNAL_ID' },
              { field: 'ADJUSTQTYBY', column: 'Adjust Qty By', columnFile: 'INVENTORYADJUSTMENT', referenceType: 'NAME' },
            ],
          },
        ],
      },
    ]);
  });

  it('lists the object file with its [scriptid=...] references', () => {
    expect(objects.objectFiles).toEqual([
      { file: 'Objects/variances/custimport_hwx_invadj.xml', tag: 'savedcsvimport', scriptId: 'custimport_hwx_invadj', references: ['custbody_hwx_inventory_adj_number'] },
    ]);
  });

  it('reads primary and foreign keys of a multi-file import', () => {
    const multi = load({
      ...base,
      'Objects/custimport_hwx_so.xml': `<savedcsvimport scriptid="custimport_hwx_so"><recordtype>SALESORDER</recordtype><importname>SO</importname><datahandling>ADD</datahandling>
        <filemappings>
          <filemapping><file>SALESORDER</file><primarykey>Transaction ID</primarykey></filemapping>
          <filemapping><file>SALESORDER:ITEMS</file><foreignkey>Transaction ID</foreignkey></filemapping>
        </filemappings></savedcsvimport>`,
    });
    expect(multi.csvImports[0]?.files).toEqual([
      { file: 'SALESORDER', primaryKey: 'Transaction ID' },
      { file: 'SALESORDER:ITEMS', foreignKey: 'Transaction ID' },
    ]);
    expect(multi.csvImports[0]?.recordMappings).toEqual([]);
  });
});

describe('loadProjectObjects: map/reduce script', () => {
  const objects = load({ ...base, 'Objects/variances/customscript_hwx_mr_variance.xml': mapReduce });
  const script = objects.scripts[0];

  it('reads the script fields and the scriptfile without brackets', () => {
    expect(objects.scripts).toHaveLength(1);
    expect(script).toMatchObject({
      scriptId: 'customscript_hwx_mr_variance',
      objectType: 'mapreducescript',
      file: 'Objects/variances/customscript_hwx_mr_variance.xml',
      name: 'HotWax Variances',
      scriptFile: '/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js',
      isInactive: false,
    });
  });

  it('reads parameters, with a checkbox default from <defaultchecked> and empty values left out', () => {
    expect(script?.params).toEqual([
      { scriptId: 'custscript_hwx_mr_folder', fieldType: 'TEXT', label: 'Folder', defaultValue: 'inventoryadjustment', isMandatory: true },
      { scriptId: 'custscript_hwx_mr_dry_run', fieldType: 'CHECKBOX', label: 'Dry run', defaultValue: 'T', isMandatory: false },
      { scriptId: 'custscript_hwx_mr_config', fieldType: 'SELECT', label: 'SFTP configuration', isMandatory: false, selectRecordType: '[scriptid=customrecord_hwx_sftp_config]' },
      { scriptId: 'custscript_hwx_mr_max_rows', fieldType: 'INTEGER', label: 'Max rows', defaultValue: '25000', isMandatory: false },
    ]);
  });

  it('reads deployments with parameter values, map/reduce fields and the raw recurrence', () => {
    expect(script?.deployments).toEqual([
      {
        scriptId: 'customdeploy_hwx_mr_variance',
        status: 'SCHEDULED',
        title: 'HotWax Variances (every 15 minutes)',
        isDeployed: true,
        logLevel: 'AUDIT',
        runAsRole: 'ADMINISTRATOR',
        paramValues: {
          custscript_hwx_mr_folder: 'cyclecount',
          custscript_hwx_mr_dry_run: 'F',
          custscript_hwx_mr_config: '[scriptid=customrecord_hwx_sftp_config.val_main]',
        },
        bufferSize: 1,
        concurrencyLimit: 2,
        queueAllStagesAtOnce: true,
        yieldAfterMins: 30,
        recurrence: { daily: { everyxdays: '1', repeat: 'PT15M', startdate: '2025-01-01', starttime: '01:00:00Z' } },
      },
      // Defaults: loglevel DEBUG; no map/reduce fields when absent.
      { scriptId: 'customdeploy_hwx_mr_variance_now', status: 'NOTSCHEDULED', title: 'On demand', isDeployed: false, logLevel: 'DEBUG', paramValues: {} },
    ]);
  });

  it('keeps a map/reduce number that is not a whole number as NaN for the validator', () => {
    const bad = load({ ...base, 'Objects/customscript_hwx_mr_bad.xml': mapReduce.replace('<concurrencylimit>2</concurrencylimit>', '<concurrencylimit>two</concurrencylimit>') });
    expect(bad.scripts[0]?.deployments[0]?.concurrencyLimit).toBeNaN();
  });

  it('reads one deployment as a list and an empty parameter list', () => {
    const single = load({
      ...base,
      'Objects/customscript_hwx_sc_one.xml': `<scheduledscript scriptid="customscript_hwx_sc_one"><name>One</name><scriptfile>[/SuiteScripts/one.js]</scriptfile>
        <scriptcustomfields/>
        <scriptdeployments><scriptdeployment scriptid="customdeploy_hwx_sc_one"><status>TESTING</status><title>One</title></scriptdeployment></scriptdeployments>
      </scheduledscript>`,
    });
    expect(single.scripts[0]).toMatchObject({ objectType: 'scheduledscript', params: [], deployments: [{ scriptId: 'customdeploy_hwx_sc_one', isDeployed: true }] });
  });
});

describe('loadProjectObjects: records, fields and other objects', () => {
  const objects = load({
    ...base,
    'Objects/shared/customrecord_hwx_sftp_config.xml': `<customrecordtype scriptid="customrecord_hwx_sftp_config">
      <recordname>HotWax SFTP Configuration</recordname>
      <customrecordcustomfields>
        <customrecordcustomfield scriptid="custrecord_hwx_sftp_host"><fieldtype>TEXT</fieldtype><label>Host</label><ismandatory>T</ismandatory></customrecordcustomfield>
        <customrecordcustomfield scriptid="custrecord_hwx_sftp_location"><fieldtype>SELECT</fieldtype><label>Location</label><selectrecordtype>-103</selectrecordtype></customrecordcustomfield>
      </customrecordcustomfields>
    </customrecordtype>`,
    'Objects/variances/custbody_hwx_source_file.xml': `<transactionbodycustomfield scriptid="custbody_hwx_source_file">
      <fieldtype>TEXT</fieldtype><label translate="T">Source File</label>
      <bodyinventoryadjustment>T</bodyinventoryadjustment><bodyitemreceipt>F</bodyitemreceipt><bodytransferorder>T</bodytransferorder>
      <storevalue>T</storevalue><showinlist>T</showinlist>
    </transactionbodycustomfield>`,
    'Objects/variances/custcol_hwx_reason.xml': `<transactioncolumncustomfield scriptid="custcol_hwx_reason">
      <fieldtype>TEXT</fieldtype><label>Reason</label><colinventoryadjustment>T</colinventoryadjustment><ismandatory>F</ismandatory>
    </transactioncolumncustomfield>`,
    'Objects/custrecord_hwx_other.xml': `<othercustomfield scriptid="custrecord_hwx_other"><fieldtype>CHECKBOX</fieldtype><label>Other</label><rectype>LOCATION</rectype></othercustomfield>`,
    'Objects/customsearch_hwx_open_pos.xml': '<savedsearch scriptid="customsearch_hwx_open_pos"><definition>hash@GZC@1@H4sI</definition></savedsearch>',
    'Objects/custsecret_hwx_sftp.xml': '<secret scriptid="custsecret_hwx_sftp"><label>SFTP</label></secret>',
    'Objects/custform_hwx_adj.xml': '<transactionForm scriptid="custform_hwx_adj" standard="STANDARDINVENTORYADJUSTMENT"><name>Adj</name></transactionForm>',
    'Objects/README.txt': 'not an object',
  });

  it('reads custom record types with their fields', () => {
    expect(objects.customRecordTypes).toEqual([
      {
        scriptId: 'customrecord_hwx_sftp_config',
        file: 'Objects/shared/customrecord_hwx_sftp_config.xml',
        recordName: 'HotWax SFTP Configuration',
        fields: [
          { scriptId: 'custrecord_hwx_sftp_host', fieldType: 'TEXT', label: 'Host', isMandatory: true },
          { scriptId: 'custrecord_hwx_sftp_location', fieldType: 'SELECT', label: 'Location', isMandatory: false, selectRecordType: '-103' },
        ],
      },
    ]);
  });

  it('reads custom fields with the record types they apply to', () => {
    expect(objects.customFields).toEqual([
      { scriptId: 'custrecord_hwx_other', kind: 'othercustomfield', file: 'Objects/custrecord_hwx_other.xml', fieldType: 'CHECKBOX', label: 'Other', isMandatory: false, appliesTo: ['LOCATION'] },
      {
        scriptId: 'custbody_hwx_source_file',
        kind: 'transactionbodycustomfield',
        file: 'Objects/variances/custbody_hwx_source_file.xml',
        fieldType: 'TEXT',
        label: 'Source File',
        isMandatory: false,
        appliesTo: ['bodyinventoryadjustment', 'bodytransferorder'],
      },
      { scriptId: 'custcol_hwx_reason', kind: 'transactioncolumncustomfield', file: 'Objects/variances/custcol_hwx_reason.xml', fieldType: 'TEXT', label: 'Reason', isMandatory: false, appliesTo: ['colinventoryadjustment'] },
    ]);
  });

  it('keeps saved searches, secrets and unknown object types by id, and ignores non-XML files', () => {
    expect(objects.savedSearches).toEqual([{ scriptId: 'customsearch_hwx_open_pos', file: 'Objects/customsearch_hwx_open_pos.xml' }]);
    expect(objects.secrets).toEqual([{ scriptId: 'custsecret_hwx_sftp', file: 'Objects/custsecret_hwx_sftp.xml' }]);
    expect(objects.others).toEqual([{ tag: 'transactionForm', scriptId: 'custform_hwx_adj', file: 'Objects/custform_hwx_adj.xml' }]);
    expect(objects.objectFiles.map((f) => f.file)).not.toContain('Objects/README.txt');
    expect(objects.objectFiles).toHaveLength(7);
  });
});

describe('loadProjectObjects: manifest, deploy.xml and broken files', () => {
  it('reads the manifest features and the deploy path patterns', () => {
    const objects = load(base);
    expect(objects.manifest).toEqual({
      file: 'manifest.xml',
      projectType: 'ACCOUNTCUSTOMIZATION',
      projectName: 'HotWax Inventory',
      frameworkVersion: '1.0',
      features: [
        { id: 'SERVERSIDESCRIPTING', required: true },
        { id: 'CREATESUITEBUNDLES', required: false },
        { id: 'SUBSIDIARIES', required: false },
      ],
    });
    expect(objects.deploy).toEqual({
      file: 'deploy.xml',
      files: ['~/FileCabinet/SuiteScripts/*'],
      objects: ['~/Objects/*'],
      configuration: ['~/AccountConfiguration/*'],
      translationImports: ['~/Translations/*'],
    });
    expect(objects.xmlErrors).toEqual([]);
  });

  it('lists files that do not parse or are missing instead of throwing, and still reads the rest', () => {
    const objects = load({
      'deploy.xml': '<objects><path>~/Objects/*</path></objects>',
      'Objects/customscript_hwx_broken.xml': '<scheduledscript scriptid="customscript_hwx_broken"><name>x</scheduledscript>',
      'Objects/customscript_hwx_empty.xml': '',
      'Objects/customscript_hwx_two_roots.xml': '<a scriptid="x"/><b/>',
      'Objects/custcol_hwx_ok.xml': '<transactioncolumncustomfield scriptid="custcol_hwx_ok"><fieldtype>TEXT</fieldtype></transactioncolumncustomfield>',
      'Objects/no_id.xml': '<transactioncolumncustomfield><fieldtype>TEXT</fieldtype></transactioncolumncustomfield>',
    });
    const brokenMessage: unknown = expect.stringMatching(/^XML does not parse \(line 1, column \d+\): Expected closing tag 'name'/);
    expect(objects.xmlErrors).toEqual([
      { file: 'Objects/customscript_hwx_broken.xml', message: brokenMessage },
      { file: 'Objects/customscript_hwx_empty.xml', message: 'the file is empty' },
      { file: 'Objects/customscript_hwx_two_roots.xml', message: 'expected exactly one root element, found 2 (a, b)' },
      { file: 'manifest.xml', message: 'the file is missing' },
      { file: 'deploy.xml', message: 'the root element is <objects>, expected <deploy>' },
    ]);
    expect(objects.manifest).toBeUndefined();
    expect(objects.deploy).toBeUndefined();
    expect(objects.customFields.map((f) => f.scriptId)).toEqual(['custcol_hwx_ok']);
    expect(objects.objectFiles.find((f) => f.file === 'Objects/no_id.xml')).toEqual({ file: 'Objects/no_id.xml', tag: 'transactioncolumncustomfield', scriptId: undefined, references: [] });
  });
});
