// One entry point for both log formats: XES when the name or the content says so, CSV otherwise.
import { readCsvLog, type CsvReadOptions } from './csv';
import type { EventLog, LogFormat } from './log';
import { readXesLog } from './xes';

export interface ReadLogOptions extends CsvReadOptions {
  /** Default: from the file name (`.xes`, `.csv`), else from the content (XML starts with `<`). */
  format?: LogFormat;
  fileName?: string;
}

export function logFormatOf(text: string, fileName?: string): LogFormat {
  const name = fileName?.toLowerCase() ?? '';
  if (name.endsWith('.xes') || name.endsWith('.xml')) return 'xes';
  if (name.endsWith('.csv') || name.endsWith('.tsv') || name.endsWith('.txt')) return 'csv';
  return /^\uFEFF?\s*</.test(text.slice(0, 200)) ? 'xes' : 'csv';
}

export function readLog(text: string, options: ReadLogOptions = {}): EventLog {
  const format = options.format ?? logFormatOf(text, options.fileName);
  return format === 'xes' ? readXesLog(text) : readCsvLog(text, options);
}
