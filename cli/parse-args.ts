// Reads a command's options the same way for every command: strict (an unknown option is refused),
// positionals allowed, and a refusal that names the option and points at the command's --help.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorText } from '../shared/text';
import { terminalText } from './terminal-text';
import type { CliIo } from './types';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T, io: Pick<CliIo, 'stderr'>): Parsed<T> | null {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr.write(`${terminalText(errorText(e))}\nRun "flowgate ${command} --help" to see the options.\n`);
    return null;
  }
}
