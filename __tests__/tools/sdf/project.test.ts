// The offline SDF validator run on THIS project's src/ (after `npm run build`): what Oracle's validator
// would check on deploy, minus the account. A broken object makes this test fail naming the file.
import * as path from 'node:path';
import { validateProject } from '../../../tools/sdf/validate';

const root = path.join(__dirname, '..', '..', '..');

describe('the project as it would be deployed', () => {
  it('has no SDF issue in src/Objects, src/manifest.xml, src/deploy.xml or the built SuiteScripts', () => {
    const issues = validateProject(root).map((i) => `${i.file}: ${i.message}`);
    expect(issues).toEqual([]);
  });
});
