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
