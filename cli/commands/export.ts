// `flowgate export`: hands a workflow to another engine — executable BPMN for Camunda 8 or an n8n
// workflow — as the same files the app writes. Refuses while the analysis finds errors, unless --force.
import { mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { lintLine } from '../../electron/backend/interchange/engine-check';
import { analysisErrors, prepareExport, type PreparedExport } from '../../electron/backend/interchange/prepare-export';
import { writeExportFiles } from '../../electron/backend/interchange/write-export';
import { EXPORT_TARGETS, exportTarget } from '../../shared/interchange/targets';
import { ExportError, type ExportWarning } from '../../shared/interchange/types';
import type { Workflow } from '../../shared/model/schema';
import { readWorkflow } from '../read-workflow';
import { terminalText } from '../terminal-text';

import { listed } from './list';
import { parseCommandArgs } from '../parse-args';
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

Before writing, the export is checked with the engine's own tools (for BPMN: bpmnlint with Camunda's
compat rules for the chosen version); their warnings are printed, an error stops the export.

Exit codes:
  0  written (warnings, if any, on stderr)
  1  not written: the analysis finds errors (use --force to export anyway), or a file could not be written
  2  the file cannot be read, is not a valid workflow, cannot be expressed in the target, fails the
     engine's check, or the options are wrong
`;

function errorSummary(workflow: Workflow): string[] {
  return analysisErrors(workflow).map((f) => {
    const node = f.nodeId ? workflow.nodes.find((n) => n.id === f.nodeId) : undefined;
    return `  ${f.ruleId}${node ? ` (step "${terminalText(node.label || node.id)}")` : ''}: ${terminalText(f.message)}`;
  });
}

function warningLine(file: string, w: ExportWarning, workflow: Workflow): string {
  const node = w.nodeId ? workflow.nodes.find((n) => n.id === w.nodeId) : undefined;
  const name = node ? node.label || node.id : '';
  // Most warnings start with the step's name already.
  const where = node && !w.message.startsWith(`"${name}"`) ? ` (step "${terminalText(name)}")` : '';
  return `${terminalText(file)}: warning${where}: ${terminalText(w.message)}\n`;
}

export const exportCommand: CliCommand = {
  ...listed('export'),
  usage: USAGE,

  async run(argv, io) {
    const parsed = parseCommandArgs('export', argv, { to: { type: 'string' }, out: { type: 'string' }, camunda: { type: 'string' }, force: { type: 'boolean' } }, io);
    if (!parsed) return EXIT_USAGE;
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
        `${terminalText(file)}: not exported: the analysis finds ${errors.length === 1 ? '1 error' : `${errors.length} errors`} — fix ${errors.length === 1 ? 'it' : 'them'} first, or add --force to export anyway:\n${errors.join('\n')}\n`,
      );
      return 1;
    }

    const out = resolve(io.cwd, values.out);
    const baseName = basename(out, extname(out));
    const options = { baseName, ...(values.camunda !== undefined ? { camunda: values.camunda } : {}) };
    let prepared: PreparedExport;
    try {
      prepared = await prepareExport(workflow, target.id, options);
    } catch (e) {
      if (e instanceof ExportError) {
        const node = e.where.nodeId ? workflow.nodes.find((n) => n.id === e.where.nodeId) : undefined;
        const where = node ? ` (step "${terminalText(node.label || node.id)}")` : e.where.path ? ` (at ${terminalText(e.where.path)})` : '';
        io.stderr.write(`${terminalText(file)}: cannot be exported to ${target.label}${where}: ${terminalText(e.message)}\n`);
        return EXIT_USAGE;
      }
      throw e;
    }
    const { output, check } = prepared;
    if (check?.errors.length) {
      // The engine's own tools refuse what Flowgate built: a fault of the exporter, not of the workflow.
      io.stderr.write(
        `${terminalText(file)}: not exported: ${check.tool} finds ${check.errors.length === 1 ? '1 error' : `${check.errors.length} errors`} in the export (a fault in Flowgate's exporter; please report it):\n${check.errors.map((m) => `  ${terminalText(lintLine(m))}`).join('\n')}\n`,
      );
      return EXIT_USAGE;
    }

    for (const w of output.warnings) io.stderr.write(warningLine(file, w, workflow));
    for (const m of check?.warnings ?? []) io.stderr.write(`${terminalText(file)}: warning (${check!.tool}): ${terminalText(lintLine(m))}\n`);
    const [main, ...beside] = output.files;
    try {
      mkdirSync(dirname(out), { recursive: true });
      await writeExportFiles(
        { file: main, path: out },
        beside.map((f) => ({ file: f, path: join(dirname(out), f.name) })),
      );
    } catch (e) {
      io.stderr.write(`Cannot write ${terminalText(values.out)}: ${terminalText((e as Error).message)}\n`);
      return 1;
    }
    const others = beside.map((f) => f.name);
    const checked = check ? ` (checked with ${check.tool})` : '';
    io.stderr.write(`Wrote ${terminalText(values.out)}${others.length ? ` and ${terminalText(others.join(', '))}` : ''} for ${target.label}${checked}.\n`);
    return 0;
  },
};
