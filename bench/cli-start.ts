// Start time of the `flowgate` command: `node bin/flowgate.js --help` (what `npx flowgate --help`
// runs once npm has found the bin) against `node -e 0` on the same machine, in the same minute.
// The two alternate, so a neighbour process slows both alike. The command runs the build in out/cli/,
// made here when it is missing or stale, as the tests' setup does.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../cli/repo';
import setupCliBuild from '../tests/setup/build-cli';
import { figure, type Figure } from './lib/figures';
import { formatRuns, summarise } from './lib/stats';

const RUNS = 21;
const WARMUP = 3;

function timeProcess(args: string[]): number {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr.trim()}`);
  return ms;
}

export async function cliStartFigures(): Promise<Figure[]> {
  await setupCliBuild();
  const help = [join(REPO_ROOT, 'bin', 'flowgate.js'), '--help'];
  const bare = ['-e', '0'];
  for (let i = 0; i < WARMUP; i++) {
    timeProcess(help);
    timeProcess(bare);
  }
  const helpTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    helpTimes.push(timeProcess(help));
    bareTimes.push(timeProcess(bare));
  }
  const flowgate = summarise(helpTimes);
  const node = summarise(bareTimes);
  return [
    // 300 ms, where Node itself starts in about 160 ms on the development machine at rest.
    figure('cli.help', 'flowgate --help, start to exit', flowgate.median, 'ms', { max: 300 }, `${formatRuns(flowgate)}; node bin/flowgate.js --help, the built command line`, {
      what: `node -e 0, start to exit, alternating (${formatRuns(node)})`,
      value: node.median,
      budget: { max: 1.5 },
    }),
    figure('cli.overhead', 'flowgate --help minus node -e 0', flowgate.median - node.median, 'ms', null, 'what the command adds to starting Node'),
  ];
}
