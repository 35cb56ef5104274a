// `flowgate draft`: turns a description of a process into a draft workflow file, on an
// OpenAI-compatible model, checked by the loader and the analysis and repaired for up to three
// rounds (shared/drafting/repair-loop.ts). Prints what was assumed and what remains.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { atomicWriteFile } from '../../electron/backend/atomic-write';
import { checkBaseUrl, cliModelConfig, defaultDataDir, usageLine } from '../../electron/backend/ai/cli-ai';
import { DraftingClient } from '../../electron/backend/ai/drafting-client';
import { serializeWorkflow } from '../../shared/model/load';
import { MAX_DESCRIPTION_CHARS } from '../../shared/drafting/prompt';
import { draftWorkflow } from '../../shared/drafting/repair-loop';
import type { DraftProblem } from '../../shared/drafting/problems';
import type { DraftOutcome, DraftProgress } from '../../shared/drafting/result';
import { EXIT_USAGE, type CliCommand, type CliIo } from '../types';
import { listed } from './list';
import { parseCommandArgs } from '../parse-args';

const USAGE = `Usage: flowgate draft "DESCRIPTION" --out PATH.flowgate.json [options]
       flowgate draft --from FILE.txt --out PATH.flowgate.json [options]

Drafts a workflow from a description of the process in plain words, on an OpenAI-compatible model
(OpenAI, or a local server such as Ollama or LM Studio). The reply is checked by Flowgate's loader and
analysis; what they find goes back to the model for up to 3 rounds of repair, and what remains is
listed. Sensitive steps still without an approval get one. AI steps of the draft run on the offline
mock and only suggest until you change them. The description is sent to the model's server and
nowhere else; it is kept as the workflow's description.

Options:
  --from FILE          Read the description from a text file instead
  --out PATH           Where to write the draft (*.flowgate.json); an existing file is kept unless --force
  --force              Overwrite PATH when it exists
  --format text|json   text (default), or a JSON summary on stdout
  --ai-base-url URL    The OpenAI-compatible server (https://api.openai.com/v1, http://localhost:11434/v1…);
                       the API key is read from FLOWGATE_AI_API_KEY
  --ai-model NAME      The model to draft with
  --data-dir DIR       Where the app keeps its AI settings, used when the flags above are not given
                       (default ~/.flowgate)

Exit codes:
  0  written, and the analysis finds no errors
  1  written, with errors that remain (listed)
  2  nothing written: no model set up, the model refused or never sent a readable draft, the server
     failed, or the options are wrong
`;

// C0 and C1 control characters (ESC among them) and bidi controls: a model's text must not drive the
// terminal. (A shared CLI helper for this is on its way; this is the command's own until then.)
// oxlint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** One line of model-made text, safe to print: controls become U+FFFD, line breaks a space. */
export function printable(text: string): string {
  return text.replace(BIDI, '').replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '\uFFFD');
}

