// deploy.xml path patterns (NETSUITE.md 8): `~` is the project folder and `*` a wildcard. We read `*` as
// "any characters, '/' included", so '~/Objects/*' also covers objects grouped in sub-folders, which is how
// this project relies on it.

/** Whether a pattern names one path rather than a set. */
export function isExplicit(pattern: string): boolean {
  return !pattern.includes('*');
}

export function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** Whether `projectPath` ('Objects/x/y.xml', relative to the project folder) is matched by one of `patterns`. */
export function isCovered(projectPath: string, patterns: readonly RegExp[]): boolean {
  const target = `~/${projectPath}`;
  return patterns.some((pattern) => pattern.test(target));
}
