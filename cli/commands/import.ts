// `flowgate import`: converts an n8n workflow file into a Flowgate workflow, so the analysis can say
// which of its nodes send, pay or delete without a person approving first.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { atomicWriteFile } from '../../electron/backend/atomic-write';
import { analyze } from '../../shared/analysis/analyze';
import { importN8nText, type ImportedWorkflow } from '../../shared/interchange/n8n/import-text';
import { isN8nText } from '../../shared/interchange/n8n/read-n8n';
import { MAX_FILE_BYTES, serializeWorkflow } from '../../shared/model/load';
import { EXIT_USAGE, type CliCommand } from '../types';
import { listed } from './list';
import { parseCommandArgs } from '../parse-args';

const USAGE = `Usage: flowgate import FILE.json [--out PATH.flowgate.json] [--force]

Converts an n8n workflow (the JSON n8n's "Download" or "n8n export:workflow" writes: one workflow
or a list) into a Flowgate workflow. Node ids and names are kept, so findings name the nodes you
know; credentials become connections (no secret is read: n8n exports none); the connections are
assumed to grant exactly what their steps use.

Options:
  --out PATH   Where to write (default: beside FILE, as NAME.flowgate.json). For a file holding
               several workflows, a folder: one NAME.flowgate.json per workflow.
  --force      Overwrite files that already exist

Exit codes:
  0  written
  1  a file could not be written, or exists already (use --force)
  2  the file cannot be read, is not an n8n workflow, or is refused (too large, too deep,
     nodes with the same name, links to missing nodes), or the options are wrong
`;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workflow';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(w: ImportedWorkflow): string {
  const { counts } = analyze(w.workflow);
  const problems = counts.error + counts.warn + counts.info;
  return problems ? `the analysis finds ${plural(counts.error, 'error')}, ${plural(counts.warn, 'warning')}, ${counts.info} info` : 'the analysis finds nothing to report';
}

export const importCommand: CliCommand = {
  ...listed('import'),
  usage: USAGE,

  async run(argv, io) {
    const parsed = parseCommandArgs('import', argv, { out: { type: 'string' }, force: { type: 'boolean' } }, io);
    if (!parsed) return EXIT_USAGE;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      io.stderr.write(`Name one n8n workflow file.\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const file = positionals[0];
    const path = resolve(io.cwd, file);
    let text: string;
    try {
      if (statSync(path).size > MAX_FILE_BYTES) {
        io.stderr.write(`${file}: cannot read: the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB\n`);
        return EXIT_USAGE;
      }
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr.write(`${file}: cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}\n`);
      return EXIT_USAGE;
    }
    if (!isN8nText(text)) {
      const flowgate = /"format"\s*:\s*"flowgate\.workflow"/.test(text);
      io.stderr.write(flowgate ? `${file}: is a Flowgate workflow already: open it as it is.\n` : `${file}: not an n8n workflow: it has no list of n8n nodes.\n`);
      if (!flowgate) {
        // Hostile or broken n8n files get the import's own reason.
        try {
          importN8nText(text);
        } catch (e) {
          io.stderr.write(`  ${(e as Error).message}\n`);
        }
      }
      return EXIT_USAGE;
    }
    let imported: ImportedWorkflow[];
    try {
      imported = importN8nText(text);
    } catch (e) {
      io.stderr.write(`${file}: cannot import: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }

    const stem = basename(path).replace(/\.json$/i, '');
    const targets =
      imported.length === 1
        ? [values.out ? resolve(io.cwd, values.out) : join(dirname(path), `${stem}.flowgate.json`)]
        : imported.map((w, i) => join(values.out ? resolve(io.cwd, values.out) : dirname(path), `${slug(w.sourceName || `${stem}-${i + 1}`)}.flowgate.json`));
    if (new Set(targets).size !== targets.length) {
      io.stderr.write(`${file}: two workflows in it have the same name; rename one in n8n, or import them one at a time.\n`);
      return 1;
    }
    const existing = targets.filter((t) => existsSync(t));
    if (existing.length && !values.force) {
      io.stderr.write(`Not written: ${existing.join(', ')} ${existing.length === 1 ? 'exists' : 'exist'} already. Add --force to overwrite.\n`);
      return 1;
    }
    for (const [i, w] of imported.entries()) {
      try {
        mkdirSync(dirname(targets[i]), { recursive: true });
        await atomicWriteFile(targets[i], serializeWorkflow(w.workflow));
      } catch (e) {
        io.stderr.write(`Cannot write ${targets[i]}: ${(e as Error).message}\n`);
        return 1;
      }
      io.stderr.write(`Imported "${w.sourceName || stem}" (${plural(w.workflow.nodes.length, 'step')}, ${plural(w.workflow.connections.length, 'connection')}) into ${targets[i]}: ${summary(w)}.\n`);
      for (const note of w.notes) io.stderr.write(`  note: ${note}\n`);
    }
    io.stderr.write(`Run "flowgate lint ${imported.length === 1 ? targets[0] : '<file>'}" to see the findings.\n`);
    return 0;
  },
};
