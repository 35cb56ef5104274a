// The workflow checklist: what happens next, answered from the steps and the lines between them.
// An item is open when the workflow leaves the answer out (no intake, a gate without a reviewer, an
// exception output that leads nowhere); its target is the step or field where it belongs.
import type { WorkflowIndex } from '../workflow-index/workflow-index';
import { outputsOf } from '../kinds/registry';
import type { WorkflowNode } from '../model/schema';
import { variableText } from '../workflow-index/variable-flow';
import { sensitiveSteps } from './gates';
import { answered, connName, groupBy, listOr, listText, nodeTarget as node, open, openEach, percentText, stepName, text, unique, type ChecklistQuestion, type Draft } from './phrases';
import type { NodeField, ReadinessTarget } from './types';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

const SOURCE_TEXT: Record<string, string> = {
  form: 'a form is sent',
  email: 'an email arrives',
  ticket: 'a ticket arrives',
  webhook: 'another system calls a webhook',
  schedule: 'a schedule',
  manual: 'someone starts it by hand',
};

/** A step that takes the exception, named with its team when it is an escalation. */
function destination(ctx: WorkflowIndex, target: WorkflowNode | undefined): string {
  const team = target?.kind === 'escalation' ? text(ctx.configOf(target).team) : '';
  return team ? `${stepName(ctx, target)} (${team})` : stepName(ctx, target);
}

/** The first AI step, else the first step that needs an approval, else the first step: where a missing review belongs. */
function reviewTarget(ctx: WorkflowIndex): ReadinessTarget {
  const first = ctx.nodes.find((n) => n.kind === 'ai') ?? sensitiveSteps(ctx)[0]?.node ?? ctx.nodes[0];
  return first ? node(first.id) : { kind: 'workflow', field: 'nodes' };
}

function start(ctx: WorkflowIndex): Draft {
  if (!ctx.intakes.length) return open('There is no intake step, so nothing starts the workflow.', { kind: 'workflow', field: 'nodes' });
  return answered(
      ctx.intakes.map((n) => {
        const c = ctx.configOf(n);
        const conn = ctx.connectionById.get(text(c.connection));
        const from = conn && text(c.action) ? `, read from ${connName(ctx, conn)} (${text(c.action)})` : '';
        const fields = strings(c.fields);
        return `${stepName(ctx, n)}: ${SOURCE_TEXT[text(c.source)] ?? SOURCE_TEXT.manual}${from}${fields.length ? `, with ${fields.join(', ')}` : ''}`;
      }),
  );
}

function aiTaskText(ctx: WorkflowIndex, n: WorkflowNode): string {
  const c = ctx.configOf(n);
  const labels = Array.isArray(c.labels) ? (c.labels as { name?: unknown }[]).map((l) => text(l?.name)).filter(Boolean) : [];
  const sources = unique((ctx.requirements.get(n.id) ?? []).filter((r) => r.role === 'source').map((r) => connName(ctx, ctx.connectionById.get(r.connectionId))));
  const output = text(c.output) || 'result';
  let what: string;
  switch (c.task) {
    case 'classify':
      what = labels.length ? `sorts the item into ${listOr(labels)}` : 'classifies the item';
      break;
    case 'route':
      what = labels.length ? `picks a route: ${listOr(labels)}` : 'picks a route';
      break;
    case 'retrieve':
      what = sources.length ? `looks up documents in ${listText(sources)}` : 'looks up documents';
      break;
    case 'draft':
      what = `drafts a text, kept in "${output}"`;
      break;
    case 'summarize':
      what = `summarizes the item, kept in "${output}"`;
      break;
    case 'extract': {
      const fields = strings(c.fields);
      what = fields.length ? `extracts ${fields.join(', ')}` : 'extracts fields';
      break;
    }
    default:
      what = `does "${text(c.task)}"`;
  }
  const threshold = typeof c.confidenceThreshold === 'number' ? c.confidenceThreshold : 0.7;
  const tools = unique((ctx.requirements.get(n.id) ?? []).filter((r) => r.role === 'tool').map((r) => r.scope));
  const acts = c.mode === 'act' && tools.length ? `, and calls ${listText(tools)} by itself` : '';
  return `${stepName(ctx, n)} ${what}${acts} (below ${percentText(threshold)} confidence it hands over)`;
}

