// The offline SDF validator run on THIS project's src/ (after `npm run build`): what Oracle's validator
// would check on deploy, minus the account. A broken object makes this test fail naming the file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateProject } from '../../../tools/sdf/validate';
import { readObjectTree } from '../../../tools/sdf/schemaCheck';
import { OBJECT_SETS, type ElementSet } from '../../../tools/sdf/schema';

const root = path.join(__dirname, '..', '..', '..');

describe('the project as it would be deployed', () => {
  it('has no SDF issue in src/Objects, src/manifest.xml, src/deploy.xml or the built SuiteScripts', () => {
    const issues = validateProject(root).map((i) => `${i.file}: ${i.message}`);
    expect(issues).toEqual([]);
  });

  it("uses only elements that are in SDF-FIELDS.md's set for their type (walked independently of the validator)", () => {
    const objectsDir = path.join(root, 'src', 'Objects');
    const files = fs.readdirSync(objectsDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThan(10);
    const outside: string[] = [];
    const visit = (node: NonNullable<ReturnType<typeof readObjectTree>>, set: ElementSet, where: string): void => {
      for (const c of node.children) {
        const rule = set.elements[c.name];
        if (rule === undefined) {
          if (!(set.name.endsWith('deployment') && c.name.startsWith('custscript_'))) outside.push(`${where}/${c.name}`);
          continue;
        }
        if (rule.children) visit(c, rule.children, `${where}/${c.name}`);
        if (rule.list) for (const item of c.children) visit(item, rule.list.set, `${where}/${c.name}/${item.name}`);
      }
    };
    for (const file of files) {
      const tree = readObjectTree(path.join(objectsDir, file));
      expect(tree).toBeDefined();
      if (!tree) continue;
      const set = OBJECT_SETS[tree.name];
      if (!set) {
        outside.push(`${file}: <${tree.name}>`);
        continue;
      }
      visit(tree, set, file);
    }
    expect(outside).toEqual([]);
  });
});

/** A copy of the repository's src/ and tools/sdf/external-ids.json in a temp folder, with one file edited. */
function projectWith(file: string, edit: (text: string) => string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hwx-project-'));
  fs.cpSync(path.join(root, 'src'), path.join(copy, 'src'), { recursive: true });
  fs.mkdirSync(path.join(copy, 'tools', 'sdf'), { recursive: true });
  fs.copyFileSync(path.join(root, 'tools', 'sdf', 'external-ids.json'), path.join(copy, 'tools', 'sdf', 'external-ids.json'));
  const target = path.join(copy, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit did not change ${file}`);
  fs.writeFileSync(target, after);
  return copy;
}

describe("the audit's defects, reintroduced into this project, fail validation naming the file", () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const c of copies) fs.rmSync(c, { recursive: true, force: true });
  });
  const issuesOf = (file: string, edit: (text: string) => string): string[] => {
    const copy = projectWith(file, edit);
    copies.push(copy);
    return validateProject(copy).map((i) => `${i.file}: ${i.message}`);
  };

  it('1. a savedcsvimport without transactionform', () => {
    const file = 'src/Objects/variances/custimport_hwx_inventory_adjustment.xml';
    expect(issuesOf(file, (t) => t.replace(/\s*<transactionform>[^<]*<\/transactionform>/, ''))).toContainEqual(expect.stringMatching(new RegExp(`^${file}: .*<transactionform> is mandatory for recordtype INVENTORYADJUSTMENT`)));
  });

  it('2. runasrole on a scheduled-script deployment', () => {
    const file = 'src/Objects/variances/customscript_hwx_sc_variance_import.xml';
    expect(issuesOf(file, (t) => t.replace('<loglevel>', '<runasrole>ADMINISTRATOR</runasrole>\n      <loglevel>'))).toContainEqual(expect.stringMatching(new RegExp(`^${file}: .*<runasrole> is not an element of scheduledscript deployment`)));
  });

  it('3. colinventorytransfer on a line field', () => {
    const file = 'src/Objects/variances/custcol_hwx_reason.xml';
    expect(issuesOf(file, (t) => t.replace('<colinventoryadjustment>T</colinventoryadjustment>', '<colinventoryadjustment>T</colinventoryadjustment>\n  <colinventorytransfer>T</colinventorytransfer>'))).toContainEqual(
      expect.stringMatching(new RegExp(`^${file}: .*<colinventorytransfer> is not an element of transactioncolumncustomfield`)),
    );
  });

  it('4. ACCOUNTING and ADVRECEIVING missing from the manifest', () => {
    const file = 'src/manifest.xml';
    const issues = issuesOf(file, (t) => t.replace(/\s*<feature required="true">(ACCOUNTING|ADVRECEIVING)<\/feature>/g, ''));
    expect(issues).toContainEqual(expect.stringMatching(/^src\/manifest\.xml: feature ACCOUNTING is needed: .*selectrecordtype -112/));
    expect(issues).toContainEqual(expect.stringMatching(/^src\/manifest\.xml: feature ADVRECEIVING is needed: /));
  });
});
