/**
 * Reading a CSV one physical line at a time, as N/file's lines iterator hands it out (NETSUITE.md 7: files
 * over 10 MB cannot be read whole). core/csv.ts parses a whole text; a search task's file can hold millions
 * of rows, so here each line is split as it comes and only a record whose quoted value spans lines is held
 * until its closing quote arrives. Standard quoting: a value in double quotes may hold commas, line breaks and
 * doubled quotes. A leading BOM is dropped.
 */

export interface StreamedRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

/** Splits one complete record; undefined when a quoted value is still open at the end of the text. */
export function splitCsvRecord(text: string): string[] | undefined {
  // Most rows of a search export hold no quote at all: split them directly.
  if (!text.includes('"')) return text.split(',');
  const cells: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
      }
      i += 1;
      continue;
    }
    if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '"' && cell === '') {
      quoted = true;
    } else {
      cell += ch;
    }
    i += 1;
  }
  if (quoted) return undefined;
  cells.push(cell);
  return cells;
}

/** Collects lines into records: push() returns the record a line completes, if any. */
export class CsvLineReader {
  private pending: string | undefined;
  private pendingLine = 0;
  private lineNo = 0;

  push(rawLine: string): StreamedRecord | undefined {
    this.lineNo += 1;
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (this.lineNo === 1) line = line.replace(/^\uFEFF/, '');
    const text = this.pending === undefined ? line : `${this.pending}\n${line}`;
    const start = this.pending === undefined ? this.lineNo : this.pendingLine;
    const cells = splitCsvRecord(text);
    if (cells === undefined) {
      this.pending = text;
      this.pendingLine = start;
      return undefined;
    }
    this.pending = undefined;
    return { line: start, cells };
  }

  /** The line of a record whose quoted value was never closed, once the input has ended. */
  unclosedAt(): number | undefined {
    return this.pending === undefined ? undefined : this.pendingLine;
  }
}