function aiSteps(ctx: WorkflowIndex): Draft {
  const steps = ctx.nodes.filter((n) => n.kind === 'ai');
  if (!steps.length) return answered('No step uses AI.');
  const blank = steps.filter((n) => !text(ctx.configOf(n).prompt) && ctx.configOf(n).task !== 'retrieve');
  if (blank.length) {
    return openEach(
      blank,
      (n) => `${stepName(ctx, n)} has no instructions: write its prompt.`,
      (n) => node(n.id, 'prompt'),
    );
  }
  return answered(steps.map((n) => aiTaskText(ctx, n)));
}

function reviewers(ctx: WorkflowIndex): Draft {
  const gates = ctx.nodes.filter((n) => n.kind === 'approval');
  if (!gates.length) {
    if (!ctx.nodes.some((n) => n.kind === 'ai') && !sensitiveSteps(ctx).length) return answered('Nobody needs to: no step uses AI or does anything sensitive.');
    return open('Nobody reviews the AI’s work: add an approval step.', reviewTarget(ctx));
  }
  const unnamed = gates.filter((n) => !text(ctx.configOf(n).reviewer));
  // A reviewer who is not shown what goes out does not review it (gate/blind-approval).
  const coverage = ctx.coverage();
  const blind = gates.map((n) => ({ gate: n, unshown: coverage.unshown(n.id) })).filter((b) => b.unshown.length);
  if (unnamed.length || blind.length) {
    const gaps = [
      ...unnamed.map((n) => ({ gate: n, field: 'reviewer' as NodeField, missing: `${stepName(ctx, n)} does not say who reviews.` })),
      ...blind.map(({ gate, unshown }) => {
        const steps = unique(unshown.flatMap((u) => u.stepIds)).map((id) => stepName(ctx, ctx.nodeById.get(id)));
        return {
          gate,
          field: 'shows' as NodeField,
          missing: `${stepName(ctx, gate)} does not show its reviewer ${listText(unshown.map((u) => u.variable))}, which ${listText(steps)} ${steps.length > 1 ? 'send' : 'sends'}.`,
        };
      }),
    ];
    return openEach(
      gaps,
      (g) => g.missing,
      (g) => node(g.gate.id, g.field),
    );
  }
  return answered(
      gates.map((n) => {
        const c = ctx.configOf(n);
        const hours = typeof c.timeoutHours === 'number' ? `, within ${c.timeoutHours} h` : '';
        const shown = coverage.shows(n.id);
        const sees = coverage.covered(n.id).length ? (shown.length ? `, shown ${listText(shown)}` : ', shown nothing') : '';
        return `${text(c.reviewer)} at ${stepName(ctx, n)}${sees}${hours}`;
      }),
  );
}

function approvals(ctx: WorkflowIndex): Draft {
  const steps = sensitiveSteps(ctx);
  if (!steps.length) return answered('None: no step changes a record, sends a message or triggers an action.');
  const ungated = steps.filter((s) => !s.gated);
  const changed = steps.filter((s) => s.changedAfter.variables.length);
  if (ungated.length || changed.length) {
    const names = (ids: string[]) => listText(ids.map((id) => stepName(ctx, ctx.nodeById.get(id))));
    // Document order: each step once, its reasons together.
    const offenders = steps.filter((s) => !s.gated || s.changedAfter.variables.length);
    return openEach(
      offenders,
      (s) => {
        const parts: string[] = [];
        if (!s.gated) parts.push(`${stepName(ctx, s.node)} can ${listText(s.actions)} without anyone approving it.`);
        const c = s.changedAfter;
        if (c.variables.length) {
          const own = c.writerIds.length === 1 && c.writerIds[0] === s.node.id;
          const by = own ? 'which it writes itself' : `which ${names(c.writerIds.filter((id) => id !== s.node.id))} ${c.writerIds.length > 1 ? 'change' : 'changes'}`;
          parts.push(`${stepName(ctx, s.node)} sends ${listText(c.variables.map(variableText))}, ${by} after ${names(c.approvalIds)} approved it.`);
        }
        return parts.join(' ');
      },
      (s) => node(s.node.id),
    );
  }
  const byGates = groupBy(steps, (s) => s.gates.map((g) => g.id).join('\u0000'));
  return answered(
      [...byGates.values()].map((list) => {
        const gates = list[0].gates;
        const what = listText(list.map((s) => `${stepName(ctx, s.node)} (${listText(s.scopes)})`));
        return gates.length ? `${what} ${list.length > 1 ? 'run' : 'runs'} only after approval at ${listOr(gates.map((g) => stepName(ctx, g)))}` : `${what}: never reached from an intake`;
      }),
  );
}

