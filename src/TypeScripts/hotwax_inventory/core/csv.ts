/**
 * CSV reading and writing for feeds, NetSuite import jobs and error reports. Pure: papaparse only.
 *
 * Reading keeps the physical line where every record starts, so that a store manager can be told
 * "line 7" and find it in the file. How:
 *  - a leading BOM is dropped;
 *  - every line break (CRLF, LF or a lone CR, mixed freely) is normalised to LF before parsing, so one
 *    break is one line whatever the style (a quoted cell that contained CRLF therefore holds LF);
 *  - papaparse runs row by row (`step`); the start of each record is where the previous one ended, and
 *    the line number is 1 + the number of LFs before that offset;
 *  - blank records are dropped here rather than by papaparse's `skipEmptyLines: 'greedy'` (same rule:
 *    every cell empty after trimming), because dropping them inside papaparse hides where they were
 *    and so where the next record starts.
 */
import * as Papa from 'papaparse';

export interface CsvRecord {
  /** 1-based physical line where the record starts in the original file. */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface ParsedCsv {
  /** Cells of the first non-blank record, as written (not trimmed); empty when the file has no records. */
  headers: string[];
  /** Line of the header record (0 when there is none). */
  headerLine: number;
  /** Every later non-blank record that parsed cleanly. */
  records: CsvRecord[];
  /** Records papaparse could not read cleanly (bad quoting); they are not in `records`. */
  problems: CsvProblem[];
}

const LF = 10;

function isBlank(cells: readonly string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

function quoteProblem(errors: readonly Papa.ParseError[]): string {
  const codes = new Set(errors.map((e) => e.code));
  if (codes.has('MissingQuotes')) {
    return 'A quoted value is never closed (a " without its closing "), so everything from here to the end of the file was read as one value.';
  }
  if (codes.has('InvalidQuotes')) {
    return 'A quoted value has text after its closing quote (write a " inside a quoted value as "").';
  }
  return errors.map((e) => e.message).join('; ');
}

export function parseCsvWithLines(text: string): ParsedCsv {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const result: ParsedCsv = { headers: [], headerLine: 0, records: [], problems: [] };
  if (normalised.trim() === '') return result;

  let recordStart = 0;
  let scanned = 0;
  let line = 1;
  let haveHeader = false;
  Papa.parse<string[]>(normalised, {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (step) => {
      for (; scanned < recordStart; scanned++) if (normalised.charCodeAt(scanned) === LF) line++;
      const startLine = line;
      recordStart = step.meta.cursor;
      const cells = step.data;
      if (step.errors.length > 0) {
        result.problems.push({ line: startLine, message: quoteProblem(step.errors) });
        if (!haveHeader) {
          // A broken first record is still the header position: the caller sees the problem on headerLine.
          haveHeader = true;
          result.headers = cells;
          result.headerLine = startLine;
        }
        return;
      }
      if (isBlank(cells)) return;
      if (!haveHeader) {
        haveHeader = true;
        result.headers = cells;
        result.headerLine = startLine;
        return;
      }
      result.records.push({ line: startLine, cells });
    },
  });
  return result;
}

/**
 * Writes a CSV: a header line, one line per row, CRLF line ends and a final CRLF. Cells are quoted when
 * they hold a comma, a quote, a line break or leading/trailing spaces; quotes are doubled. Every row must
 * have exactly as many cells as there are headers.
 */
export function writeCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  rows.forEach((row, i) => {
    if (row.length !== headers.length) {
      throw new Error(`writeCsv: row ${i + 1} has ${row.length} cells but there are ${headers.length} headers`);
    }
  });
  const body = Papa.unparse(
    { fields: headers.slice(), data: rows.map((r) => r.slice()) },
    { newline: '\r\n', quotes: false, quoteChar: '"', escapeChar: '"', delimiter: ',', header: true, skipEmptyLines: false, escapeFormulae: false },
  );
  return body.endsWith('\r\n') ? body : `${body}\r\n`;
}
