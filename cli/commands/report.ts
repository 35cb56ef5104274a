// `flowgate report`: the readiness report of a workflow file as Markdown or as one self-contained HTML
// file: summary, diagram, connections, checklists, findings, a batch's metrics (with --runs) and the
// scenarios rehearsed. Everything is worked out offline from the file and the sample data.
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { atomicWriteFile } from '../../electron/backend/atomic-write';
import { analyze } from '../../shared/analysis/analyze';
import { reportHtml } from '../../shared/report/html';
import { renderMarkdown, reportMarkdown } from '../../shared/report/markdown';
import { reportCharts, type ChartKey } from '../../shared/report/batch-figures';
import { buildReport } from '../../shared/report/model';
import { rehearseScenarios } from '../../shared/report/scenarios';
import { BatchRunner, type BatchResult } from '../../shared/simulation/batch';
import { appVersion } from '../repo';
import { listed } from './list';
import { parseCommandArgs } from '../parse-args';
import { EXIT_USAGE, type CliCommand } from '../types';
import { readWorkflow } from '../read-workflow';
import { terminalText } from '../terminal-text';
import { readSampleData, sampleDataNames, seedFromFlag } from './simulate';
import { BATCH_OPTIONS, BATCH_USAGE, batchOnlyFlags, batchSettingsFromFlags, needsRuns, prepareBatchFor, runWithProgress } from './simulate-batch';

const USAGE = `Usage: flowgate report FILE [--out report.md|report.html] [--format md|html] [--runs N] [--seed N] [--date YYYY-MM-DD]

Writes the readiness report of a workflow file (*.flowgate.json): what it does and who owns it, the
diagram, the connections with their identities and grants, the integration and workflow checklists
with their answers, the findings (and the ones accepted on purpose, with their reasons), the metrics
of a batch (with --runs) and the scenarios rehearsed. Everything is simulated offline.

Options:
  --out FILE           Where to write the report; .md for Markdown (the diagram goes next to it, as
                       FILE.diagram.svg, and with --runs the charts as FILE.chart-*.svg), .html
                       for one self-contained page that opens offline and
                       prints to PDF. Without --out, Markdown goes to stdout with the diagram inside.
  --format md|html     The format, when the file name does not say
  --seed N             Seed of the scenarios and of the batch; default 1
  --date YYYY-MM-DD    The date printed on the report (default: today; "none" leaves it out)
${BATCH_USAGE}

Exit codes:
  0  the report was written
  1  the report could not be written
  2  the file cannot be read or is not a valid workflow, or the options are wrong
`;

type Format = 'md' | 'html';

