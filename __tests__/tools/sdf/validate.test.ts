import { validateProject, type Issue } from '../../../tools/sdf/validate';
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
      'maps custbody_hwx_fx_source on INVENTORYADJUSTMENT, but the field does not apply to it (set <bodyinventoryadjustment>T</bodyinventoryadjustment> in src/Objects/variances/custbody_hwx_fx_source.xml)',
    ]);
  });
});

describe('8. manifest features', () => {
  it('reports a missing SERVERSIDESCRIPTING', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="true">SERVERSIDESCRIPTING</feature>', ''), [
      MANIFEST,
      'feature SERVERSIDESCRIPTING is needed by script objects (customscript_hwx_mr_variance) but is not declared in <dependencies><features>',
    ]);
  });

  it('reports CUSTOMRECORDS declared optional', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="true">CUSTOMRECORDS</feature>', '<feature required="false">CUSTOMRECORDS</feature>'), [
      MANIFEST,
      'feature CUSTOMRECORDS is needed by custom record types (customrecord_hwx_fx_job) and must be declared required="true"',
    ]);
  });

  it('reports a missing MULTILOCINVT for an inventory adjustment import', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="true">MULTILOCINVT</feature>', ''), [
      MANIFEST,
      'feature MULTILOCINVT is needed by savedcsvimport custimport_hwx_variance_adj (INVENTORYADJUSTMENT)',
    ]);
  });

  it('reports a missing INVENTORY when only the code names inventory records', () => {
    let files = replaceIn(fx(), CSV_XML, '<recordtype>INVENTORYADJUSTMENT</recordtype>', '<recordtype>JOURNALENTRY</recordtype>');
    files = replaceIn(files, MANIFEST, '<feature required="true">INVENTORY</feature>', '');
    expectIssues(files, [
      MANIFEST,
      'feature INVENTORY is needed by /SuiteScripts/hotwax_inventory/variances/hwx_mr_variance.js (inventory adjustment, transfer or item receipt records)',
    ]);
  });

  it('reports an unknown feature id', () => {
    expectIssues(replaceIn(fx(), MANIFEST, '<feature required="false">SUBSIDIARIES</feature>', '<feature required="true">MANUFACTURING</feature>'), [
      MANIFEST,
      'unknown feature id MANUFACTURING',
    ]);
  });
});

describe('9. enumerations', () => {
  it('reports a parameter field type NetSuite does not have', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<fieldtype>TEXT</fieldtype>', '<fieldtype>LONGTEXT</fieldtype>'), [
      SCRIPT_XML,
      'parameter custscript_hwx_mr_variance_folder of customscript_hwx_mr_variance: fieldtype LONGTEXT is not a NetSuite field type',
    ]);
  });

  it('reports a SELECT parameter without selectrecordtype', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<selectrecordtype>[scriptid=customrecord_hwx_fx_job]</selectrecordtype>', ''), [
      SCRIPT_XML,
      'parameter custscript_hwx_mr_variance_job of customscript_hwx_mr_variance: a SELECT field needs a <selectrecordtype>',
    ]);
  });

  it('reports a deployment status the script type does not allow', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<status>NOTSCHEDULED</status>', '<status>RELEASED</status>'), [
      SCRIPT_XML,
      'deployment customdeploy_hwx_mr_variance of customscript_hwx_mr_variance: status RELEASED is not allowed for a mapreducescript (SCHEDULED, NOTSCHEDULED, TESTING)',
    ]);
  });

  it('reports an unknown log level', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<loglevel>AUDIT</loglevel>', '<loglevel>INFO</loglevel>'), [
      SCRIPT_XML,
      'deployment customdeploy_hwx_mr_variance of customscript_hwx_mr_variance: loglevel INFO is not one of DEBUG, AUDIT, ERROR, EMERGENCY',
    ]);
  });

  it('reports yieldaftermins outside 3-60', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<yieldaftermins>60</yieldaftermins>', '<yieldaftermins>90</yieldaftermins>'), [SCRIPT_XML, '<yieldaftermins> 90 must be between 3 and 60']);
  });

  it('reports a concurrency limit that is not a number', () => {
    expectIssues(replaceIn(fx(), SCRIPT_XML, '<concurrencylimit>2</concurrencylimit>', '<concurrencylimit>two</concurrencylimit>'), [SCRIPT_XML, '<concurrencylimit> is not a whole number']);
  });

  it('reports an unknown CSV data handling', () => {
    expectIssues(replaceIn(fx(), CSV_XML, '<datahandling>ADD</datahandling>', '<datahandling>MERGE</datahandling>'), [
      CSV_XML,
      'savedcsvimport custimport_hwx_variance_adj: datahandling MERGE is not one of ADD, UPDATE, ADDUPDATE',
    ]);
  });

  it('reports an unknown column reference type', () => {
    expectIssues(replaceIn(fx(), CSV_XML, '<column>Item</column><file>INVENTORYADJUSTMENT</file><type>INTERNAL_ID</type>', '<column>Item</column><file>INVENTORYADJUSTMENT</file><type>ID</type>'), [
      CSV_XML,
      'field ITEM of INVENTORYADJUSTMENT:INVENTORY has reference type ID, not one of INTERNAL_ID, NAME, EXTERNAL_ID',
    ]);
  });
});
