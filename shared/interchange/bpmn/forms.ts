// Camunda Forms (form-js JSON) for the user tasks: the reviewer's approve/reject with a comment, and
// the team's note on an escalation. Written beside the .bpmn and linked by form id
// (zeebe:formDefinition formId), the way Camunda user tasks take a form since 8.5.
import type { WorkflowNode } from '../../model/schema';
import { platformVersion } from './versions';
import type { ExportContext, FormFile } from './context';
import { slug } from './names';

/** form-js schema version written by Camunda Modeler 5.28 (Camunda 8.6); newer Tasklists read it as is. */
const FORM_SCHEMA_VERSION = 16;

type Component = Record<string, unknown> & { type: string; id: string };

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g;

/** Markdown that shows as typed (no accidental emphasis or headings). */
function plainMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#<>|])/g, '\\$1');
}

/**
 * The user's text as Markdown, its `{{ticket.subject}}` placeholders kept for form-js templating with
 * the variable's Camunda name, everything else shown as typed.
 */
function markdownWithVariables(ctx: ExportContext, text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += plainMarkdown(text.slice(last, m.index));
    out += `{{${ctx.vars.of(m[1])}${m[2]}}}`;
    last = m.index + m[0].length;
  }
  return out + plainMarkdown(text.slice(last));
}

function textBlock(id: string, markdown: string): Component {
  return { type: 'text', id, text: markdown };
}

function formFile(ctx: ExportContext, node: WorkflowNode, components: Component[]): FormFile {
  const formId = `flowgate-${ctx.key}-${slug(node.id, 'step')}`;
  let fileName = `${ctx.baseName}.${slug(node.label || node.id, 'step')}.form`;
  for (let i = 2; ctx.fileNames.has(fileName.toLowerCase()); i++) fileName = `${ctx.baseName}.${slug(node.label || node.id, 'step')}-${i}.form`;
  ctx.fileNames.add(fileName.toLowerCase());
  const form = {
    components: components.map((c, i) => ({ ...c, layout: { row: `Row_${i + 1}`, columns: null } })),
    type: 'default',
    id: formId,
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: platformVersion(ctx.version),
    schemaVersion: FORM_SCHEMA_VERSION,
  };
  return { fileName, formId, stepId: node.id, json: `${JSON.stringify(form, null, 2)}\n` };
}

export interface ApprovalFormFields {
  decision: string;
  comment: string;
  /** Text an AI step wrote before the gate, which the reviewer may edit (a draft, a summary). */
  editable: { variable: string; label: string }[];
  /** Other AI results the reviewer sees. */
  shown: { variable: string; label: string }[];
}

export function approvalForm(ctx: ExportContext, node: Extract<WorkflowNode, { kind: 'approval' }>, fields: ApprovalFormFields): FormFile {
  const { reviewer, instructions } = node.config;
  const intro = [`### ${plainMarkdown(node.label || 'Review')}`];
  if (reviewer.trim()) intro.push(`For: ${plainMarkdown(reviewer.trim())}`);
  if (instructions.trim()) intro.push(markdownWithVariables(ctx, instructions.trim()));
  const components: Component[] = [textBlock('Text_instructions', intro.join('\n\n'))];
  if (fields.shown.length) {
    components.push(textBlock('Text_results', fields.shown.map((s) => `**${plainMarkdown(s.label)}:** {{${s.variable}}}`).join('\n\n')));
  }
  fields.editable.forEach((e, i) => {
    components.push({ type: 'textarea', id: `Field_edit_${i + 1}`, key: e.variable, label: `${e.label} (you may edit it before approving)` });
  });
  components.push({
    type: 'radio',
    id: 'Field_decision',
    key: fields.decision,
    label: 'Your decision',
    values: [
      { label: 'Approve', value: 'approved' },
      { label: 'Reject', value: 'rejected' },
    ],
    validate: { required: true },
  });
  components.push({ type: 'textarea', id: 'Field_comment', key: fields.comment, label: 'Comment (why, or what to change)' });
  return formFile(ctx, node, components);
}

export function escalationForm(ctx: ExportContext, node: Extract<WorkflowNode, { kind: 'escalation' }>, note: string): FormFile {
  const { team, reason, priority } = node.config;
  const intro = [`### ${plainMarkdown(node.label || 'Escalation')}`];
  if (team.trim()) intro.push(`For: ${plainMarkdown(team.trim())} (${priority} priority)`);
  if (reason.trim()) intro.push(markdownWithVariables(ctx, reason.trim()));
  return formFile(ctx, node, [
    textBlock('Text_reason', intro.join('\n\n')),
    { type: 'textarea', id: 'Field_note', key: note, label: 'What was done' },
  ]);
}
