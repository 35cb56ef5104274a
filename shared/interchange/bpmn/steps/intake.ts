// intake → start event. Email and ticket intakes start on a message their system publishes; a
// webhook is Camunda's inbound webhook connector on a message start event; a schedule is a timer
// start event; a form or a person starts the process with the plain start event (Camunda allows
// one per process: further ones start on a message).
import type { NodeOfKind } from '../../../model/schema';
import { connectionOf, stepName, type ExportContext } from '../context';
import { feelPath } from '../feel';
import type { BpmnElement } from '../model';
import { isPlainVariableName, slug } from '../names';
import type { StepFragment } from './fragment';

/** A schedule the file may carry (not set in the app): a repeating ISO 8601 interval or a cron expression. */
function scheduleOf(node: NodeOfKind<'intake'>): string | null {
  const raw = (node.config as { schedule?: unknown }).schedule;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (/^R\d*\/(P|\d{4}-)/.test(text)) return text;
  // Cron: Zeebe (8.1+) takes Spring's six fields; five-field crontab lines get seconds in front.
  const fields = text.split(/\s+/);
  if (fields.length === 6 || fields.length === 5) return fields.length === 5 ? `0 ${text}` : text;
  return null;
}

function messageName(ctx: ExportContext, node: NodeOfKind<'intake'>): string {
  const base = `${ctx.key}.${slug(node.label || node.config.source, node.config.source)}`;
  let name = base;
  for (let i = 2; ctx.messages.some((m) => m.name === name); i++) name = `${base}-${i}`;
  return name;
}

/** What the webhook passes on: each intake field from the request body, under its Camunda name. */
function webhookResult(ctx: ExportContext, fields: string[]): string {
  if (!fields.length) return '=request.body';
  const entries = fields.map((f) => {
    const name = ctx.vars.of(f);
    const value = isPlainVariableName(f) ? `request.body.${f}` : feelPath(`request.body.${f}`, { root: (n) => n });
    return `${name}: ${value}`;
  });
  return `={${entries.join(', ')}}`;
}

export function intakeStep(ctx: ExportContext, node: NodeOfKind<'intake'>): StepFragment {
  const { source } = node.config;
  const fields = node.config.fields.map((f) => f.trim()).filter(Boolean);
  const id = ctx.ids.take(`StartEvent_${node.id}`);
  const docs = [`Flowgate intake (${source}).`];
  if (fields.length) docs.push(`Starts with: ${fields.map((f) => ctx.vars.of(f)).join(', ')}.`);
  const conn = connectionOf(ctx, node.config.connection);
  if (conn) docs.push(`Comes from ${conn.label} (${conn.identity || 'no identity named'}${node.config.action ? `, ${node.config.action}` : ''}).`);
  const start: BpmnElement = { id, kind: 'startEvent', name: stepName(node), stepId: node.id, at: { x: 0, y: 22 } };

  const onMessage = (webhookPath?: string) => {
    const name = messageName(ctx, node);
    const messageId = ctx.ids.take(`Message_${node.id}`);
    ctx.messages.push({ id: messageId, name });
    start.trigger = { type: 'message', messageId };
    ctx.starts.push({
      messageName: name,
      stepId: node.id,
      elementId: id,
      source,
      connection: conn?.id ?? null,
      scope: node.config.action ?? null,
      fields: fields.map((f) => ctx.vars.of(f)),
      ...(webhookPath ? { webhookPath } : {}),
    });
    docs.push(webhookPath ? `Camunda's webhook connector starts it at /inbound/${webhookPath}.` : `Publish the message "${name}" to start it.`);
  };

  if (source === 'email' || source === 'ticket') {
    onMessage();
  } else if (source === 'webhook') {
    const path = `${ctx.key}-${slug(node.label || node.id, 'webhook')}`.slice(0, 100).replace(/-+$/, '');
    onMessage(path);
    start.properties = [
      ['inbound.type', 'io.camunda:webhook:1'],
      ['inbound.method', 'post'],
      ['inbound.context', path],
      ['inbound.shouldValidateHmac', 'disabled'],
      ['inbound.auth.type', 'NONE'],
      ['correlationRequired', 'notRequired'],
      ['resultExpression', webhookResult(ctx, fields)],
    ];
    ctx.warn(`"${stepName(node)}" becomes Camunda's webhook connector at /inbound/${path}, open to any caller: set HMAC or an API key on it in Camunda Modeler before going live.`, node.id);
  } else if (source === 'schedule') {
    const schedule = scheduleOf(node);
    start.trigger = { type: 'timerCycle', value: schedule ?? 'R/P1D' };
    if (!schedule) ctx.warn(`"${stepName(node)}" starts once a day in the export (R/P1D, from deployment): Flowgate does not say when a schedule runs, so set the timer in Camunda Modeler.`, node.id);
    docs.push(`Runs on the timer ${schedule ?? 'R/P1D'}.`);
  } else if (!ctx.plainStartUsed) {
    ctx.plainStartUsed = true;
  } else {
    onMessage();
    ctx.warn(`"${stepName(node)}" starts on a message in the export: a Camunda process has only one plain start event, which "${firstPlainLabel(ctx)}" has.`, node.id);
  }
  start.documentation = docs.join(' ');
  return {
    entry: null,
    elements: [start],
    flows: [],
    exits: [{ handle: 'out', from: id, deadEnd: `${stepName(node)}: received, nothing follows`, deadEndAt: { x: 100, y: 22 } }],
  };
}

function firstPlainLabel(ctx: ExportContext): string {
  const first = ctx.workflow.nodes.find((n) => n.kind === 'intake' && (n.config.source === 'form' || n.config.source === 'manual'));
  return first ? stepName(first) : 'another intake';
}
