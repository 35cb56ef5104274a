// `flowgate conform`: replays an event log (CSV or XES) on a workflow and reports where reality leaves
// the design, which cases did a sensitive step without its approval, and — with --calibrate — writes
// what the log says into the workflow's simulation section.
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse as nodeCsvParse } from 'csv-parse/sync';
import { atomicWriteFile } from '../../electron/backend/atomic-write';
import { applyCalibration, calibrationOf, type Calibration } from '../../shared/conformance/calibrate';
import { conform, ConformanceError, type Conformance } from '../../shared/conformance/conform';
import type { CsvParse } from '../../shared/conformance/csv';
import { FIELD_FLAGS, FIELD_NAMES, type FieldName } from '../../shared/conformance/fields';
import { LogReadError, type EventLog, type LogFormat } from '../../shared/conformance/log';
import { MappingError, parseMappingFile, withSavedMapping } from '../../shared/conformance/mapping';
import { readLog } from '../../shared/conformance/read';
import { conformanceJson, formatConformanceText, plain } from '../../shared/conformance/text';
import { serializeWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { SimulationSpecError } from '../../shared/simulation/scenario';
import { readWorkflow } from '../read-workflow';
import { EXIT_USAGE, type CliCommand, type CliIo } from '../types';
import { listed } from './list';
import { parseCommandArgs } from '../parse-args';

/** Exit code when some case deviates from the design, or did a sensitive step without its approval. */
export const EXIT_DEVIATIONS = 1;
/** Exit code when the workflow, the log or the mapping cannot be read (also for wrong options). */
export const EXIT_UNREADABLE = EXIT_USAGE;

/** Larger logs are refused before they are read: a whole log is held in memory. */
export const MAX_LOG_BYTES = 512 * 1024 * 1024;

const USAGE = `Usage: flowgate conform FILE LOG [--map MAP] [--format text|json] [column options]
       flowgate conform FILE LOG --calibrate [--out FILE2] [--map MAP] [column options]

Replays an event log of the process as it runs today (CSV or XES: one event per activity, with a case
id and a time) on the workflow FILE (*.flowgate.json), and reports: the log's fitness and each case's,
the cases that leave the design (skipped steps, steps not in the design, steps out of turn), every case
that did a sensitive step without its approval, the variants, the outputs reality took, the time per
step and the cycle time against the workflow's SLA. docs/CONFORMANCE.md explains each figure.

Activities match steps by the user's mapping (--map, or the one saved in the workflow), then by step
id, then by step label (any case, spaces, _ and - ignored). Activities nothing matches are listed.

Options:
  --map MAP            A JSON file { "activities": { "<activity>": "<step id>" } }
  --format text|json   text (default), or JSON for scripts
  --calibrate          Write what the log says into the workflow's "simulation" section: reviewer
                       profiles, the share of each output of AI steps, integrations and decisions,
                       and step durations; with --map, the mapping is saved in the workflow too
  --out FILE2          With --calibrate: write the calibrated workflow here (default: over FILE)
  --log-format csv|xes Default: from LOG's extension, else from its content

CSV columns (default: guessed from common names such as case_id, case:concept:name, activity,
concept:name, timestamp, time:timestamp, org:resource, outcome):
  --case-column NAME   --activity-column NAME   --time-column NAME   --start-column NAME
  --resource-column NAME   --outcome-column NAME   --lifecycle-column NAME
  --delimiter D        , ; | or "tab" (default: guessed from the header row)
Times are ISO 8601 (2024-06-03T09:15:00Z, 2024-06-03 09:15; UTC when no offset is given) or Unix time.

Exit codes:
  0  every case fits the design and no approval was skipped (with --calibrate: the file was written)
  1  some case deviates, did a sensitive step without its approval, or could not be replayed
  2  the workflow, the log or the mapping cannot be read, or the options are wrong
`;

const COLUMN_OPTIONS = Object.fromEntries(FIELD_NAMES.map((f) => [FIELD_FLAGS[f].slice(2), { type: 'string' as const }]));

function fail(io: Pick<CliIo, 'stderr'>, message: string, code = EXIT_UNREADABLE): number {
  io.stderr.write(`${message}\n`);
  return code;
}

/** A message quoting the log or the mapping (a value, an activity), safe for a terminal. */
function failWith(io: Pick<CliIo, 'stderr'>, message: string): number {
  return fail(io, plain(message));
}

function readText(path: string, shown: string, limit: number): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LogReadError(code === 'ENOENT' ? 'no such file' : (e as Error).message);
  }
  if (size > limit) throw new LogReadError(`the file is larger than ${Math.round(limit / 1024 / 1024)} MB`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LogReadError(code === 'EISDIR' ? 'it is a folder' : `${shown}: ${(e as Error).message}`);
  }
}

