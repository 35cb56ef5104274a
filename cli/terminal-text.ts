// Text from a file never reaches the terminal as a control character. A workflow may hold any text
// (see "Text" in docs/file-format.md), and a terminal obeys what it is sent: ESC sequences set its
// title, clear the screen or move the cursor, CR and LF start a line the file could fake ("0 errors"),
// C1 characters act as ESC on some terminals, and bidi controls display text backwards.
//
// Two layers, both here:
// - terminalText(text): for one piece of user text (a label, a name, an id, a file name, an error
//   message that quotes them). Every control character, line breaks and tabs included, is shown as
//   a visible escape (`\u001B`), so the value stays on its line and says what it holds. Commands and
//   the text formatters they call use it for every piece of user text they print.
// - guardTerminal(io): the safety net main.ts puts under every command. Whatever a command writes
//   goes through terminalOutput, which keeps Flowgate's own line breaks and tabs and escapes every
//   other control character. The escape is valid JSON, so `--format json` output keeps its meaning.
//   A command's own terminal control (the progress bar's carriage return) goes through rawStream.
import type { CliIo } from './types';

// Matching control characters is these expressions' whole purpose.
// oxlint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
// The same, less line feed and tab, which Flowgate's own output uses.
// oxlint-disable-next-line no-control-regex
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One piece of user text for a line of terminal output: every control character becomes a visible `\uXXXX`. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, visible);
}

/** A whole output laid out by Flowgate: its line breaks and tabs stay, every other control character becomes `\uXXXX`. */
export function terminalOutput(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, visible);
}

const rawOf = new WeakMap<object, NodeJS.WritableStream>();

/** A stream whose string writes go through terminalOutput; everything else (isTTY, columns, on…) is the stream's own. */
function guardStream(stream: NodeJS.WritableStream): NodeJS.WritableStream {
  const clean = (chunk: unknown) => (typeof chunk === 'string' ? terminalOutput(chunk) : chunk);
  const guarded = new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') return (chunk: unknown, ...rest: unknown[]) => (target.write as (...a: unknown[]) => boolean)(clean(chunk), ...rest);
      if (prop === 'end') return (chunk?: unknown, ...rest: unknown[]) => (target.end as (...a: unknown[]) => unknown)(clean(chunk), ...rest);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  rawOf.set(guarded, stream);
  return guarded;
}

/** The command's io with stdout and stderr guarded (main.ts does this for every command). */
export function guardTerminal(io: CliIo): CliIo {
  return { ...io, stdout: guardStream(io.stdout), stderr: guardStream(io.stderr) };
}

/** The unguarded stream behind a guarded one, for a command's own control sequences (a progress bar's `\r`). */
export function rawStream(stream: NodeJS.WritableStream): NodeJS.WritableStream {
  return rawOf.get(stream) ?? stream;
}
