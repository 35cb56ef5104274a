// Runs the command line in this process, as `bin/flowgate.js` would, and keeps what it wrote: the
// tests of every command share it instead of each building its own streams.
import { Writable } from 'node:stream';
import { main } from '../../cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Both streams, in the order they were written: what a person at the terminal would read. */
  text: string;
}

export interface CliRunOptions {
  cwd?: string;
  /** The whole environment the command sees; none by default, so a developer's settings cannot leak in. */
  env?: NodeJS.ProcessEnv;
}

/** A stream that keeps what is written to it; `tty` makes it say it is a terminal 100 columns wide. */
export function textSink(tty = false): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  if (tty) Object.assign(stream, { isTTY: true, columns: 100 });
  return { stream, text: () => text };
}

export async function runCli(argv: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const run: CliRun = { code: -1, stdout: '', stderr: '', text: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _encoding, done) {
        run[key] += String(chunk);
        run.text += String(chunk);
        done();
      },
    });
  run.code = await main(argv, { stdout: sink('stdout'), stderr: sink('stderr'), cwd: options.cwd ?? process.cwd(), env: options.env ?? {} });
  return run;
}
