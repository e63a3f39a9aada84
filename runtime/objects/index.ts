// SDF object definitions of the project (src/Objects, manifest.xml, deploy.xml) as typed data.
// Used by the local runtime (scripts, deployments, parameters, CSV import maps) and by tools/sdf/validate.
export { loadProjectObjects, listFilesRecursive, OBJECTS_FOLDER, FILE_CABINET_FOLDER, MANIFEST_FILE, DEPLOY_FILE } from './load';
export * from './types';
export { transactionFieldApplies, transactionFlagFor, TRANSACTION_FLAG_RECORD_TYPES } from './appliesTo';
