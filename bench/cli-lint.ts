// `flowgate lint` of 100 workflow files in one process, start to exit, against a bare Node process that
// reads and JSON.parses the same 100 files (the least a linter of these files does, start included),
// alternating in the same minute. The files are what a consultant's folder holds: the five templates,
// four times each, and 80 generated workflows of 20 to 200 steps, half of them first drafts with
// findings.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, RESOURCES_DIR } from '../cli/repo';
import { serializeWorkflow } from '../shared/model/load';
import setupCliBuild from '../tests/setup/build-cli';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { figure, type Figure } from './lib/figures';
import { formatRuns, summarise } from './lib/stats';

const FILES = 100;
const RUNS = 7;
const WARMUP = 1;

async function writeFolder(dir: string): Promise<number> {
  const templates = (await readdir(join(RESOURCES_DIR, 'templates'))).filter((f) => f.endsWith('.flowgate.json'));
  let steps = 0;
  let n = 0;
  for (let copy = 0; copy < 4; copy++) {
    for (const t of templates) {
      const text = await readFile(join(RESOURCES_DIR, 'templates', t), 'utf8');
      steps += (JSON.parse(text) as { nodes: unknown[] }).nodes.length;
      await writeFile(join(dir, `${String(n++).padStart(3, '0')}-${t}`), text);
    }
  }
  for (let seed = 1; n < FILES; seed++) {
    const nodes = 20 + ((seed * 37) % 181);
    steps += nodes;
    const wf = generateWorkflow({ nodes, seed, variant: seed % 2 ? 'flawed' : 'clean' });
    await writeFile(join(dir, `${String(n++).padStart(3, '0')}-generated.flowgate.json`), serializeWorkflow(wf));
  }
  return steps;
}

/** What the baseline process runs: read and parse every file named on its command line. */
const BARE = "const fs = require('node:fs'); let n = 0; for (const f of process.argv.slice(1)) n += JSON.parse(fs.readFileSync(f, 'utf8')).nodes.length; if (!n) process.exit(3);";

function timeProcess(args: string[], okCodes: readonly number[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (child.status === null || !okCodes.includes(child.status)) throw new Error(`node ${args.slice(0, 2).join(' ')} … exited with ${child.status}: ${child.stderr.trim().slice(0, 300)}`);
  return ms;
}

export async function cliLintFigures(): Promise<Figure[]> {
  await setupCliBuild();
  const dir = await mkdtemp(join(tmpdir(), 'flowgate-bench-lint-'));
  try {
    const steps = await writeFolder(dir);
    const files = (await readdir(dir)).sort().map((f) => join(dir, f));
    // Exit code 1 means findings (the drafts have errors): the run itself succeeded.
    const lint = () => timeProcess([join(REPO_ROOT, 'bin', 'flowgate.js'), 'lint', '--data-dir', join(dir, 'no-settings'), ...files], [0, 1]);
    const bare = () => timeProcess(['-e', BARE, ...files], [0]);
    const lintTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const l = lint();
      const b = bare();
      if (i < WARMUP) continue;
      lintTimes.push(l);
      bareTimes.push(b);
    }
    const t = summarise(lintTimes);
    return [
      figure(
        'cli.lint.100',
        `flowgate lint of ${FILES} files, one process`,
        t.median,
        'ms',
        { max: 2_000 },
        `${formatRuns(t)}; ${steps.toLocaleString('en-US')} steps in all (the templates four times each, 80 generated workflows of 20–200 steps, half of them drafts with findings), start to exit`,
        // 2 s, where the baseline takes about 0.2 s on the development machine at rest.
        { what: 'node reading and JSON.parse of the same 100 files, start to exit', value: summarise(bareTimes).median, budget: { max: 10 } },
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
