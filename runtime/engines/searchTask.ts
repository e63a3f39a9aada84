// Executes one queued SEARCH task (N/task SearchTask, runtime/modules/task.ts): loads the saved search through
// the search engine, runs it whole (no 4,000-result cap, no script units: NetSuite runs it outside any script)
// and writes its results as a CSV file in the File Cabinet, then ends COMPLETE, or FAILED with the reason.
//
// The file, and what it follows:
//  - a header row, then one row per result [D: Oracle's sample for dependent scripts counts "lines minus the
//    header row"];
//  - header cells are the columns' labels; a column without a label gets its field id (joined: "join : field")
//    [U: NetSuite writes the field's UI label, which the emulator does not know];
//  - values as the results page shows them [U]: list/record fields as their display text, numbers without
//    grouping, check boxes as Yes/No, dates in the account's date format;
//  - [U] quoting: only values holding a comma, a quote, a line break or edge spaces are quoted (quotes doubled),
//    or every value when the account setting searchTaskCsvQuoteAll is set; CRLF line ends; no BOM;
//  - fileId: the file keeps its id, name and folder and gets the new content [U: "export into" an existing file];
//    filePath 'Folder/Sub/name.csv': created, or replaced (same id) when the name exists in the folder [U];
//    a folder that does not exist fails the task [U].
import type { Account } from '../account/account';
import type { QueuedTask } from '../account/types';
import type { ProjectObjects } from '../objects';
import { createSearchModule, type SearchColumn } from '../modules/search';
import { backgroundTaskEnv } from './csvImportTask';
import { describeError } from './execution';
import type { Cell } from '../search/engine';

const utf8 = new TextEncoder();

export interface SearchTaskCsvOptions {
  quoteAll: boolean;
}

function quote(value: string, quoteAll: boolean): string {
  if (quoteAll || /[",\r\n]|^\s|\s$/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** The header cell of a column: its label, else its field id. */
export function columnHeader(column: Pick<SearchColumn, 'label' | 'name' | 'join'>): string {
  if (column.label !== undefined && column.label !== '') return column.label;
  return column.join ? `${column.join} : ${column.name}` : column.name;
}

/** A result value as the CSV shows it. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.text !== null) return cell.text;
  if (typeof cell.value === 'boolean') return cell.value ? 'Yes' : 'No';
  return cell.value;
}

/** Runs a saved search in the account and returns the CSV NetSuite's search task would write. */
export function searchResultsCsv(account: Account, projectFolder: string, objects: ProjectObjects, task: QueuedTask, now: () => Date, options: SearchTaskCsvOptions): { csv: string; rows: number } {
  const env = backgroundTaskEnv(account, projectFolder, task, now, 'searchtask');
  const search = createSearchModule(env, { projectObjects: objects }).load({ id: task.savedSearchId });
  const columns = search.columns;
  const executed = search.execute();
  const lines: string[] = [columns.map((c) => quote(columnHeader(c), options.quoteAll)).join(',')];
  for (const row of executed.rows) lines.push(columns.map((_, i) => quote(cellText(row.cells[i]), options.quoteAll)).join(','));
  return { csv: `${lines.join('\r\n')}\r\n`, rows: executed.rows.length };
}

/** Where the results go: the given file (kept), or the file at filePath in its folder. */
function target(account: Account, task: QueuedTask): { name: string; folder: number; description: string } {
  if (task.fileId !== undefined) {
    const existing = account.getFile(task.fileId);
    if (!existing) throw new Error(`THAT_RECORD_DOES_NOT_EXIST: file ${task.fileId} no longer exists`);
    return { name: existing.name, folder: existing.folder, description: existing.description };
  }
  const full = String(task.filePath ?? '').replace(/^\/+/, '');
  const slash = full.lastIndexOf('/');
  const name = full.slice(slash + 1);
  const folder = slash < 0 ? undefined : account.folderByPath(full.slice(0, slash));
  if (folder === undefined || name === '') throw new Error(`The File Cabinet folder of ${task.filePath ?? ''} does not exist`);
  return { name, folder, description: 'Search task results' };
}

export function runSearchTask(account: Account, projectFolder: string, objects: ProjectObjects, task: QueuedTask, now: () => Date): void {
  try {
    const where = target(account, task);
    const { csv, rows } = searchResultsCsv(account, projectFolder, objects, task, now, { quoteAll: account.settings.searchTaskCsvQuoteAll === true });
    const stored = account.saveFile({ ...where, fileType: 'CSV', encoding: 'UTF-8' }, utf8.encode(csv));
    task.fileId = stored.id;
    task.status = 'COMPLETE';
    task.result = { rows, fileId: stored.id, path: `${account.folderPath(stored.folder)}/${stored.name}`, bytes: stored.size };
  } catch (err) {
    task.status = 'FAILED';
    task.error = describeError(err);
  }
  task.finished = now().toISOString();
}
