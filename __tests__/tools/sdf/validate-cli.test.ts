import { runCli } from '../../../tools/sdf/validate-cli';
import { MANIFEST, removeProjects, replaceIn, validFixture, writeProject } from './fixture';

afterAll(removeProjects);

describe('validate-cli', () => {
  it('prints a one-line summary and returns 0 for a valid project', () => {
    const lines: string[] = [];
    expect(runCli([writeProject(validFixture())], (l) => lines.push(l))).toBe(0);
    expect(lines.filter((l) => l.startsWith('warning: '))).toHaveLength(2);
    expect(lines.filter((l) => !l.startsWith('warning: '))).toEqual([
      'SDF validation OK (2 warning(s) on unconfirmed rules): 5 object(s) (1 script(s), 1 deployment(s), 1 CSV import(s), 1 custom record type(s), 2 custom field(s)), 1 compiled file(s), ' +
        'manifest features SERVERSIDESCRIPTING, CUSTOMRECORDS, INVENTORY, LOCATIONS, MULTILOCINVT, ACCOUNTING, SUBSIDIARIES',
    ]);
  });

  it('prints each issue as "file: message" and returns 1', () => {
    const lines: string[] = [];
    const files = replaceIn(validFixture(), MANIFEST, '<feature required="false">SUBSIDIARIES</feature>', '<feature required="true">MANUFACTURING</feature>');
    expect(runCli([writeProject(files)], (l) => lines.push(l))).toBe(1);
    expect(lines.filter((l) => !l.startsWith('warning: '))).toEqual([
      'src/manifest.xml: unknown feature id MANUFACTURING; NetSuite would reject it (known ids are listed in tools/sdf/rules.ts)',
      'SDF validation failed: 1 issue(s)',
    ]);
  });
});
