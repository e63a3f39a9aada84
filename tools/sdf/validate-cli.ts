// `npm run validate:sdf` (node build/tools/sdf/validate-cli.js [projectRoot]): prints each issue as
// `file: message` and exits 1, or prints a one-line summary and exits 0.
import * as path from 'node:path';
import { runValidation } from './validate';

/** Runs the validator; returns the process exit code. `projectRoot` defaults to the repository (build/tools/sdf/../../..). */
export function runCli(args: readonly string[], write: (line: string) => void = (line) => console.log(line)): number {
  const projectRoot = path.resolve(args[0] ?? path.join(__dirname, '..', '..', '..'));
  const { issues, objects, bundleCount, warnings } = runValidation(projectRoot);
  for (const warning of warnings) write(`warning: ${warning.file}: ${warning.message}`);
  for (const issue of issues) write(`${issue.file}: ${issue.message}`);
  if (issues.length > 0) {
    write(`SDF validation failed: ${issues.length} issue(s)`);
    return 1;
  }
  const deployments = objects.scripts.reduce((n, s) => n + s.deployments.length, 0);
  write(
    `SDF validation OK${warnings.length > 0 ? ` (${warnings.length} warning(s) on unconfirmed rules)` : ''}: ${objects.objectFiles.length} object(s) (${objects.scripts.length} script(s), ${deployments} deployment(s), ` +
      `${objects.csvImports.length} CSV import(s), ${objects.customRecordTypes.length} custom record type(s), ${objects.customFields.length} custom field(s)), ` +
      `${bundleCount} compiled file(s), manifest features ${objects.manifest?.features.map((f) => f.id).join(', ') || 'none'}`,
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2));
}
