import { runValidation, validateProject, type Issue } from '../../../tools/sdf/validate';
import {
  BODY_FIELD_XML,
  BUNDLE,
  COLUMN_FIELD_XML,
  CSV_XML,
  DEPLOY,
  EXTERNAL_IDS,
  MANIFEST,
  RECORD_XML,
  SCRIPT_XML,
  removeProjects,
  replaceIn,
  validFixture,
  without,
  writeProject,
  type FixtureFiles,
} from './fixture';

afterAll(removeProjects);

function validate(files: FixtureFiles): Issue[] {
  return validateProject(writeProject(files));
}

/** Asserts that exactly the given issues are reported, each naming its file and containing the text. */
function expectIssues(files: FixtureFiles, ...expected: [file: string, text: string][]): void {
  const issues = validate(files);
  for (const [file, text] of expected) {
    const message: unknown = expect.stringContaining(text);
    expect(issues).toContainEqual({ file, message });
  }
  expect(issues).toHaveLength(expected.length);
}

const fx = validFixture;

describe('validateProject on a valid project', () => {
  it('reports no issue', () => {
    expect(validate(fx())).toEqual([]);
  });

  it('accepts an id the code uses when the allow-list names it with a reason', () => {
    let files = replaceIn(fx(), BUNDLE, "'custrecord_hwx_fx_job_status'", "'custrecord_hwx_fx_job_status', 'custentity_other_bundle_flag'");
    files = { ...files, [EXTERNAL_IDS]: '{"ids": ["custentity_other_bundle_flag"], "why": {"custentity_other_bundle_flag": "installed by another SuiteApp"}}' };
    expect(validate(files)).toEqual([]);
  });
});

describe('1. object files', () => {
  it('reports XML that does not parse', () => {
    expectIssues(replaceIn(fx(), CSV_XML, '</importname>', '</importnam>'), [CSV_XML, 'XML does not parse (line 3']);
  });

  it('reports a root element without scriptid', () => {
    expectIssues(replaceIn(fx(), COLUMN_FIELD_XML, ' scriptid="custcol_hwx_fx_reason"', ''), [COLUMN_FIELD_XML, '<transactioncolumncustomfield> has no scriptid attribute'], [
      CSV_XML,
      'uses custcol_hwx_fx_reason, which is not defined in src/Objects',
    ], [BUNDLE, 'the code uses custcol_hwx_fx_reason, which is not defined']);
  });

  it('reports a file not named after its scriptid', () => {
    const files = fx();
    const renamed = 'src/Objects/shared/job_record.xml';
    expectIssues({ ...without(files, RECORD_XML), [renamed]: files[RECORD_XML] as string }, [
      renamed,
      'customrecordtype customrecord_hwx_fx_job: the file name must be customrecord_hwx_fx_job.xml, not job_record.xml',
    ]);
  });

  it('reports a missing manifest', () => {
    expectIssues(without(fx(), MANIFEST), [MANIFEST, 'the file is missing']);
  });
});

describe('2. script files', () => {
  it('reports a scriptfile missing from the build output', () => {
    expectIssues(
      without(fx(), BUNDLE),
      [SCRIPT_XML, 'script customscript_hwx_mr_variance: scriptfile /SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js is not in the build output (run npm run build)'],
      [CSV_XML, "no compiled bundle under src/FileCabinet contains the string 'custimport_hwx_variance_adj'"],
    );
  });

  it('reports an @NScriptType that does not match the object', () => {
    expectIssues(replaceIn(fx(), BUNDLE, '@NScriptType MapReduceScript', '@NScriptType ScheduledScript'), [
      BUNDLE,
      'script customscript_hwx_mr_variance: the header says @NScriptType ScheduledScript, but a mapreducescript needs MapReduceScript',
    ]);
  });

  it('reports an @NApiVersion other than 2.1', () => {
    expectIssues(replaceIn(fx(), BUNDLE, '@NApiVersion 2.1', '@NApiVersion 2.x'), [BUNDLE, 'the header says @NApiVersion 2.x, expected 2.1']);
  });

  it('reports a bundle whose first comment is not the header', () => {
    expectIssues(replaceIn(fx(), BUNDLE, /^/, '// generated\n'), [BUNDLE, 'its first comment is a // line comment, not the /** ... */ SuiteScript header']);
  });

  it('reports a bundle that is not an AMD module', () => {
    expectIssues(replaceIn(fx(), BUNDLE, "define(['exports', 'N/record', 'N/runtime', 'N/task'], (function (exports, record, runtime, task) {", '(function (exports, record, runtime, task) {'), [
      BUNDLE,
      'not an AMD module: the code after the header must start with define(',
    ]);
  });
});