function formatOf(out: string | undefined, given: string | undefined): Format | string {
  if (given !== undefined) return given === 'md' || given === 'markdown' ? 'md' : given === 'html' ? 'html' : `--format must be "md" or "html", not "${given}".`;
  if (out === undefined) return 'md';
  const ext = extname(out).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.html' || ext === '.htm') return 'html';
  return `Cannot tell the format from "${basename(out)}": name it .md or .html, or add --format md|html.`;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function kilobytes(text: string): string {
  return `${Math.max(1, Math.round(Buffer.byteLength(text, 'utf8') / 1024))} KB`;
}

export const reportCommand: CliCommand = {
  ...listed('report'),
  usage: USAGE,

  async run(argv, io) {
    const parsed = parseCommandArgs('report', argv, { out: { type: 'string' }, format: { type: 'string' }, seed: { type: 'string' }, date: { type: 'string' }, ...BATCH_OPTIONS }, io);
    if (!parsed) return EXIT_USAGE;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      io.stderr.write(`Name one workflow file.\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const format = formatOf(values.out, values.format);
    if (format !== 'md' && format !== 'html') {
      io.stderr.write(`${format}\n`);
      return EXIT_USAGE;
    }
    const seed = seedFromFlag(values.seed);
    if (typeof seed === 'string') {
      io.stderr.write(`${seed}\n`);
      return EXIT_USAGE;
    }
    let date: string | undefined = today();
    if (values.date !== undefined) {
      if (values.date === 'none') date = undefined;
      else if (/^\d{4}-\d{2}-\d{2}$/.test(values.date)) date = values.date;
      else {
        io.stderr.write(`--date must look like 2024-06-03 (or be "none"), not "${values.date}".\n`);
        return EXIT_USAGE;
      }
    }
    const settings = values.runs === undefined ? null : batchSettingsFromFlags(values, seed);
    if (typeof settings === 'string') {
      io.stderr.write(`${settings}\n`);
      return EXIT_USAGE;
    }
    const batchOnly = batchOnlyFlags(values);
    if (!settings && batchOnly.length) {
      io.stderr.write(needsRuns(batchOnly));
      return EXIT_USAGE;
    }

    const file = positionals[0];
    const workflow = readWorkflow(resolve(io.cwd, file), file, io);
    if (!workflow) return EXIT_USAGE;
    const datasets = readSampleData(io);
    if (!datasets) return EXIT_USAGE;

    let batch: BatchResult | null = null;
    if (settings) {
      const prepared = prepareBatchFor(workflow, datasets, sampleDataNames(), file, settings, io);
      if (!prepared) return EXIT_USAGE;
      batch = runWithProgress(new BatchRunner(prepared), io);
    }
    const { rehearsals, problem } = rehearseScenarios(workflow, datasets, seed);
    const input = {
      workflow,
      analysis: analyze(workflow),
      batch,
      batchSinceLastEdit: batch !== null,
      scenarios: rehearsals,
      scenarioProblem: problem,
      generatedAt: date,
      generator: `Flowgate ${appVersion()}`,
    };

    if (values.out === undefined) {
      io.stdout.write(format === 'html' ? reportHtml(input) : reportMarkdown(input));
      return 0;
    }
    const out = resolve(io.cwd, values.out);
    try {
      mkdirSync(dirname(out), { recursive: true });
      if (format === 'html') {
        const html = reportHtml(input);
        // Atomic (temp file, then rename): a failure or a crash never leaves half a report.
        await atomicWriteFile(out, html);
        io.stderr.write(`Wrote ${terminalText(values.out)} (${kilobytes(html)}).\n`);
      } else {
        // The diagram goes in a file of its own next to the report: Markdown viewers show an SVG
        // file, while many refuse an image embedded in the page.
        // So do the batch's charts, one file each (report.chart-outcomes.svg…).
        const stem = basename(out, extname(out));
        const diagramName = `${stem}.diagram.svg`;
        const chartName = (key: ChartKey) => `${stem}.chart-${key}.svg`;
        const model = buildReport(input);
        const markdown = renderMarkdown(model, { diagramHref: diagramName, chartHref: chartName });
        // A workflow too large to draw has no diagram (the report says so).
        if (model.diagramSvg) await atomicWriteFile(join(dirname(out), diagramName), `${model.diagramSvg}\n`);
        const charts = model.batch ? reportCharts(model.batch) : [];
        for (const chart of charts) await atomicWriteFile(join(dirname(out), chartName(chart.key)), `${chart.svg}\n`);
        await atomicWriteFile(out, markdown);
        const diagram = model.diagramSvg ? diagramName : '';
        const images = charts.length ? `${diagram ? `, ${diagram}` : ''} and ${charts.length} charts (${stem}.chart-*.svg)` : diagram ? ` and ${diagram}` : '';
        io.stderr.write(`Wrote ${terminalText(values.out)}${terminalText(images)} (${kilobytes(markdown)}).\n`);
      }
    } catch (e) {
      io.stderr.write(`Cannot write ${terminalText(values.out)}: ${terminalText((e as Error).message)}\n`);
      return 1;
    }
    return 0;
  },
};
