// `flowgate --help` reads cli/commands/list.ts and loads no command; the command that runs comes from
// cli/commands/index.ts. The two must name the same commands, in the same order, with the same words.
import { describe, expect, it } from 'vitest';
import { COMMAND_LIST, listed } from '../../../cli/commands/list';
import { commands } from '../../../cli/commands/index';
import { helpText } from '../../../cli/main';

describe('the command list', () => {
  it('names every command object, in order, with its summary', () => {
    expect(commands.map((c) => ({ name: c.name, summary: c.summary }))).toEqual(COMMAND_LIST.map((c) => ({ name: c.name, summary: c.summary })));
  });

  it('is what --help shows', () => {
    const text = helpText().split('\n');
    const start = text.indexOf('Commands:') + 1;
    const lines = text.slice(start, text.indexOf('', start));
    expect(lines.map((l) => l.trim().split(/\s{2,}/))).toEqual(COMMAND_LIST.map((c) => [c.name, c.summary]));
  });

  it('refuses a name it does not hold', () => {
    expect(() => listed('nope' as never)).toThrow('cli/commands/list.ts has no command "nope".');
  });
});