describe('3. deploy.xml coverage', () => {
  it('reports an object no <objects> path covers', () => {
    expectIssues(replaceIn(fx(), DEPLOY, '<path>~/Objects/*</path>', '<path>~/Objects/variances/*</path>'), [
      RECORD_XML,
      'not deployed: no <objects> path in src/deploy.xml matches ~/Objects/shared/customrecord_hwx_fx_job.xml',
    ]);
  });

  it('reports a File Cabinet file no <files> path covers', () => {
    const extra = 'src/FileCabinet/Templates/report.html';
    expectIssues({ ...fx(), [extra]: '<html></html>' }, [extra, 'not deployed: no <files> path in src/deploy.xml matches ~/FileCabinet/Templates/report.html']);
  });

  it('reports an explicit path that does not exist', () => {
    expectIssues(replaceIn(fx(), DEPLOY, '<path>~/Objects/*</path>', '<path>~/Objects/*</path><path>~/Objects/old/customscript_hwx_gone.xml</path>'), [
      DEPLOY,
      '<objects> path ~/Objects/old/customscript_hwx_gone.xml does not exist',
    ]);
  });
});

describe('4. ids', () => {
  it('reports a deployment id with the wrong prefix', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, 'scriptdeployment scriptid="customdeploy_hwx_mr_variance"', 'scriptdeployment scriptid="custdeploy_hwx_mr_variance"'), [
      SCRIPT_XML,
      'scriptdeployment custdeploy_hwx_mr_variance of customscript_hwx_mr_variance: a scriptdeployment id must start with customdeploy_',
    ]);
  });

  it('reports an id without the project prefix', () => {
    let files = replaceIn(fx(), RECORD_XML, 'custrecord_hwx_fx_job_status', 'custrecord_fx_job_status');
    files = replaceIn(files, BUNDLE, 'custrecord_hwx_fx_job_status', 'custrecord_fx_job_status');
    expectIssues(files, [RECORD_XML, 'customrecordcustomfield custrecord_fx_job_status of customrecord_hwx_fx_job: our ids start with custrecord_hwx_ (project prefix hwx)']);
  });

  it('reports a parameter id longer than 40 characters', () => {
    const long = 'custscript_hwx_mr_variance_folder_name_xx'; // 41 characters
    let files = replaceIn(fx(), SCRIPT_XML, /custscript_hwx_mr_variance_folder/g, long);
    files = replaceIn(files, BUNDLE, 'custscript_hwx_mr_variance_folder', long);
    expectIssues(files, [SCRIPT_XML, `scriptcustomfield ${long} of customscript_hwx_mr_variance: the id is 41 characters long; NetSuite allows at most 40 for a scriptcustomfield`]);
  });

  it('reports an id with upper-case letters', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, 'scriptdeployment scriptid="customdeploy_hwx_mr_variance"', 'scriptdeployment scriptid="customdeploy_hwx_MR_variance"'), [
      SCRIPT_XML,
      'scriptdeployment customdeploy_hwx_MR_variance of customscript_hwx_mr_variance: ids may contain only lowercase letters, digits and underscores',
    ]);
  });

  it('reports an id used twice', () => {
    expectIssues(replaceIn(fx(), RECORD_XML, 'custrecord_hwx_fx_job_status', 'custbody_hwx_fx_source'), [
      RECORD_XML,
      'a customrecordcustomfield id must start with custrecord_',
    ], [RECORD_XML, 'the id is not unique; transactionbodycustomfield custbody_hwx_fx_source in src/Objects/variances/custbody_hwx_fx_source.xml uses it too'], [
      BUNDLE,
      'the code uses custrecord_hwx_fx_job_status, which is not defined',
    ]);
  });
});

describe('5. parameters', () => {
  it('reports a parameter the bundle reads but the script does not declare', () => {
    expectIssues(replaceIn(fx(), BUNDLE, "name: 'custscript_hwx_mr_variance_job'", "name: 'custscript_hwx_mr_variance_jobs'"), [
      SCRIPT_XML,
      'script customscript_hwx_mr_variance: its bundle /SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js uses parameter custscript_hwx_mr_variance_jobs, which the script does not declare in <scriptcustomfields>',
    ]);
  });

  it('reports a deployment value for an undeclared parameter', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '</custscript_hwx_mr_variance_folder>', '</custscript_hwx_mr_variance_folder>\n      <custscript_hwx_mr_variance_limit>5</custscript_hwx_mr_variance_limit>'), [
      SCRIPT_XML,
      'deployment customdeploy_hwx_mr_variance sets custscript_hwx_mr_variance_limit, which script customscript_hwx_mr_variance does not declare as a parameter',
    ]);
  });
});