interface ExceptionExit {
  node: WorkflowNode;
  handle: string;
  /** "is unsure", "fails". */
  what: string;
}

/** Outputs that carry exceptions: an AI step's low_confidence and error, a system step's error. */
function exceptionExits(ctx: WorkflowIndex): ExceptionExit[] {
  const out: ExceptionExit[] = [];
  for (const n of ctx.nodes) {
    if (n.kind === 'ai') {
      out.push({ node: n, handle: 'low_confidence', what: 'is unsure' }, { node: n, handle: 'error', what: 'fails' });
    } else if (n.kind === 'integration') out.push({ node: n, handle: 'error', what: 'fails' });
  }
  return out;
}

/**
 * What happens when an intake cannot read its item: it never enters (docs/DECISIONS.md), the same
 * as in the analysis (nothing to route) and in the batch figures ("never entered").
 */
function intakeFailures(ctx: WorkflowIndex): string[] {
  return ctx.intakes
    .filter((n) => (ctx.requirements.get(n.id) ?? []).some((r) => r.role === 'action'))
    .map((n) => {
      const conn = ctx.connectionById.get(text(ctx.configOf(n).connection));
      return `If ${stepName(ctx, n)} cannot read an item, the item never enters the workflow: it stays in ${conn ? connName(ctx, conn) : 'its system'}, and a batch counts it apart`;
    });
}

function exceptions(ctx: WorkflowIndex): Draft {
  const exits = exceptionExits(ctx);
  if (!exits.length) {
    const reads = intakeFailures(ctx);
    return answered(reads.length ? ['No step can fail or be unsure after the intake: there are no AI or system steps', ...reads] : 'No step can fail or be unsure: there are no AI or system steps.');
  }
  const loose = exits.filter((x) => !ctx.outgoingBy(x.node.id, x.handle).length);
  if (loose.length) {
    return openEach(
      loose,
      (x) => {
        const when = x.handle === 'low_confidence' ? 'when the AI is unsure' : x.node.kind === 'ai' ? 'when the AI fails' : 'when its system call fails';
        return `${stepName(ctx, x.node)} has nowhere to go ${when}: connect its "${x.handle}" output.`;
      },
      (x) => node(x.node.id),
    );
  }
  const byTarget = groupBy(exits, (x) => ctx.outgoingBy(x.node.id, x.handle)[0].target);
  return answered([
      ...[...byTarget].map(([targetId, list]) => {
        const from = listOr([...groupBy(list, (x) => x.node)].map(([n, xs]) => `${stepName(ctx, n)} ${listOr(xs.map((x) => x.what))}`));
        const target = ctx.nodeById.get(targetId);
        const dest = destination(ctx, target);
        if (target?.kind === 'escalation') return `${dest} takes over when ${from}`;
        if (target?.kind === 'approval') return `${dest} (${text(ctx.configOf(target).reviewer) || 'a reviewer'}) looks at the item when ${from}`;
        if (target?.kind === 'end') return `When ${from}, the item ends at ${dest} (${text(ctx.configOf(target).outcome) || 'no outcome'})`;
        return `When ${from}, the item goes on to ${dest}`;
      }),
      ...intakeFailures(ctx),
  ]);
}

/** What it means to leave a step by one of its outputs: "is unsure", "says Billing", "times out". */
function exitPhrase(source: WorkflowNode, handle: string): string {
  const label = outputsOf(source).find((h) => h.id === handle)?.label ?? handle;
  switch (source.kind) {
    case 'decision':
      return `says ${label}`;
    case 'approval':
      return handle === 'timeout' ? 'times out' : handle === 'rejected' ? 'rejects' : 'approves';
    case 'ai':
      return handle === 'low_confidence' ? 'is unsure' : handle === 'error' ? 'fails' : 'is done';
    case 'integration':
      return handle === 'error' ? 'fails' : 'is done';
    default:
      return 'is done';
  }
}

