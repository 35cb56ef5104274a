// The Camunda 8 export: a Flowgate workflow as executable BPMN 2.0 for Zeebe (the .bpmn), the
// Camunda Forms of its user tasks and a worker manifest (workers.json) beside it. The mapping is
// described step by step in docs/export-bpmn.md; each step kind's mapping is in steps/.
import type { Workflow } from '../../model/schema';
import { ExportError, type ExportedFile, type ExportOptions, type ExportOutput, type ExportTarget } from '../types';
import { assembleProcess } from './assemble';
import { createContext } from './context';
import { workersManifest } from './workers';
import { processXml } from './xml';
import { CAMUNDA_VERSIONS, camundaVersion, DEFAULT_CAMUNDA_VERSION } from './versions';

export { CAMUNDA_VERSIONS, DEFAULT_CAMUNDA_VERSION } from './versions';

/** A base name safe to put files beside: no folders, no empty name. */
function safeBaseName(name: string): string {
  const base = name.replace(/[\\/]/g, '_').trim();
  return base && base !== '.' && base !== '..' ? base : 'workflow';
}

export function exportBpmn(workflow: Workflow, options: ExportOptions): ExportOutput {
  const version = camundaVersion(options.camunda);
  if (!workflow.nodes.some((n) => n.kind === 'intake')) {
    throw new ExportError('A Camunda process needs something that starts it: add an intake step.');
  }
  const baseName = safeBaseName(options.baseName);
  const ctx = createContext(workflow, version, baseName);
  const bpmnName = `${baseName}.bpmn`;
  const workersName = `${baseName}.workers.json`;
  ctx.fileNames.add(bpmnName.toLowerCase());
  ctx.fileNames.add(workersName.toLowerCase());

  const { process, steps } = assembleProcess(ctx);
  const xml = processXml({ process, steps, version });
  // What Camunda does not do by itself, said once: start the process, and run Flowgate's job types.
  for (const start of ctx.starts) {
    if (start.webhookPath) continue;
    const label = ctx.nodeById.get(start.stepId)?.label || start.stepId;
    const from = workflow.connections.find((c) => c.id === start.connection)?.label;
    ctx.warn(`"${label}" starts when a message "${start.messageName}" is published: connect ${from ? `the ${from}` : 'its source'} to Camunda (a webhook connector or a small bridge that publishes it) before going live.`, start.stepId);
  }
  const ownTypes = [...new Set(ctx.jobs.filter((j) => j.kind !== 'rest-connector').map((j) => j.type))];
  if (ownTypes.length) {
    ctx.warn(`Camunda runs nothing for ${ownTypes.length === 1 ? 'the job type' : `the ${ownTypes.length} job types`} ${ownTypes.join(', ')} until you start job workers for ${ownTypes.length === 1 ? 'it' : 'them'} (${workersName} lists what each needs); until then the process waits at those tasks.`);
  }
  for (const { from, to } of ctx.vars.renamed) {
    ctx.warn(`The variable "${from}" is called "${to}" in Camunda (variable names there are letters, digits and "_"): a system that starts the process must send "${to}".`);
  }

  const files: ExportedFile[] = [
    { name: bpmnName, content: xml, mediaType: 'application/bpmn+xml', purpose: `The process for Camunda ${version}: open it in Camunda Modeler, or deploy it with zbctl or the REST API.` },
    { name: workersName, content: workersManifest(ctx, bpmnName), mediaType: 'application/json', purpose: 'What the job workers need: each job type with its connection, identity, scopes, maintainer and how to revoke it.' },
    ...ctx.forms.map((f) => ({ name: f.fileName, content: f.json, mediaType: 'application/json', purpose: `The Camunda form of "${ctx.nodeById.get(f.stepId)?.label || f.stepId}": deploy it with the process.` })),
  ];
  return { files, warnings: ctx.warnings };
}

export const bpmnTarget: ExportTarget = {
  id: 'bpmn',
  label: 'Camunda 8 (BPMN)',
  extension: '.bpmn',
  description: 'Executable BPMN for Camunda 8 (Zeebe), with the forms of its user tasks and a manifest of the job workers it needs, written beside it.',
  options: [
    {
      id: 'camunda',
      label: 'Camunda version',
      choices: CAMUNDA_VERSIONS.map((v) => ({ value: v, label: `Camunda ${v}` })),
      default: DEFAULT_CAMUNDA_VERSION,
      help: 'The version of the cluster you deploy to; the export is checked with Camunda’s own rules for it.',
    },
  ],
  async export(workflow, options) {
    return exportBpmn(workflow, options);
  },
};