describe('6. CSV import columns', () => {
  it('reports an import no bundle submits', () => {
    expectIssues(replaceIn(fx(), BUNDLE, "mappingId: 'custimport_hwx_variance_adj'", "mappingId: 'custimport_hwx_variance_adjustment'"), [
      CSV_XML,
      "savedcsvimport custimport_hwx_variance_adj: no compiled bundle under src/FileCabinet contains the string 'custimport_hwx_variance_adj', so no script submits this import",
    ], [BUNDLE, 'the code uses custimport_hwx_variance_adjustment, which is not defined']);
  });

  it('reports a mapped column the code never writes', () => {
    expectIssues(replaceIn(fx(), BUNDLE, "'Adjust Qty By', ", ''), [
      CSV_XML,
      'savedcsvimport custimport_hwx_variance_adj: column "Adjust Qty By" (field ADJUSTQTYBY of INVENTORYADJUSTMENT:INVENTORY) is not a string literal in any bundle that submits the import (/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js)',
    ]);
  });

  it('reports a column read from a file the import does not have', () => {
    expectIssues(replaceIn(fx(), CSV_XML, '<column>Item</column><file>INVENTORYADJUSTMENT</file>', '<column>Item</column><file>INVENTORYADJUSTMENT:INVENTORY</file>'), [
      CSV_XML,
      'column "Item" (field ITEM of INVENTORYADJUSTMENT:INVENTORY) is read from file INVENTORYADJUSTMENT:INVENTORY, which is not one of the import\'s files (INVENTORYADJUSTMENT)',
    ]);
  });

  it('reports a field mapping with neither a value nor a column', () => {
    expectIssues(replaceIn(fx(), CSV_XML, '<fieldmapping><field>MEMO</field><value>HotWax variance</value></fieldmapping>', '<fieldmapping><field>MEMO</field></fieldmapping>'), [
      CSV_XML,
      'field MEMO of INVENTORYADJUSTMENT has neither a <value> nor a <columnreference>',
    ]);
  });
});

describe('7. custom ids are defined', () => {
  it('reports an id the code uses that no object defines', () => {
    expectIssues(replaceIn(fx(), BUNDLE, "'custcol_hwx_fx_reason'", "'custcol_hwx_fx_reason', 'custbody_hwx_fx_missing'"), [
      BUNDLE,
      'the code uses custbody_hwx_fx_missing, which is not defined in src/Objects (add the object, or list the id with a reason in tools/sdf/external-ids.json)',
    ]);
  });

  it('reports an allow-listed id without a reason', () => {
    expectIssues({ ...fx(), [EXTERNAL_IDS]: '{"ids": ["custentity_other"], "why": {}}' }, [EXTERNAL_IDS, 'id custentity_other has no reason in "why"']);
  });

  it('reports a CSV field mapping to an undefined custom field', () => {
    let files = replaceIn(fx(), CSV_XML, '[scriptid=custcol_hwx_fx_reason]', '[scriptid=custcol_hwx_fx_reasons]');
    files = replaceIn(files, BUNDLE, "'custcol_hwx_fx_reason'", "'custcol_hwx_fx_reasons'");
    expectIssues(files, [
      CSV_XML,
      'savedcsvimport custimport_hwx_variance_adj: field mapping custcol_hwx_fx_reasons on INVENTORYADJUSTMENT:INVENTORY uses custcol_hwx_fx_reasons, which is not defined',
    ], [BUNDLE, 'the code uses custcol_hwx_fx_reasons, which is not defined']);
  });

  it('reports a [scriptid=...] reference to an undefined object', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '[scriptid=customrecord_hwx_fx_job]', '[scriptid=customrecord_hwx_fx_jobs]'), [
      SCRIPT_XML,
      'mapreducescript customscript_hwx_mr_variance: references [scriptid=customrecord_hwx_fx_jobs], but customrecord_hwx_fx_jobs is not defined',
    ]);
  });

  it('reports a body field imported on a record it does not apply to', () => {
    expectIssues(replaceIn(fx(), BODY_FIELD_XML, '<bodyinventoryadjustment>T</bodyinventoryadjustment>', '<bodyinventoryadjustment>F</bodyinventoryadjustment>'), [
      CSV_XML,
      'maps custbody_hwx_fx_source on INVENTORYADJUSTMENT, but the field does not apply to INVENTORYADJUSTMENT (set <bodyinventoryadjustment>T</bodyinventoryadjustment> in src/Objects/variances/custbody_hwx_fx_source.xml)',
    ]);
  });
});

