// `flowgate export`: hands a workflow to another engine — executable BPMN for Camunda 8 or an n8n
// workflow — as the same files the app writes. Refuses while the analysis finds errors, unless --force.
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { atomicWriteFile } from '../../electron/backend/atomic-write';
import { analyze } from '../../shared/analysis/analyze';
import { EXPORT_TARGETS, exportTarget } from '../../shared/interchange/targets';
import { ExportError, type ExportWarning } from '../../shared/interchange/types';
import type { Workflow } from '../../shared/model/schema';
import { readWorkflow } from '../read-workflow';
import { listed } from './list';
import { EXIT_USAGE, type CliCommand } from '../types';

const USAGE = `Usage: flowgate export FILE --to bpmn|n8n --out PATH [--camunda 8.6|8.7|8.8] [--force]

Exports a workflow file (*.flowgate.json) for an engine that runs it:
  --to bpmn    executable BPMN 2.0 for Camunda 8 (Zeebe), with a worker manifest and the approval
               forms written beside it
  --to n8n     an n8n workflow (JSON) to import into n8n
No credential is ever exported: connections travel by name, identity and scopes only.

Options:
  --to TARGET        bpmn or n8n
  --out PATH         Where to write the main file; the other files go beside it
  --camunda VERSION  Camunda 8 version to target (bpmn only): 8.6, 8.7 or 8.8 (default 8.8)
  --force            Export even though the analysis finds errors in the workflow

Exit codes:
  0  written (warnings, if any, on stderr)
  1  not written: the analysis finds errors (use --force to export anyway), or a file could not be written
  2  the file cannot be read, is not a valid workflow, cannot be expressed in the target, or the options are wrong
`;

function errorSummary(workflow: Workflow): string[] {
  return analyze(workflow)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `  ${f.ruleId}: ${f.message}`);
}

function warningLine(file: string, w: ExportWarning, workflow: Workflow): string {
  const node = w.nodeId ? workflow.nodes.find((n) => n.id === w.nodeId) : undefined;
  const where = node ? ` (step "${node.label || node.id}")` : '';
  return `${file}: warning${where}: ${w.message}\n`;
}

export const exportCommand: CliCommand = {
  ...listed('export'),
  usage: USAGE,

  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: { to: { type: 'string' }, out: { type: 'string' }, camunda: { type: 'string' }, force: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      io.stderr.write(`${(e as Error).message}\nRun "flowgate export --help" to see the options.\n`);
      return EXIT_USAGE;
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      io.stderr.write(`Name one workflow file.\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const target = values.to === undefined ? undefined : exportTarget(values.to);
    if (!target) {
      const known = EXPORT_TARGETS.map((t) => t.id).join(' or ');
      io.stderr.write(values.to === undefined ? `Say which engine to export to: --to ${known}.\n` : `Flowgate cannot export to "${values.to}": use --to ${known}.\n`);
      return EXIT_USAGE;
    }
    if (values.camunda !== undefined && target.id !== 'bpmn') {
      io.stderr.write('--camunda applies to --to bpmn only.\n');
      return EXIT_USAGE;
    }
    if (values.out === undefined) {
      io.stderr.write(`Say where to write the export: --out NAME${target.extension}.\n`);
      return EXIT_USAGE;
    }

    const file = positionals[0];
    const workflow = readWorkflow(resolve(io.cwd, file), file, io);
    if (!workflow) return EXIT_USAGE;

    const errors = errorSummary(workflow);
    if (errors.length && !values.force) {
      io.stderr.write(
        `${file}: not exported: the analysis finds ${errors.length === 1 ? '1 error' : `${errors.length} errors`} — fix ${errors.length === 1 ? 'it' : 'them'} first, or add --force to export anyway:\n${errors.join('\n')}\n`,
      );
      return 1;
    }

    const out = resolve(io.cwd, values.out);
    const baseName = basename(out, extname(out));
    let output;
    try {
      output = await target.export(workflow, { baseName, ...(values.camunda !== undefined ? { camunda: values.camunda } : {}) });
    } catch (e) {
      if (e instanceof ExportError) {
        const node = e.where.nodeId ? workflow.nodes.find((n) => n.id === e.where.nodeId) : undefined;
        const where = node ? ` (step "${node.label || node.id}")` : e.where.path ? ` (at ${e.where.path})` : '';
        io.stderr.write(`${file}: cannot be exported to ${target.label}${where}: ${e.message}\n`);
        return EXIT_USAGE;
      }
      throw e;
    }

    for (const w of output.warnings) io.stderr.write(warningLine(file, w, workflow));
    try {
      mkdirSync(dirname(out), { recursive: true });
      const [main, ...beside] = output.files;
      // The files beside the main one first, so that a main file on disk always has its companions.
      for (const f of beside) await atomicWriteFile(join(dirname(out), f.name), f.content);
      await atomicWriteFile(out, main.content);
    } catch (e) {
      io.stderr.write(`Cannot write ${values.out}: ${(e as Error).message}\n`);
      return 1;
    }
    const others = output.files.slice(1).map((f) => f.name);
    io.stderr.write(`Wrote ${values.out}${others.length ? ` and ${others.join(', ')}` : ''} for ${target.label}.\n`);
    return 0;
  },
};
