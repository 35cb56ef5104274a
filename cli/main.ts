// The `flowgate` command line: finds the command, handles --help, and runs it. Only the command that
// runs is loaded (cli/commands/list.ts says why), so `flowgate --help` starts as fast as Node does.
import { parseArgs } from 'node:util';
import { COMMAND_LIST } from './commands/list';
import { appVersion } from './repo';
import { guardTerminal, terminalText } from './terminal-text';
import { EXIT_USAGE, type CliIo } from './types';

export function helpText(): string {
  const width = Math.max(...COMMAND_LIST.map((c) => c.name.length)) + 2;
  return [
    'Flowgate: design AI-assisted workflows, check their permissions and approval gates, and rehearse runs offline.',
    '',
    'Usage: flowgate <command> [options]',
    '',
    'Commands:',
    ...COMMAND_LIST.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show this help',
    '  -v, --version  Show the version',
    '',
    'Run "flowgate <command> --help" to see what a command accepts.',
    '',
  ].join('\n');
}

export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  // Every command writes through the guard: no control character from a file reaches the terminal.
  const io = guardTerminal(rawIo);
  // Everything before the first bare word is a global option; the rest belongs to the command.
  const { tokens } = parseArgs({ args: argv, strict: false, allowPositionals: true, tokens: true });
  const commandToken = tokens.find((t) => t.kind === 'positional');
  const globalArgs = commandToken ? argv.slice(0, commandToken.index) : argv;

  let global;
  try {
    global = parseArgs({
      args: globalArgs,
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
      strict: true,
    }).values;
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\nRun "flowgate --help" to see the options.\n`);
    return EXIT_USAGE;
  }
  if (global.version) {
    io.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  if (global.help || !commandToken || commandToken.kind !== 'positional') {
    (global.help ? io.stdout : io.stderr).write(helpText());
    return global.help ? 0 : EXIT_USAGE;
  }

  const name = commandToken.value;
  if (!COMMAND_LIST.some((c) => c.name === name)) {
    io.stderr.write(`Flowgate has no command called "${terminalText(name)}". Run "flowgate --help" to see the commands.\n`);
    return EXIT_USAGE;
  }
  const { commands } = await import('./commands/index');
  const command = commands.find((c) => c.name === name);
  if (!command) throw new Error(`cli/commands/index.ts does not list the command "${name}" that cli/commands/list.ts names.`);
  const rest = argv.slice(commandToken.index + 1);
  const beforeTerminator = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (beforeTerminator.includes('--help') || beforeTerminator.includes('-h')) {
    io.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  return command.run(rest, io);
}
