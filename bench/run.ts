// `npm run bench`: measures the figures of DESIGN.md §10, prints a table and writes bench/results.json.
// docs/PERFORMANCE.md explains each figure. Options:
//   --only=analysis,save,simulation,batch,conformance,cli,lint,bundle,browser   run some parts only
//   --strict                                         exit 1 when a figure misses its budget
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analysisFigures } from './analysis';
import { batchFigures } from './batch-rate';
import { browserFigures, browserMissing } from './browser';
import { buildRenderer, bundleFigures } from './bundle';
import { cliLintFigures } from './cli-lint';
import { cliStartFigures } from './cli-start';
import { conformanceFigures } from './conformance';
import { LOAD_AT_START, missing, table, writeResults, type Figure } from './lib/figures';
import { saveLoadFigures } from './save-load';
import { simulationFigures } from './simulation';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const PARTS = ['analysis', 'save', 'simulation', 'batch', 'conformance', 'cli', 'lint', 'bundle', 'browser'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: string[]): { parts: Set<Part>; strict: boolean } {
  let parts = new Set<Part>(PARTS);
  let strict = false;
  for (const arg of argv) {
    if (arg === '--strict') strict = true;
    else if (arg.startsWith('--only=')) {
      const wanted = arg.slice('--only='.length).split(',').filter(Boolean);
      const unknown = wanted.filter((w) => !(PARTS as readonly string[]).includes(w));
      if (unknown.length) throw new Error(`Unknown part ${unknown.join(', ')}: choose from ${PARTS.join(', ')}.`);
      parts = new Set(wanted as Part[]);
    } else throw new Error(`Unknown option "${arg}". Options: --only=${PARTS.join(',')} and --strict.`);
  }
  return { parts, strict };
}

/** The start of an error message, without terminal colours: enough to say what broke. */
function firstLines(message: string): string {
  // oxlint-disable-next-line no-control-regex -- removing ANSI colour codes is the point
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3).join(' ');
  return lines.length > 300 ? `${lines.slice(0, 299)}…` : lines;
}

/** Runs one part; a part that throws becomes a missing row instead of ending the run. */
async function part(name: string, run: () => Promise<Figure[]>, onError: (why: string) => Figure[]): Promise<Figure[]> {
  const start = performance.now();
  process.stderr.write(`• ${name}…`);
  try {
    const figures = await run();
    process.stderr.write(` ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    return figures;
  } catch (e) {
    const why = firstLines((e as Error).message);
    process.stderr.write(` failed: ${why}\n`);
    return onError(why);
  }
}

async function main(): Promise<number> {
  const { parts, strict } = parseArgs(process.argv.slice(2));
  const start = performance.now();
  const cores = availableParallelism();
  if (LOAD_AT_START > cores / 2) {
    process.stderr.write(`Note: the load average is ${LOAD_AT_START.toFixed(1)} on ${cores} cores; other work will slow the figures down.\n`);
  }
  const figures: Figure[] = [];
  const failed = (id: string, text: string, unit: string) => (why: string) => [missing(id, text, unit, null, why)];

  if (parts.has('analysis')) figures.push(...(await part('analysis', analysisFigures, failed('analysis', 'Analysis', 'ms'))));
  if (parts.has('save')) figures.push(...(await part('save and open through the backend', saveLoadFigures, failed('save.10000', 'Save, 10,000 steps', 'ms'))));
  if (parts.has('simulation')) figures.push(...(await part('simulation', simulationFigures, failed('simulation', 'Simulation', '/s'))));
  if (parts.has('batch')) figures.push(...(await part('batch', batchFigures, failed('batch', 'Batch', '/s'))));
  if (parts.has('conformance')) figures.push(...(await part('conformance (event logs)', conformanceFigures, failed('conformance.csv.100000', 'Read a CSV log, 100,000 events', 'ms'))));
  if (parts.has('cli')) figures.push(...(await part('command line start', cliStartFigures, failed('cli.help', 'flowgate --help, start to exit', 'ms'))));
  if (parts.has('lint')) figures.push(...(await part('flowgate lint of 100 files', cliLintFigures, failed('cli.lint.100', 'flowgate lint of 100 files, one process', 'ms'))));
  // The browser figures load the build that the bundle figure weighs: one build, in a temp folder.
  const renderer: { build?: Promise<string> } = {};
  const built = () => (renderer.build ??= buildRenderer());
  if (parts.has('bundle')) {
    figures.push(...(await part('renderer build and bundle size', async () => bundleFigures(await built()), failed('bundle.gzip', 'Renderer bundle, gzipped', 'KB'))));
  }
  if (parts.has('browser')) figures.push(...(await part('browser (Chromium)', async () => browserFigures(await built()), browserMissing)));
  const buildDir = await renderer.build?.catch(() => null);
  if (buildDir) await rm(buildDir, { recursive: true, force: true });

  const seconds = (performance.now() - start) / 1000;
  console.log(`\n${table(figures)}\n`);
  await writeResults(RESULTS, figures, seconds);
  const over = figures.filter((f) => f.withinBudget === false);
  console.log(`${over.length ? `${over.length} figure(s) over budget` : 'Every measured figure is within its budget'}. Written to bench/results.json in ${seconds.toFixed(0)} s.`);
  return strict && over.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error((e as Error).message);
    process.exitCode = 2;
  },
);
