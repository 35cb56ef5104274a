// What every `flowgate` command looks like; cli/commands/index.ts lists them.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Relative paths in arguments are resolved against this folder. */
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  /** One line for `flowgate --help`. */
  summary: string;
  /** Full text for `flowgate <name> --help`. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Exit code for wrong usage (unknown command or option), as most command-line tools use. */
export const EXIT_USAGE = 2;
