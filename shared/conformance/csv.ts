// Reading a CSV event log with csv-parse, a real CSV parser: quoted values with commas and line breaks,
// doubled quotes, a byte-order mark, CRLF or LF line ends. The columns are named by the caller or
// guessed from common names (fields.ts); the delimiter is guessed from the header (`,` `;` tab `|`).
// The default parser is csv-parse's browser build, which needs no Node API; a host with Node's Buffer
// may pass csv-parse's Node build (`csv-parse/sync`), the same parser and options, about twice as fast.
import { parse as pureParse } from 'csv-parse/browser/esm/sync';
import { FIELD_FLAGS, FIELD_WORDS, guessFields, type FieldName } from './fields';
import { pairLifecycle, type RawEvent } from './lifecycle';
import { LogReadError, type EventLog, type LogFields } from './log';
import { parseTimestamp, TIMESTAMP_FORMS } from './timestamps';

/** The options Flowgate passes to csv-parse. */
export interface CsvParseOptions {
  delimiter: string;
  bom: boolean;
  skip_empty_lines: boolean;
  info?: boolean;
  to?: number;
}

/** csv-parse's synchronous `parse`, from whichever build the host can run. */
export type CsvParse = (input: string, options: CsvParseOptions) => unknown[];

export interface CsvReadOptions {
  /** Column names by field; fields left out are guessed from the header. */
  columns?: Partial<Record<FieldName, string>>;
  /** Default: guessed from the header line. */
  delimiter?: string;
  parse?: CsvParse;
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter the header line uses most, outside quotes; a comma when it has none. */
export function guessDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && DELIMITERS.includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** Reads a CSV log. Throws LogReadError naming the row (as a spreadsheet numbers it: the header is row 1). */
export function readCsvLog(text: string, options: CsvReadOptions = {}): EventLog {
  const parse = options.parse ?? (pureParse as unknown as CsvParse);
  const delimiter = options.delimiter ?? guessDelimiter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const parseOptions: CsvParseOptions = { delimiter, bom: true, skip_empty_lines: true };
  let records: string[][];
  try {
    records = parse(text, parseOptions) as string[][];
  } catch (e) {
    throw new LogReadError(csvProblem(e));
  }
  if (!records.length) throw new LogReadError('The log is empty: it has no header row and no events.');
  const headers = records[0].map((h) => h.trim());
  const { index, missing } = guessFields(headers, options.columns);
  const columnList = headers.map((h) => `"${h}"`).join(', ');
  if (missing.length) {
    const field = missing[0];
    throw new LogReadError(`The log has no column "${options.columns?.[field]}" (given with ${FIELD_FLAGS[field]}). Its columns are ${columnList}.`);
  }
  for (const field of ['caseId', 'activity', 'time'] as const) {
    if (index[field] === undefined) {
      throw new LogReadError(
        `Cannot tell which column holds the ${FIELD_WORDS[field]}: name it with ${FIELD_FLAGS[field]} NAME. The log's columns are ${columnList}.`,
      );
    }
  }
  if (records.length === 1) throw new LogReadError('The log has a header row but no events.');

  const at = (field: FieldName) => index[field] ?? -1;
  const caseAt = at('caseId');
  const activityAt = at('activity');
  const timeAt = at('time');
  const startAt = at('start');
  const resourceAt = at('resource');
  const outcomeAt = at('outcome');
  const lifecycleAt = at('lifecycle');
  // A row number for messages; exact even with quoted line breaks or blank lines, so worked out only when needed.
  const rowOf = (r: number) => rowNumber(text, parse, parseOptions, r);

  const raw: RawEvent[] = new Array(records.length - 1);
  for (let r = 1; r < records.length; r++) {
    const cells = records[r];
    const caseId = cells[caseAt].trim();
    const activity = cells[activityAt].trim();
    if (!caseId) throw new LogReadError(`Row ${rowOf(r)}: the case id (column "${headers[caseAt]}") is empty.`);
    if (!activity) throw new LogReadError(`Row ${rowOf(r)}: the activity (column "${headers[activityAt]}") is empty.`);
    const time = parseTimestamp(cells[timeAt]);
    if (time === null) throw new LogReadError(badTime(rowOf(r), headers[timeAt], cells[timeAt]));
    const event: RawEvent = { caseId, activity, time };
    if (startAt !== -1 && cells[startAt].trim()) {
      const start = parseTimestamp(cells[startAt]);
      if (start === null) throw new LogReadError(badTime(rowOf(r), headers[startAt], cells[startAt]));
      if (start > time) throw new LogReadError(`Row ${rowOf(r)}: the activity starts (column "${headers[startAt]}") after it ends (column "${headers[timeAt]}").`);
      event.start = start;
    }
    if (resourceAt !== -1 && cells[resourceAt].trim()) event.resource = cells[resourceAt].trim();
    if (outcomeAt !== -1 && cells[outcomeAt].trim()) event.outcome = cells[outcomeAt].trim();
    if (lifecycleAt !== -1) event.lifecycle = cells[lifecycleAt];
    raw[r - 1] = event;
  }
  const { events, ignored } = pairLifecycle(raw);
  const fields: LogFields = { caseId: headers[caseAt], activity: headers[activityAt], time: headers[timeAt] };
  for (const field of ['start', 'resource', 'outcome'] as const) {
    const i = index[field];
    if (i !== undefined) fields[field] = headers[i];
  }
  return { format: 'csv', events, fields, ignoredEvents: ignored };
}

function badTime(row: number, column: string, value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 59)}…` : value;
  return `Row ${row}: "${shown}" in column "${column}" is not a date and time Flowgate can read. Write it like ${TIMESTAMP_FORMS}.`;
}

/** The file row where record `r` (0 = the header) ends, counting every line like a text editor. */
function rowNumber(text: string, parse: CsvParse, options: CsvParseOptions, r: number): number {
  try {
    const withInfo = parse(text, { ...options, info: true, to: r + 1 }) as { info: { lines: number } }[];
    return withInfo[r]?.info.lines ?? r + 1;
  } catch {
    return r + 1;
  }
}

/** csv-parse's error, in plain words with the row it happened on. */
function csvProblem(e: unknown): string {
  const error = e as { code?: string; lines?: number; message?: string; record?: unknown[]; invalid_field_length?: number };
  const row = typeof error.lines === 'number' ? error.lines : null;
  const at = row === null ? '' : `Row ${row}: `;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = Array.isArray(error.record) ? ` (${error.record.length})` : '';
      return `${at}this row has a different number of values${got} than the header row. A value that contains the delimiter must be in double quotes.`;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      return `${at}a value opened with a double quote is never closed.`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${at}a double quote inside a value. Put the whole value in double quotes and double each quote inside it ("").`;
    default:
      return `${at}the file is not valid CSV (${error.message ?? String(e)}).`;
  }
}

