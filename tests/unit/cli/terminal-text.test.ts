// No text from a file reaches the terminal as a control character: a hostile workflow cannot set the
// terminal's title, clear the screen, move the cursor or fake a line of output. Every command is run
// on workflows with control characters in every field; the output holds none, has exactly as many
// lines as the same workflow without them, and JSON output still carries the text unchanged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalText } from '../../../cli/terminal-text';
import { serializeWorkflow } from '../../../shared/model/load';
import { BODY_GUTTER } from '../../../shared/simulation/text-report';
import type { Workflow } from '../../../shared/model/schema';
import { TERMINAL, TERMINAL_CONTROL } from '../../fixtures/hostile-text';
import { hostileWorkflow } from '../../fixtures/hostile-workflow';
import { runCli } from '../../support/run-cli';

const tmp = mkdtempSync(join(tmpdir(), 'flowgate-terminal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// oxlint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/** The same text with every control character swapped for a plain letter: the output must have the same shape. */
const plain = (text: string) => text.replace(ANY_CONTROL, 'x');

const flowgate = (args: string[]) => runCli(args, { cwd: tmp });

let files = 0;
function fileOf(wf: Workflow | string): string {
  const path = join(tmp, `wf-${files++}.flowgate.json`);
  writeFileSync(path, typeof wf === 'string' ? wf : serializeWorkflow(wf));
  return path;
}

/** Every command and format that prints something about a workflow. */
function commandsFor(file: string): { args: string[]; shape: 'text' | 'json' | 'html' }[] {
  return [
    { args: ['lint', file], shape: 'text' },
    { args: ['lint', file, '--format', 'json'], shape: 'json' },
    { args: ['simulate', file, '--scenario', 'happy'], shape: 'text' },
    { args: ['simulate', file, '--scenario', 'rejected'], shape: 'text' },
    { args: ['simulate', file, '--scenario', 'billing', '--format', 'json'], shape: 'json' },
    { args: ['simulate', file, '--scenario', 'no-such-scenario'], shape: 'text' },
    { args: ['simulate', file, '--runs', '25', '--seed', '3'], shape: 'text' },
    { args: ['simulate', file, '--runs', '25', '--format', 'json'], shape: 'json' },
    { args: ['report', file, '--date', 'none'], shape: 'text' },
    { args: ['report', file, '--format', 'html', '--date', 'none'], shape: 'html' },
    { args: ['export', file, '--to', 'n8n', '--out', join(tmp, 'out.json')], shape: 'text' },
    { args: ['export', file, '--to', 'bpmn', '--out', join(tmp, 'out.bpmn'), '--force'], shape: 'text' },
  ];
}

describe('terminalText', () => {
  it('shows every control character of a text as a visible escape, and leaves the rest alone', () => {
    expect(terminalText('a\u001b]0;x\u0007b')).toBe('a\\u001B]0;x\\u0007b');
    expect(terminalText('ok\rFAKE\nline\ttab')).toBe('ok\\u000DFAKE\\u000Aline\\u0009tab');
    expect(terminalText('\u009b31m \u007f \u2028 \u202egpj')).toBe('\\u009B31m \\u007F \\u2028 \\u202Egpj');
    expect(terminalText('Café ☕ 日本 \\n "quoted" \u00a0')).toBe('Café ☕ 日本 \\n "quoted" \u00a0');
    for (const text of TERMINAL) expect(terminalText(text)).not.toMatch(ANY_CONTROL);
  });
});

describe('every command on hostile text', () => {
  it('prints no control character, fakes no line, and keeps JSON faithful', async () => {
    const problems: string[] = [];
    for (let offset = 0; offset < TERMINAL.length; offset++) {
      const hostile = hostileWorkflow(TERMINAL, offset);
      const twin = hostileWorkflow(TERMINAL.map(plain), offset);
      const hostileCommands = commandsFor(fileOf(hostile));
      const twinCommands = commandsFor(fileOf(twin));
      for (const [i, { args, shape }] of hostileCommands.entries()) {
        const run = await flowgate(args);
        const what = `${args.slice(0, 1).concat(args.slice(2)).join(' ')} (offset ${offset})`;
        for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
          const bad = TERMINAL_CONTROL.exec(text) ?? BIDI.exec(text);
          if (bad) problems.push(`${what}: ${stream} holds U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, bad.index - 30), bad.index + 10))}`);
        }
        if (shape === 'text') {
          const other = await flowgate(twinCommands[i].args);
          // A message body keeps its own lines, behind its bar; every other line is Flowgate's.
          const lines = (s: string) => s.split('\n').filter((l) => !l.startsWith(BODY_GUTTER)).length;
          if (lines(run.stdout) !== lines(other.stdout) || lines(run.stderr) !== lines(other.stderr)) {
            problems.push(`${what}: ${lines(run.stdout)}+${lines(run.stderr)} lines, but ${lines(other.stdout)}+${lines(other.stderr)} without the control characters`);
          }
        }
        if (shape === 'json' && run.code === 0) {
          const parsed = JSON.parse(run.stdout) as { workflow?: { name: string }; files?: { findings: { message: string }[] }[] };
          if (parsed.workflow && parsed.workflow.name !== hostile.name) problems.push(`${what}: the JSON changed the workflow's name`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('covers ids, file names and errors too', async () => {
    const id = 'n\u001b[2J\n1';
    const wf = hostileWorkflow(TERMINAL, 0);
    const renamed = { ...wf, nodes: wf.nodes.map((n) => (n.id === 'n1' ? { ...n, id } : n)), edges: wf.edges.map((e) => (e.source === 'n1' ? { ...e, source: id } : e)) };
    const invalid = JSON.stringify({ ...wf, nodes: [{ id: 'x', kind: 'ai\u001b]0;pwned\u0007\nfake', label: 'a', position: { x: 0, y: 0 }, config: {} }] });
    const runs = [
      await flowgate(['lint', fileOf(renamed)]),
      await flowgate(['simulate', fileOf(renamed), '--scenario', 'happy']),
      await flowgate(['lint', fileOf(invalid)]),
      await flowgate(['simulate', fileOf(invalid)]),
      await flowgate(['lint', join(tmp, 'missing\u001b[2J.flowgate.json')]),
      await flowgate(['lint', '--format', 'x\u001b[2J']),
    ];
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toMatch(TERMINAL_CONTROL);
    }
    // The error names the bad value on one line.
    expect(runs[2].stderr.trim().split('\n')).toHaveLength(1);
    expect(runs[4].stderr.trim().split('\n')).toHaveLength(1);
  });
});