/** `"Billing issue?" says Billing`, `"Classify ticket" is unsure or fails`: the lines into a step, by the step they come from. */
function arrivals(ctx: WorkflowIndex, n: WorkflowNode): string[] {
  const bySource = groupBy(
    ctx.incoming(n.id).filter((e) => ctx.nodeById.has(e.source)),
    (e) => e.source,
  );
  return [...bySource].map(([sourceId, edges]) => {
    const source = ctx.nodeById.get(sourceId)!;
    return `${stepName(ctx, source)} ${listOr(unique(edges.map((e) => exitPhrase(source, e.sourceHandle))))}`;
  });
}

function escalation(ctx: WorkflowIndex): Draft {
  const steps = ctx.nodes.filter((n) => n.kind === 'escalation');
  if (!steps.length) return open('Nothing is ever handed to a person or team: add an escalation step.', reviewTarget(ctx));
  const noTeam = steps.filter((n) => !text(ctx.configOf(n).team));
  if (noTeam.length) {
    return openEach(
      noTeam,
      (n) => `${stepName(ctx, n)} does not say which team takes the item.`,
      (n) => node(n.id, 'team'),
    );
  }
  return answered(
      steps.map((n) => {
        const c = ctx.configOf(n);
        const when = arrivals(ctx, n);
        const reason = text(c.reason);
        return `To ${text(c.team)} (${text(c.priority) || 'normal'} priority)${when.length ? ` when ${listOr(when)}` : ''}${reason ? `: ${reason.replace(/\.$/, '')}` : ''}`;
      }),
  );
}

function corrections(ctx: WorkflowIndex): Draft {
  const gates = ctx.nodes.filter((n) => n.kind === 'approval');
  if (!gates.length) return open('No reviewer checks the work, so nobody can catch and correct a mistake before it counts.', reviewTarget(ctx));
  // Every gate's gaps, each gate a target.
  const gaps: { gate: WorkflowNode; missing: string; field?: NodeField }[] = [];
  for (const g of gates) {
    if (!ctx.outgoingBy(g.id, 'rejected').length) gaps.push({ gate: g, missing: `Nothing happens when ${stepName(ctx, g)} rejects: connect its "rejected" output.` });
    if (ctx.configOf(g).timeoutHours === null) gaps.push({ gate: g, missing: `${stepName(ctx, g)} has no timeout: an item nobody reviews would wait forever.`, field: 'timeoutHours' });
    else if (!ctx.outgoingBy(g.id, 'timeout').length) gaps.push({ gate: g, missing: `Nothing happens when ${stepName(ctx, g)} times out: connect its "timeout" output.` });
  }
  if (gaps.length) {
    return openEach(
      gaps,
      (x) => x.missing,
      (x) => node(x.gate.id, x.field),
    );
  }
  return answered(
      gates.map((g) => {
        const rejected = destination(ctx, ctx.nodeById.get(ctx.outgoingBy(g.id, 'rejected')[0].target));
        const overdue = destination(ctx, ctx.nodeById.get(ctx.outgoingBy(g.id, 'timeout')[0].target));
        return `At ${stepName(ctx, g)} the reviewer can edit or reject; rejected items go to ${rejected}, overdue ones to ${overdue}`;
      }),
  );
}

function owner(ctx: WorkflowIndex): Draft {
  const who = text(ctx.wf.owner);
  return who ? answered(who) : open('Nobody is named as the owner of the workflow.', { kind: 'workflow', field: 'owner' });
}

export const WORKFLOW_QUESTIONS: readonly ChecklistQuestion[] = [
  { id: 'workflow.start', question: 'What starts it?', answer: start },
  { id: 'workflow.ai-steps', question: 'What does the AI do at each step?', answer: aiSteps },
  { id: 'workflow.reviewers', question: 'Who reviews the output?', answer: reviewers },
  { id: 'workflow.approvals', question: 'Which steps need approval?', answer: approvals },
  { id: 'workflow.exceptions', question: 'Where do exceptions go?', answer: exceptions },
  { id: 'workflow.escalation', question: 'When is it escalated?', answer: escalation },
  { id: 'workflow.corrections', question: 'How are errors corrected?', answer: corrections },
  { id: 'workflow.owner', question: 'Who owns it?', answer: owner },
];
