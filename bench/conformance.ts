// Reading event logs (issue 13: 100,000 events in under 2 s) and replaying them. The log is the
// support template's sample log, its cases copied under new ids and later times until it holds
// 100,000 events, written as CSV and as XES.
//
// Each reader is judged against its parser alone on the same text in the same run (csv-parse's sync
// parse with the same options; fast-xml-parser with the same options): rounds alternate the two, and
// the ratio is the median of the rounds' ratios, so a busy neighbour slows both alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as nodeCsvParse } from 'csv-parse/sync';
import { parse as pureCsvParse } from 'csv-parse/browser/esm/sync';
import { XMLParser } from 'fast-xml-parser';
import { RESOURCES_DIR } from '../cli/repo';
import { toCsv, toXes, type LogRow } from '../scripts/generate-sample-log';
import { conform } from '../shared/conformance/conform';
import type { CsvParse } from '../shared/conformance/csv';
import { readLog } from '../shared/conformance/read';
import { loadWorkflow } from '../shared/model/load';
import { figure, type Figure } from './lib/figures';
import { summarise } from './lib/stats';

const EVENTS = 100_000;
const ROUNDS = 5;
const SAMPLE = join(RESOURCES_DIR, 'sample-logs', 'support-ticket-triage.csv');
const TEMPLATE = join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json');

/** The sample log's rows, repeated under new case ids a week apart, up to `count` events. */
function bigLog(count: number): LogRow[] {
  const sample = readLog(readFileSync(SAMPLE, 'utf8'), { fileName: SAMPLE, parse: nodeCsvParse as unknown as CsvParse }).events;
  const rows: LogRow[] = [];
  for (let copy = 0; rows.length < count; copy++) {
    for (const e of sample) {
      if (rows.length === count) break;
      rows.push({ caseId: `${e.caseId}-${copy}`, activity: e.activity, time: e.time + copy * 7 * 86_400_000, resource: e.resource ?? '' });
    }
  }
  return rows;
}

interface Paired {
  reader: number[];
  baseline: number[];
  ratio: number[];
}

/** Alternates baseline and reader for a warm-up round and ROUNDS measured rounds. */
function paired(baseline: () => unknown, reader: () => unknown): Paired {
  const out: Paired = { reader: [], baseline: [], ratio: [] };
  for (let round = 0; round <= ROUNDS; round++) {
    let start = performance.now();
    baseline();
    const b = performance.now() - start;
    start = performance.now();
    reader();
    const r = performance.now() - start;
    if (round === 0) continue;
    out.baseline.push(b);
    out.reader.push(r);
    out.ratio.push(r / b);
  }
  return out;
}

const ms = (v: number) => `${Math.round(v)} ms`;

export async function conformanceFigures(): Promise<Figure[]> {
  const rows = bigLog(EVENTS);
  const csv = toCsv(rows);
  const xes = toXes(rows);
  const mb = (text: string) => `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`;
  const nodeParse = nodeCsvParse as unknown as CsvParse;

  const csvRun = paired(
    () => nodeCsvParse(csv, { delimiter: ',', bom: true, skip_empty_lines: true }),
    () => readLog(csv, { fileName: 'log.csv', parse: nodeParse }),
  );
  const xesOptions = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, ignoreDeclaration: true, ignorePiTags: true };
  const xesRun = paired(
    () => new XMLParser(xesOptions).parse(xes),
    () => readLog(xes, { fileName: 'log.xes' }),
  );
  const pure = summarise([0, 1].map(() => {
    const start = performance.now();
    readLog(csv, { fileName: 'log.csv', parse: pureCsvParse as unknown as CsvParse });
    return performance.now() - start;
  }));

  const wf = loadWorkflow(readFileSync(TEMPLATE, 'utf8')).workflow;
  const log = readLog(csv, { fileName: 'log.csv', parse: nodeParse });
  const replay = summarise([0, 1, 2].map(() => {
    const start = performance.now();
    conform(wf, log);
    return performance.now() - start;
  }));

  const csvRead = summarise(csvRun.reader);
  const csvBase = summarise(csvRun.baseline);
  const xesRead = summarise(xesRun.reader);
  const xesBase = summarise(xesRun.baseline);
  return [
    figure('conformance.csv.100000', 'Read a CSV log, 100,000 events', csvRead.median, 'ms', { max: 2000 }, `${mb(csv)}; csv-parse's Node build, as the command line reads; median of ${ROUNDS} rounds (min ${ms(csvRead.min)})`),
    figure(
      'conformance.csv.ratio',
      'CSV log read ÷ csv-parse alone',
      summarise(csvRun.ratio).median,
      '×',
      { max: 1.6 },
      `csv-parse alone ${ms(csvBase.median)} with the same options; the rest is timestamps, checks and events`,
    ),
    figure('conformance.csv.pure', 'Read a CSV log, 100,000 events, pure parser', pure.median, 'ms', null, "csv-parse's browser build (shared/'s default, no Node Buffer); median of 2 runs"),
    figure('conformance.xes.100000', 'Read an XES log, 100,000 events', xesRead.median, 'ms', null, `${mb(xes)}; median of ${ROUNDS} rounds (min ${ms(xesRead.min)})`),
    figure('conformance.xes.ratio', 'XES log read ÷ fast-xml-parser alone', summarise(xesRun.ratio).median, '×', { max: 1.3 }, `fast-xml-parser alone ${ms(xesBase.median)} with the same options`),
    figure('conformance.replay.100000', 'Replay 100,000 events on the support template', replay.median, 'ms', null, 'alignment per variant, deviations, violations, counts and durations; median of 3 runs'),
  ];
}