function delimiterOf(raw: string | undefined): string | undefined | Error {
  if (raw === undefined) return undefined;
  if (raw.toLowerCase() === 'tab' || raw === '\\t') return '\t';
  if (raw.length !== 1 || /[\r\n"]/.test(raw)) return new Error(`--delimiter must be one character (such as , or ;) or "tab", not "${raw}".`);
  return raw;
}

export const conformCommand: CliCommand = {
  ...listed('conform'),
  usage: USAGE,

  async run(argv, io) {
    const parsed = parseCommandArgs('conform', argv, {
      map: { type: 'string' },
      format: { type: 'string', default: 'text' },
      calibrate: { type: 'boolean' },
      out: { type: 'string' },
      'log-format': { type: 'string' },
      delimiter: { type: 'string' },
      ...COLUMN_OPTIONS,
    }, io);
    if (!parsed) return EXIT_USAGE;
    const { values, positionals } = parsed;
    if (values.format !== 'text' && values.format !== 'json') return fail(io, `--format must be "text" or "json", not "${values.format}".`, EXIT_USAGE);
    if (positionals.length !== 2) return fail(io, `Name a workflow file and a log.\n\n${USAGE}`, EXIT_USAGE);
    if (values.out !== undefined && !values.calibrate) return fail(io, '--out goes with --calibrate: without it, conform writes nothing.', EXIT_USAGE);
    const logFormat = values['log-format'];
    if (logFormat !== undefined && logFormat !== 'csv' && logFormat !== 'xes') return fail(io, `--log-format must be "csv" or "xes", not "${logFormat}".`, EXIT_USAGE);
    const delimiter = delimiterOf(values.delimiter);
    if (delimiter instanceof Error) return fail(io, delimiter.message, EXIT_USAGE);
    const columns: Partial<Record<FieldName, string>> = {};
    for (const field of FIELD_NAMES) {
      const given = (values as Record<string, unknown>)[FIELD_FLAGS[field].slice(2)];
      if (typeof given === 'string') columns[field] = given;
    }

    const [file, logFile] = positionals;
    const filePath = resolve(io.cwd, file);
    const workflow = readWorkflow(filePath, file, io);
    if (!workflow) return EXIT_UNREADABLE;

    let log: EventLog;
    try {
      const text = readText(resolve(io.cwd, logFile), logFile, MAX_LOG_BYTES);
      // The Node build of the same parser: csv-parse's pure build works everywhere but is slower.
      log = readLog(text, { fileName: logFile, format: logFormat as LogFormat | undefined, columns, delimiter, parse: nodeCsvParse as unknown as CsvParse });
    } catch (e) {
      if (e instanceof LogReadError) return failWith(io, `${logFile}: cannot read the log: ${e.message}`);
      throw e;
    }

    let map: Record<string, string> | undefined;
    if (values.map !== undefined) {
      try {
        map = parseMappingFile(readText(resolve(io.cwd, values.map), values.map, 16 * 1024 * 1024));
      } catch (e) {
        if (e instanceof MappingError || e instanceof LogReadError) return failWith(io, `${values.map}: cannot read the mapping: ${e.message}`);
        throw e;
      }
    }

    let conformance: Conformance;
    try {
      conformance = conform(workflow, log, { map });
    } catch (e) {
      if (e instanceof MappingError) return failWith(io, `${values.map}: ${e.message}`);
      if (e instanceof ConformanceError) return failWith(io, `${file}: cannot replay the log: ${e.message}`);
      throw e;
    }

    let calibration: Calibration | undefined;
    let writtenTo: string | undefined;
    if (values.calibrate) {
      calibration = calibrationOf(workflow, conformance, basename(logFile));
      let next: Workflow;
      try {
        next = applyCalibration(workflow, calibration);
      } catch (e) {
        if (e instanceof SimulationSpecError) return failWith(io, `${file}: cannot calibrate: the simulation section is not valid: ${e.message}`);
        throw e;
      }
      if (map) next = withSavedMapping(next, map);
      writtenTo = values.out ?? file;
      try {
        await atomicWriteFile(resolve(io.cwd, writtenTo), serializeWorkflow(next));
      } catch (e) {
        return fail(io, `Cannot write ${writtenTo}: ${(e as Error).message}`);
      }
    }

    if (values.format === 'json') io.stdout.write(conformanceJson(conformance.result, calibration));
    else io.stdout.write(formatConformanceText(conformance, logFile, calibration && writtenTo ? { calibration, writtenTo } : undefined));

    if (values.calibrate) return 0;
    const r = conformance.result;
    return r.deviatingCases.length || r.violations.length || r.unalignedCases.length ? EXIT_DEVIATIONS : 0;
  },
};
