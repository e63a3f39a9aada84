// The project's manifest.xml (project type, name, feature dependencies) and deploy.xml (path patterns of
// what `suitecloud project:deploy` uploads), NETSUITE.md 8.
import type { DeployDescriptor, Manifest, ProjectPath } from './types';
import { attr, child, children, ownText, text, texts, type XmlDocument } from './xml';

export function readManifest(doc: XmlDocument, file: ProjectPath): Manifest | string {
  if (doc.tag !== 'manifest') return `the root element is <${doc.tag}>, expected <manifest>`;
  const { root } = doc;
  const frameworkVersion = text(root, 'frameworkversion');
  const dependencies = child(root, 'dependencies') ?? {};
  return {
    file,
    projectType: attr(root, 'projecttype') ?? '',
    projectName: text(root, 'projectname') ?? '',
    ...(frameworkVersion !== undefined ? { frameworkVersion } : {}),
    features: children(dependencies, 'features', 'feature').map((node) => ({
      id: (ownText(node) ?? '').trim(),
      required: attr(node, 'required') === 'true',
    })),
  };
}

export function readDeploy(doc: XmlDocument, file: ProjectPath): DeployDescriptor | string {
  if (doc.tag !== 'deploy') return `the root element is <${doc.tag}>, expected <deploy>`;
  const { root } = doc;
  return {
    file,
    files: texts(root, 'files', 'path'),
    objects: texts(root, 'objects', 'path'),
    configuration: texts(root, 'configuration', 'path'),
    translationImports: texts(root, 'translationimports', 'path'),
  };
}