describe('8. manifest features', () => {
  it('reports a missing SERVERSIDESCRIPTING', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="true">SERVERSIDESCRIPTING</feature>', ''), [
      MANIFEST,
      'feature SERVERSIDESCRIPTING is needed: mapreducescript customscript_hwx_mr_variance is a mapreducescript, but it is not declared in <dependencies><features>',
    ]);
  });

  it('reports CUSTOMRECORDS declared optional', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="true">CUSTOMRECORDS</feature>', '<feature required="false">CUSTOMRECORDS</feature>'), [
      MANIFEST,
      'feature CUSTOMRECORDS is needed: customrecordtype customrecord_hwx_fx_job is a customrecordtype, and must be declared required="true"',
    ]);
  });

  it('reports a missing MULTILOCINVT for an inventory adjustment import', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="true">MULTILOCINVT</feature>', ''), [
      MANIFEST,
      'feature MULTILOCINVT is needed: savedcsvimport custimport_hwx_variance_adj (INVENTORYADJUSTMENT)',
    ]);
  });

  it('reports a missing INVENTORY when only the code names inventory records', () => {
    let files = replaceIn(fx(), CSV_XML, '<recordtype>INVENTORYADJUSTMENT</recordtype>', '<recordtype>JOURNALENTRY</recordtype>');
    files = replaceIn(files, CSV_XML, 'STANDARDINVENTORYADJUSTMENT', '[scriptid=customform_hwx_journal]');
    files = replaceIn(files, BODY_FIELD_XML, '<bodyinventoryadjustment>T</bodyinventoryadjustment>', '<bodyjournal>T</bodyjournal>');
    files = replaceIn(files, MANIFEST, '<feature required="true">INVENTORY</feature>', '');
    const issues = validate(files).filter((i) => i.file === MANIFEST);
    expect(issues).toEqual([
      { file: MANIFEST, message: 'feature INVENTORY is needed: /SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js (inventory adjustment, transfer or item receipt records), but it is not declared in <dependencies><features>' },
    ]);
  });

  it('reports an unknown feature id', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="false">SUBSIDIARIES</feature>', '<feature required="true">MANUFACTURING</feature>'), [
      MANIFEST,
      'unknown feature id MANUFACTURING',
    ]);
  });

  it('defect 4: a SELECT on Account (-112) needs ACCOUNTING declared required, not optional (Oracle SDFxml_654195790)', () => {
    let files = replaceIn(fx(), RECORD_XML, '</customrecordcustomfields>', `  <customrecordcustomfield scriptid="custrecord_hwx_fx_job_account">
      <fieldtype>SELECT</fieldtype>
      <label>Account</label>
      <selectrecordtype>-112</selectrecordtype>
    </customrecordcustomfield>
  </customrecordcustomfields>`);
    files = replaceIn(files, COLUMN_FIELD_XML, '<colinventoryadjustment>T</colinventoryadjustment>', '<colinventoryadjustment>F</colinventoryadjustment>');
    files = replaceIn(files, MANIFEST, '<feature required="true">ACCOUNTING</feature>', '<feature required="false">ACCOUNTING</feature>');
    expectIssues(
      files,
      [MANIFEST, 'feature ACCOUNTING is needed: customrecordtype customrecord_hwx_fx_job uses selectrecordtype -112 at customrecord_hwx_fx_job.xml/customrecordcustomfields/customrecordcustomfield[custrecord_hwx_fx_job_account]/selectrecordtype, and must be declared required="true"'],
      [CSV_XML, 'maps custcol_hwx_fx_reason on INVENTORYADJUSTMENT:INVENTORY, but the field does not apply to INVENTORYADJUSTMENT (set <colinventoryadjustment>T</colinventoryadjustment>'],
    );
  });

  it('defect 4: an item-receipt applies-to flag needs ADVRECEIVING in the manifest', () => {
    const files = replaceIn(fx(), BODY_FIELD_XML, '<bodyitemreceipt>F</bodyitemreceipt>', '<bodyitemreceipt>T</bodyitemreceipt>');
    expectIssues(files, [MANIFEST, 'feature ADVRECEIVING is needed: transactionbodycustomfield custbody_hwx_fx_source sets custbody_hwx_fx_source.xml/bodyitemreceipt, but it is not declared']);
    expect(validate(replaceIn(files, MANIFEST, '<feature required="false">SUBSIDIARIES</feature>', '<feature required="false">SUBSIDIARIES</feature><feature required="false">ADVRECEIVING</feature>'))).toEqual([]);
  });

  it('code that creates item receipts needs ADVRECEIVING required', () => {
    const files = replaceIn(fx(), BUNDLE, 'type: record.Type.INVENTORY_ADJUSTMENT', 'type: record.Type.INVENTORY_ADJUSTMENT, to: record.Type.ITEM_RECEIPT');
    expectIssues(files, [MANIFEST, 'feature ADVRECEIVING is needed: /SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js (creates item receipts, which exist only with Advanced Receiving)']);
  });
});

describe('9. deployment statuses per script type are warnings ([U] in SDF-FIELDS.md §2)', () => {
  it('warns about RELEASED on a map/reduce deployment but passes', () => {
    const root = writeProject(replaceIn(fx(), SCRIPT_XML, '<status>NOTSCHEDULED</status>', '<status>RELEASED</status>'));
    const result = runValidation(root);
    expect(result.issues).toEqual([]);
    expect(result.warnings).toContainEqual({ file: SCRIPT_XML, message: expect.stringContaining('status RELEASED is unusual for a mapreducescript') as unknown });
  });
});

