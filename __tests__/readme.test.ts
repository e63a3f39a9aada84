// The README stays true: its first lines are the two commands CI runs, and its admin section names every
// object the project deploys.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProjectObjects } from '../runtime/objects';

const ROOT = path.join(__dirname, '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('starts with the set-up + main job command and the test command, which .ci/run runs', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const commands = block.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('names every object and deployment in src/Objects', () => {
    const objects = loadProjectObjects(path.join(ROOT, 'src'));
    const ids = [...objects.objectFiles.map((o) => o.scriptId ?? ''), ...objects.scripts.flatMap((s) => s.deployments.map((d) => d.scriptId))];
    expect(ids.length).toBeGreaterThan(10);
    // Whole ids only: customdeploy_x must not be "found" inside customdeploy_x_more.
    expect(ids.filter((id) => !new RegExp(`\\b${id}\\b`).test(readme))).toEqual([]);
  });
});
