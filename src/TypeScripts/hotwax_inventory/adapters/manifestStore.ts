/**
 * Run manifests: what a file was turned into (rows, planned transactions, row errors), saved as JSON in
 * the File Cabinet work folder when the file is planned and read back when its jobs are verified.
 * Kept in the File Cabinet because a 100,000-row manifest is far larger than a custom record field.
 */
import * as file from 'N/file';

export function saveJson(folderId: number, name: string, value: unknown): number {
  let contents = JSON.stringify(value);
  // Large manifests are written over many lines: each line read back must stay under 10 MB.
  if (contents.length > 9_000_000) contents = JSON.stringify(value, null, 1);
  return file.create({ name, fileType: file.Type.JSON, contents, folder: folderId }).save();
}

export function loadJson<T>(fileId: number): T {
  const f = file.load({ id: fileId });
  if (f.size <= 10 * 1024 * 1024) return JSON.parse(f.getContents()) as T;
  const parts: string[] = [];
  f.lines.iterator().each((line) => {
    parts.push(line.value);
    return true;
  });
  return JSON.parse(parts.join('\n')) as T;
}

/**
 * Long Text fields made in SuiteBuilder (SDF CLOBTEXT) hold 1,000,000 characters (Oracle help,
 * serverWidget.FieldType, section_4332671056: "Long text fields created with SuiteBuilder have a character
 * limit of 1,000,000"). A plan that fits is kept on its feed-file record, at no cost beyond the record's own
 * save; a larger one goes to the File Cabinet (File.save 20, file.load 10).
 */
export const MAX_RECORD_TEXT = 1_000_000;

export type StoredPlan = { plan: string } | { fileId: number };

export function storePlan(folderId: number, name: string, json: string): StoredPlan {
  if (json.length <= MAX_RECORD_TEXT) return { plan: json };
  return { fileId: saveText(folderId, name, json) };
}

/** Saves text as a JSON file; a text over 9 MB is split into lines so it can be read back line by line. */
function saveText(folderId: number, name: string, json: string): number {
  // Each line read back must stay under 10 MB: indenting puts every value on its own line.
  const contents = json.length > 9_000_000 ? JSON.stringify(JSON.parse(json), null, 1) : json;
  return file.create({ name, fileType: file.Type.JSON, contents, folder: folderId }).save();
}

/** The text of a plan saved by storePlan in the File Cabinet. */
export function loadPlanFile(fileId: number): string {
  const f = file.load({ id: fileId });
  if (f.size <= 10 * 1024 * 1024) return f.getContents();
  const parts: string[] = [];
  f.lines.iterator().each((line) => {
    parts.push(line.value);
    return true;
  });
  return parts.join('\n');
}