/** Adds one element right after `<anchor>...</anchor>` line of `file`. */
const addAfter = (files: FixtureFiles, file: string, anchor: string, element: string): FixtureFiles => replaceIn(files, file, anchor, `${anchor}\n  ${element}`);

describe('10. closed element sets (tools/sdf/schema.ts from SDF-FIELDS.md)', () => {
  const SCHED = 'src/Objects/variances/customscript_hwx_sc_fx.xml';
  const SCHED_BUNDLE = 'src/FileCabinet/SuiteScripts/hotwax_inventory/variances/hwx_sc_fx.js';
  const scheduled = (deploymentExtra = ''): FixtureFiles => ({
    ...fx(),
    [SCHED]: `<scheduledscript scriptid="customscript_hwx_sc_fx">
  <name>Fixture Scheduled</name>
  <scriptfile>[/SuiteScripts/hotwax_inventory/variances/hwx_sc_fx.js]</scriptfile>
  <scriptdeployments>
    <scriptdeployment scriptid="customdeploy_hwx_sc_fx">
      <status>SCHEDULED</status>
      <title>Fixture</title>
      <isdeployed>T</isdeployed>${deploymentExtra}
      <recurrence><daily><everyxdays>1</everyxdays><startdate>2026-01-01</startdate><starttime>00:00:00Z</starttime><repeat>PT15M</repeat></daily></recurrence>
    </scriptdeployment>
  </scriptdeployments>
</scheduledscript>
`,
    [SCHED_BUNDLE]: `/**
 * @NApiVersion 2.1
 * @NScriptType ScheduledScript
 */
define(['exports'], (function (exports) { 'use strict';
    function execute() { return 1; }
    exports.execute = execute;
}));
`,
  });

  it('a valid scheduled script with a daily recurrence passes', () => {
    expect(validate(scheduled())).toEqual([]);
  });

  it('defect 2: runasrole on a scheduled-script deployment is an error naming the file (only map/reduce, suitelet and user event have it)', () => {
    expectIssues(scheduled('\n      <runasrole>ADMINISTRATOR</runasrole>'), [SCHED, '<runasrole> is not an element of scheduledscript deployment']);
  });

  it('runasrole on a map/reduce deployment is valid', () => {
    expect(validate(addAfter(fx(), SCRIPT_XML, '<loglevel>AUDIT</loglevel>', '<runasrole>ADMINISTRATOR</runasrole>'))).toEqual([]);
  });

  it('defect 1: a saved import of INVENTORYADJUSTMENT without transactionform is an error naming the standard form', () => {
    expectIssues(replaceIn(fx(), CSV_XML, '  <transactionform>STANDARDINVENTORYADJUSTMENT</transactionform>\n', ''), [
      CSV_XML,
      '<transactionform> is mandatory for recordtype INVENTORYADJUSTMENT (csvimports_transactionformrecordtypes, Oracle SDFxml_313653814); the standard form is STANDARDINVENTORYADJUSTMENT',
    ]);
  });

  it('transactionform on a record type without forms is refused; a form of another type is warned about', () => {
    let files = replaceIn(fx(), CSV_XML, 'STANDARDINVENTORYADJUSTMENT', 'STANDARDINVENTORYTRANSFER');
    const result = runValidation(writeProject(files));
    expect(result.issues).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('STANDARDINVENTORYTRANSFER does not look like the form of INVENTORYADJUSTMENT'));
    files = replaceIn(fx(), CSV_XML, 'STANDARDINVENTORYADJUSTMENT', 'STANDARDFORM');
    expectIssues(files, [CSV_XML, 'transactionform is "STANDARDFORM"; csvimport_transactionform_standard allows']);
  });

  it('an ITEMRECEIPT saved import is refused: not a csvimport_recordtypes value', () => {
    let files = replaceIn(fx(), CSV_XML, '<recordtype>INVENTORYADJUSTMENT</recordtype>', '<recordtype>ITEMRECEIPT</recordtype>');
    files = replaceIn(files, CSV_XML, '  <transactionform>STANDARDINVENTORYADJUSTMENT</transactionform>\n', '');
    const issues = validate(files).filter((i) => i.file === CSV_XML);
    expect(issues.map((i) => i.message)).toContainEqual(expect.stringContaining('recordtype ITEMRECEIPT cannot be imported'));
  });

  it('defect 3: colinventorytransfer and bodyinventorytransfer do not exist', () => {
    expectIssues(
      addAfter(addAfter(fx(), COLUMN_FIELD_XML, '<colinventoryadjustment>T</colinventoryadjustment>', '<colinventorytransfer>T</colinventorytransfer>'), BODY_FIELD_XML, '<bodyinventoryadjustment>T</bodyinventoryadjustment>', '<bodyinventorytransfer>T</bodyinventorytransfer>'),
      [COLUMN_FIELD_XML, '<colinventorytransfer> is not an element of transactioncolumncustomfield'],
      [BODY_FIELD_XML, '<bodyinventorytransfer> is not an element of transactionbodycustomfield'],
    );
  });

  it('an unknown element names the file, the element and what is allowed there', () => {
    const issues = validate(addAfter(fx(), RECORD_XML, '<recordname>HotWax Job</recordname>', '<color>blue</color>'));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.file).toBe(RECORD_XML);
    expect(issues[0]?.message).toMatch(/^customrecordtype customrecord_hwx_fx_job: <color> is not an element of customrecordtype \(at customrecord_hwx_fx_job\.xml\); SDF-FIELDS\.md allows: recordname, customsegment, accesstype, /);
  });

  it('notifyuser is not an element of a map/reduce script; it is of a suitelet-like script', () => {
    expectIssues(addAfter(fx(), SCRIPT_XML, '<isinactive>F</isinactive>', '<notifyuser>T</notifyuser>'), [SCRIPT_XML, '<notifyuser> is not an element of mapreducescript']);
  });

  it('required elements: a deployment without title, a custom field without label', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<title>HotWax Variances</title>', ''), [SCRIPT_XML, 'mapreducescript deployment at customscript_hwx_mr_variance.xml/scriptdeployments/scriptdeployment[customdeploy_hwx_mr_variance] needs <title>']);
    expectIssues(replaceIn(fx(), COLUMN_FIELD_XML, '<label>Reason</label>', ''), [COLUMN_FIELD_XML, 'transactioncolumncustomfield at custcol_hwx_fx_reason.xml needs <label>']);
  });

  it('selectrecordtype is required when fieldtype is SELECT or MULTISELECT', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<selectrecordtype>[scriptid=customrecord_hwx_fx_job]</selectrecordtype>', ''), [SCRIPT_XML, 'a SELECT field needs a <selectrecordtype>']);
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<selectrecordtype>[scriptid=customrecord_hwx_fx_job]</selectrecordtype>', '<selectrecordtype>Location</selectrecordtype>'), [SCRIPT_XML, 'selectrecordtype is "Location"']);
  });

  it('value lists: fieldtype, loglevel, datahandling, charencoding, column reference type, booleans', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<fieldtype>TEXT</fieldtype>', '<fieldtype>LONGTEXT</fieldtype>'), [SCRIPT_XML, 'fieldtype is "LONGTEXT"; generic_customfield_fieldtype allows CHECKBOX']);
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<loglevel>AUDIT</loglevel>', '<loglevel>INFO</loglevel>'), [SCRIPT_XML, 'loglevel is "INFO"; script_loglevel allows DEBUG, AUDIT, ERROR, EMERGENCY, SYSTEM, INTERNAL']);
    expectIssues(replaceIn(fx(), CSV_XML, '<datahandling>ADD</datahandling>', '<datahandling>MERGE</datahandling>'), [CSV_XML, 'datahandling is "MERGE"; csvimport_datahandling allows ADD, ADDUPDATE, UPDATE']);
    expectIssues(replaceIn(fx(), CSV_XML, '<charencoding>UTF_8</charencoding>', '<charencoding>UTF-8</charencoding>'), [CSV_XML, 'charencoding is "UTF-8"; csvimport_encoding allows']);
    expectIssues(replaceIn(fx(), CSV_XML, '<column>Item</column><file>INVENTORYADJUSTMENT</file><type>INTERNAL_ID</type>', '<column>Item</column><file>INVENTORYADJUSTMENT</file><type>ID</type>'), [CSV_XML, 'type is "ID"; csvimport_referencetype allows EXTERNAL_ID, INTERNAL_ID, NAME, SCRIPT_ID']);
    expectIssues(replaceIn(fx(), BODY_FIELD_XML, '<storevalue>T</storevalue>', '<storevalue>true</storevalue>'), [BODY_FIELD_XML, 'storevalue is "true"; booleans are T or F']);
  });

  it('a SYSTEM log level is valid (script_loglevel has six values)', () => {
    expect(validate(replaceIn(fx(), SCRIPT_XML, '<loglevel>AUDIT</loglevel>', '<loglevel>SYSTEM</loglevel>'))).toEqual([]);
  });

  it('map/reduce numbers: yieldaftermins 3-60, concurrencylimit a whole number, retrycount is no deployment element', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<yieldaftermins>60</yieldaftermins>', '<yieldaftermins>90</yieldaftermins>'), [SCRIPT_XML, 'yieldaftermins is 90; it must be between 3 and 60']);
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<concurrencylimit>2</concurrencylimit>', '<concurrencylimit>two</concurrencylimit>'), [SCRIPT_XML, 'concurrencylimit is "two"; a whole number is expected']);
    expectIssues(addAfter(fx(), SCRIPT_XML, '<buffersize>1</buffersize>', '<retrycount>2</retrycount>'), [SCRIPT_XML, '<retrycount> is not an element of mapreducescript deployment']);
  });

  it('recurrence: repeat only from PT15M..PT12H, dates YYYY-MM-DD, times HH:MM:SSZ, weekly needs all seven days', () => {
    const withRecurrence = (inner: string): FixtureFiles => addAfter(fx(), SCRIPT_XML, '<yieldaftermins>60</yieldaftermins>', `<recurrence>${inner}</recurrence>`);
    expect(validate(withRecurrence('<daily><everyxdays>1</everyxdays><startdate>2026-01-01</startdate><starttime>01:00:00Z</starttime><repeat>PT1H</repeat></daily>'))).toEqual([]);
    expectIssues(withRecurrence('<daily><everyxdays>1</everyxdays><startdate>2026-01-01</startdate><starttime>01:00:00Z</starttime><repeat>PT5M</repeat></daily>'), [SCRIPT_XML, 'repeat is "PT5M"; generic_repeat_time allows PT15M']);
    expectIssues(withRecurrence('<daily><everyxdays>1</everyxdays><startdate>01/01/2026</startdate><starttime>1:00</starttime></daily>'), [SCRIPT_XML, 'dates are written YYYY-MM-DD'], [SCRIPT_XML, 'times are written HH:MM:SSZ']);
    expectIssues(
      withRecurrence('<weekly><everyxweeks>1</everyxweeks><startdate>2026-01-01</startdate><starttime>01:00:00Z</starttime><monday>T</monday></weekly>'),
      ...['sunday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((d): [string, string] => [SCRIPT_XML, `recurrence weekly at customscript_hwx_mr_variance.xml/scriptdeployments/scriptdeployment[customdeploy_hwx_mr_variance]/recurrence/weekly needs <${d}>`]),
    );
    expectIssues(withRecurrence('<single><startdate>2026-01-01</startdate><starttime>01:00:00Z</starttime><enddate>2026-02-01</enddate></single>'), [SCRIPT_XML, '<enddate> is not an element of recurrence single']);
  });

  it('empty optional elements are accepted, in any order (objects exported from accounts)', () => {
    let files = replaceIn(fx(), COLUMN_FIELD_XML, '<fieldtype>TEXT</fieldtype>', '<defaultvalue/>\n  <description></description>\n  <fieldtype>TEXT</fieldtype>\n  <selectrecordtype></selectrecordtype>');
    files = replaceIn(files, RECORD_XML, '<recordname>HotWax Job</recordname>', '<showid>T</showid><accesstype>CUSTRECORDENTRYPERM</accesstype><recordname>HotWax Job</recordname>');
    expect(validate(files)).toEqual([]);
  });

  it('account-specific values are refused (notifygroup, audemployee hold internal ids)', () => {
    expectIssues(addAfter(fx(), SCRIPT_XML, '<isinactive>F</isinactive>', '<notifygroup>-5</notifygroup>'), [SCRIPT_XML, 'notifygroup holds "-5": account-specific values (internal ids) are not supported by SDF']);
  });

  it('text limits: script name at most 40 characters, CSV import name at most 64', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<name>HotWax Variances</name>', `<name>${'N'.repeat(41)}</name>`), [SCRIPT_XML, 'name is 41 characters long; at most 40 allowed']);
    expectIssues(replaceIn(fx(), CSV_XML, '<importname>HotWax Variances</importname>', `<importname>${'I'.repeat(65)}</importname>`), [CSV_XML, 'importname is 65 characters long; at most 64 allowed']);
  });

  it('id lengths per type: custcol at most 37, custbody at most 38 (Oracle SDFxml_2979546877, SDFxml_3330726969)', () => {
    const longCol = `custcol_hwx_${'r'.repeat(26)}`; // 38 characters
    let files = replaceIn(fx(), COLUMN_FIELD_XML, 'scriptid="custcol_hwx_fx_reason"', `scriptid="${longCol}"`);
    files = { ...without(files, COLUMN_FIELD_XML), [`src/Objects/variances/${longCol}.xml`]: files[COLUMN_FIELD_XML] as string };
    files = replaceIn(files, CSV_XML, 'custcol_hwx_fx_reason', longCol);
    files = replaceIn(files, BUNDLE, 'custcol_hwx_fx_reason', longCol);
    expectIssues(files, [`src/Objects/variances/${longCol}.xml`, `the id is 38 characters long; NetSuite allows at most 37 for a transactioncolumncustomfield`]);
  });

  it('structure: an element given twice, an attribute other than scriptid, a foreign element inside a list', () => {
    expectIssues(addAfter(fx(), COLUMN_FIELD_XML, '<label>Reason</label>', '<label>Reason again</label>'), [COLUMN_FIELD_XML, '<label> appears more than once in transactioncolumncustomfield']);
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<scriptdeployment scriptid="customdeploy_hwx_mr_variance">', '<scriptdeployment scriptid="customdeploy_hwx_mr_variance" mode="x">'), [SCRIPT_XML, 'has attribute mode; SDF elements carry only scriptid']);
    expectIssues(replaceIn(fx(), SCRIPT_XML, '</scriptdeployments>', '<deployment/></scriptdeployments>'), [SCRIPT_XML, '<deployment> is not allowed in customscript_hwx_mr_variance.xml/scriptdeployments; it holds only <scriptdeployment> elements']);
  });

  it('references: scriptfile must be a bracketed .js path; a custom record needs recordname when it is not a segment', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<scriptfile>[/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js]</scriptfile>', '<scriptfile>/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js</scriptfile>'), [
      SCRIPT_XML,
      'scriptfile is "/SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js"; a File Cabinet path to a .js file in brackets is expected',
    ]);
    expectIssues(replaceIn(fx(), RECORD_XML, '<recordname>HotWax Job</recordname>', ''), [RECORD_XML, '<recordname> is mandatory when <customsegment> is empty']);
  });

  it('suitelet deployments: audslctrole takes pipe-separated roles and customrole references; allroles is allowed there but not on map/reduce', () => {
    const SUITELET = 'src/Objects/variances/customscript_hwx_sl_fx.xml';
    const suitelet = (deployment: string): FixtureFiles => ({
      ...fx(),
      [SUITELET]: `<suitelet scriptid="customscript_hwx_sl_fx">
  <name>Fixture Page</name>
  <scriptfile>[/SuiteScripts/hotwax_inventory/variances/hwx_sl_fx.js]</scriptfile>
  <scriptdeployments>
    <scriptdeployment scriptid="customdeploy_hwx_sl_fx">
      <status>RELEASED</status>
      <title>Fixture Page</title>
      ${deployment}
    </scriptdeployment>
  </scriptdeployments>
</suitelet>
`,
      'src/FileCabinet/SuiteScripts/hotwax_inventory/variances/hwx_sl_fx.js': `/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 */
define(['exports'], (function (exports) { 'use strict';
    function onRequest() { return 1; }
    exports.onRequest = onRequest;
}));
`,
    });
    expect(validate(suitelet('<audslctrole>ADMINISTRATOR|[scriptid=customrole_hwx_accountant]</audslctrole><isonline>F</isonline>'))).toEqual([
      { file: SUITELET, message: expect.stringContaining('customrole_hwx_accountant') as unknown },
    ]);
    expectIssues(suitelet('<audslctrole>ADMINISTRATOR|accountant</audslctrole>'), [SUITELET, 'audslctrole is "accountant"; generic_role allows']);
    expectIssues(addAfter(fx(), SCRIPT_XML, '<loglevel>AUDIT</loglevel>', '<allroles>T</allroles>'), [SCRIPT_XML, '<allroles> is not an element of mapreducescript deployment']);
  });

  it('a selectrecordtype id outside SDF-FIELDS.md §12 warns; a known feature-free one passes', () => {
    const unknown = runValidation(writeProject(replaceIn(fx(), SCRIPT_XML, '<selectrecordtype>[scriptid=customrecord_hwx_fx_job]</selectrecordtype>', '<selectrecordtype>-999</selectrecordtype>')));
    expect(unknown.issues).toEqual([]);
    expect(unknown.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('is -999: its meaning and feature dependency are not in SDF-FIELDS.md §12'));
    expect(validate(replaceIn(fx(), SCRIPT_XML, '<selectrecordtype>[scriptid=customrecord_hwx_fx_job]</selectrecordtype>', '<selectrecordtype>-10</selectrecordtype>'))).toEqual([]);
  });

  it('an object type outside the closed set fails loudly', () => {
    const files = { ...fx(), 'src/Objects/shared/customtransactiontype_hwx_x.xml': '<customtransactiontype scriptid="customtransactiontype_hwx_x"><name>X</name></customtransactiontype>\n' };
    const issues = validate(files).filter((i) => i.file === 'src/Objects/shared/customtransactiontype_hwx_x.xml');
    expect(issues.map((i) => i.message)).toContainEqual(expect.stringContaining("object type <customtransactiontype> is not in SDF-FIELDS.md's closed set"));
  });

  it('[U] rules warn and say so: a RECORD:SUBLIST mapping name', () => {
    const result = runValidation(writeProject(fx()));
    expect(result.issues).toEqual([]);
    expect(result.warnings).toContainEqual({ file: CSV_XML, message: expect.stringContaining("INVENTORYADJUSTMENT:INVENTORY: sublist names (RECORD:SUBLIST) are not enumerated in Oracle's reference") as unknown });
    expect(result.warnings.every((w) => w.message.includes('[U: not confirmed'))).toBe(true);
  });
});