/** JSON for stdout: JSON.stringify escapes C0 but writes C1 characters raw; escape them too. */
function jsonText(value: unknown): string {
  // oxlint-disable-next-line no-control-regex
  return JSON.stringify(value, null, 2).replace(/[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function readDescription(values: { from?: string }, positionals: string[], io: CliIo): string | { error: string } {
  if (values.from !== undefined && positionals.length) return { error: 'Give the description either as text or with --from FILE, not both.' };
  if (values.from === undefined && positionals.length !== 1) {
    return { error: positionals.length ? 'Give the description as one argument: put it in quotes.' : 'Describe the process: flowgate draft "When a refund request arrives…" --out refund.flowgate.json' };
  }
  let text: string;
  if (values.from !== undefined) {
    const path = resolve(io.cwd, values.from);
    try {
      if (statSync(path).size > MAX_DESCRIPTION_CHARS * 4) return { error: `${values.from}: the description is longer than ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')} characters.` };
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { error: `${values.from}: cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}` };
    }
  } else {
    text = positionals[0];
  }
  text = text.replace(/^\uFEFF/, '').trim();
  if (!text) return { error: 'The description is empty: describe the process in a few sentences.' };
  if (text.length > MAX_DESCRIPTION_CHARS) return { error: `The description is longer than ${MAX_DESCRIPTION_CHARS.toLocaleString('en-US')} characters: shorten it.` };
  return text;
}

function progressLine(p: DraftProgress, model: string): string | null {
  if (p.phase !== 'asking') return null;
  const what = p.round === 1 ? `asking ${model} for a draft` : `asking ${model} to fix ${p.fixing} ${p.fixing === 1 ? 'error' : 'errors'}`;
  return `Round ${p.round} of at most ${p.maxRounds}: ${what}…\n`;
}

function problemText(p: DraftProblem): string {
  const rule = p.ruleId ? `${p.ruleId}: ` : `${p.path}: `;
  return `  ${p.severity.padEnd(5)}  ${printable(rule + p.message)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function report(outcome: Extract<DraftOutcome, { ok: true }>, out: string, model: string): string {
  const wf = outcome.workflow;
  const lines = [
    `Wrote ${out}: "${printable(wf.name)}", ${plural(wf.nodes.length, 'step')}, ${plural(wf.connections.length, 'connection')}; drafted by ${printable(model)} in ${plural(outcome.rounds, 'round')}.`,
  ];
  if (outcome.assumptions.length) lines.push('', 'The model assumed:', ...outcome.assumptions.map((a) => `  - ${printable(a)}`));
  if (outcome.notes.length) lines.push('', 'Flowgate filled in:', ...outcome.notes.map((n) => `  - ${printable(n)}`));
  const c = outcome.counts;
  if (outcome.remaining.length) {
    lines.push('', `What remains (${plural(c.error, 'error')}, ${plural(c.warn, 'warning')}, ${plural(c.info, 'note')}):`, ...outcome.remaining.map(problemText));
  } else {
    lines.push('', 'The analysis finds nothing to fix.');
  }
  return `${lines.join('\n')}\n`;
}

export const draftCommand: CliCommand = {
  ...listed('draft'),
  usage: USAGE,

  async run(argv, io) {
    const parsed = parseCommandArgs('draft', argv, {
      from: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      'ai-base-url': { type: 'string' },
      'ai-model': { type: 'string' },
      'data-dir': { type: 'string' },
    }, io);
    if (!parsed) return EXIT_USAGE;
    const { values, positionals } = parsed;
    if (values.format !== 'text' && values.format !== 'json') {
      io.stderr.write(`--format must be "text" or "json", not "${values.format}".\n`);
      return EXIT_USAGE;
    }
    const description = readDescription(values, positionals, io);
    if (typeof description !== 'string') {
      io.stderr.write(`${description.error}\n`);
      return EXIT_USAGE;
    }
    if (values.out === undefined) {
      io.stderr.write('Say where to write the draft: --out NAME.flowgate.json\n');
      return EXIT_USAGE;
    }
    const out = resolve(io.cwd, values.out);
    if (existsSync(out) && !values.force) {
      io.stderr.write(`${values.out} exists already: choose another --out, or add --force to overwrite it.\n`);
      return EXIT_USAGE;
    }
    const baseUrlProblem = values['ai-base-url'] === undefined ? null : checkBaseUrl(values['ai-base-url']);
    if (baseUrlProblem) {
      io.stderr.write(`${baseUrlProblem}\n`);
      return EXIT_USAGE;
    }
    const model = await cliModelConfig({ dataDir: resolve(io.cwd, values['data-dir'] ?? defaultDataDir()), baseUrl: values['ai-base-url'], model: values['ai-model'], env: io.env });
    for (const w of model.warnings) io.stderr.write(`${w}\n`);
    if (!model.ok) {
      io.stderr.write(`${model.message}\n`);
      return EXIT_USAGE;
    }

    const { baseUrl, model: name } = model.config;
    io.stderr.write(`The description goes to ${name} at ${baseUrl} and nowhere else.\n`);
    const client = new DraftingClient(model.config);
    const outcome = await draftWorkflow(description, client, {
      id: randomUUID(),
      onProgress: (p) => {
        const line = progressLine(p, name);
        if (line) io.stderr.write(line);
      },
    });
    const usage = client.ledger.summary();

    if (!outcome.ok) {
      if (values.format === 'json') {
        const { ok: _ok, ...failure } = outcome;
        io.stdout.write(`${jsonText({ written: null, model: name, failure, aiUsage: usage })}\n`);
      }
      const problems = outcome.problems.length ? `\nThe last reply:\n${outcome.problems.map(problemText).join('\n')}` : '';
      io.stderr.write(`Nothing written: ${printable(outcome.message)}${problems}\n${usageLine(usage)}\n`);
      return EXIT_USAGE;
    }

    try {
      mkdirSync(dirname(out), { recursive: true });
      await atomicWriteFile(out, serializeWorkflow(outcome.workflow));
    } catch (e) {
      io.stderr.write(`Cannot write ${values.out}: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    if (values.format === 'json') {
      const { ok: _ok, workflow, ...rest } = outcome;
      io.stdout.write(`${jsonText({ written: out, model: name, name: workflow.name, steps: workflow.nodes.length, ...rest, aiUsage: usage })}\n`);
    } else {
      io.stdout.write(report(outcome, values.out, name));
    }
    io.stderr.write(`${usageLine(usage)}\n`);
    return outcome.counts.error > 0 ? 1 : 0;
  },
};
