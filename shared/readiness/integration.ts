// The integration checklist: what the AI can connect to, answered from the connections and the steps
// that use them. An item is open when the workflow does not say (a connection without an identity, a
// step naming a connection that does not exist); its target is where the answer belongs.
import type { Requirement } from '../workflow-index/requirements';
import type { WorkflowIndex } from '../workflow-index/workflow-index';
import type { Effect } from '../connectors/types';
import type { ConnectionField } from './types';
import type { Connection } from '../model/schema';
import { sensitiveSteps } from './gates';
import {
  answered,
  capital,
  connName,
  connectionTarget as connection,
  connWithIdentity,
  groupBy,
  listText,
  nodeTarget as node,
  open,
  openEach,
  parts,
  stepName,
  text,
  unique,
  type ChecklistQuestion,
  type Draft,
} from './phrases';

const NO_AI = 'Nothing: no step uses AI.';

/** The requirements (of the given roles) whose reference leads nowhere, as one open item naming each step. */
function brokenReference(ctx: WorkflowIndex, reqs: readonly Requirement[]): Draft | null {
  const broken = reqs.filter((r) => !r.resolved.ok);
  if (!broken.length) return null;
  return openEach(
    broken,
    (r) => `${stepName(ctx, ctx.nodeById.get(r.nodeId))}: ${r.resolved.ok ? '' : r.resolved.message}`,
    (r) => node(r.nodeId),
  );
}

function aiRequirements(ctx: WorkflowIndex, role: 'source' | 'tool'): Requirement[] {
  return ctx.allRequirements().filter((r) => r.role === role);
}

/** "kb.search and kb.read_article on Help center articles (svc-ai-triage)", one group per connection. */
function scopesByConnection(ctx: WorkflowIndex, reqs: readonly Requirement[]): string[] {
  return [...groupBy(reqs, (r) => r.connectionId)].map(
    ([id, list]) => `${listText(unique(list.map((r) => r.scope)))} on ${connWithIdentity(ctx, ctx.connectionById.get(id))}`,
  );
}

function systems(ctx: WorkflowIndex): Draft {
  const broken = brokenReference(ctx, ctx.allRequirements().filter((r) => !r.resolved.ok && r.resolved.problem === 'unknown-connection'));
  if (broken) return broken;
  if (!ctx.connections.length) {
    return ctx.allRequirements().length
      ? open('The steps use systems, but no connection is set up.', { kind: 'workflow', field: 'connections' })
      : answered('None: no step uses a connected system.');
  }
  const unknown = ctx.connections.filter((c) => !ctx.connectorOf(c));
  if (unknown.length) {
    return openEach(
      unknown,
      (c) => `Flowgate does not know the connector "${text(c.connector)}" of ${connName(ctx, c)}.`,
      (c) => connection(c.id),
    );
  }
  return answered(listText(ctx.connections.map((c) => `${connName(ctx, c)} (${ctx.connectorOf(c)!.label})`)));
}

function sources(ctx: WorkflowIndex): Draft {
  const aiSteps = ctx.nodes.filter((n) => n.kind === 'ai');
  if (!aiSteps.length) return answered(NO_AI);
  const reqs = aiRequirements(ctx, 'source');
  const broken = brokenReference(ctx, reqs);
  if (broken) return broken;
  const retrieving = aiSteps.filter((n) => ctx.configOf(n).task === 'retrieve' && !ctx.requirements.get(n.id)?.some((r) => r.role === 'source'));
  if (retrieving.length) {
    return openEach(
      retrieving,
      (n) => `${stepName(ctx, n)} looks up documents but names no knowledge source to search.`,
      (n) => node(n.id, 'sources'),
    );
  }
  if (!reqs.length) return answered('None: the AI works only with the item and what earlier steps found.');
  return answered(
      [...groupBy(reqs, (r) => r.connectionId)].map(([id, list]) => {
        const steps = unique(list.map((r) => stepName(ctx, ctx.nodeById.get(r.nodeId))));
        return `${connName(ctx, ctx.connectionById.get(id))} (${listText(unique(list.map((r) => r.scope)))}), used by ${listText(steps)}`;
      }),
  );
}

/** Variables the AI steps' prompts name, in order; a step whose prompt names none sees the whole item. */
function promptInputs(ctx: WorkflowIndex): { names: string[]; wholeItem: boolean } {
  const names: string[] = [];
  let wholeItem = false;
  for (const n of ctx.nodes) {
    if (n.kind !== 'ai') continue;
    const refs = [...text(ctx.configOf(n).prompt).matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]);
    if (!refs.length) wholeItem = true;
    names.push(...refs);
  }
  return { names: unique(names), wholeItem };
}

function aiReads(ctx: WorkflowIndex): Draft {
  const aiSteps = ctx.nodes.filter((n) => n.kind === 'ai');
  if (!aiSteps.length) return answered(NO_AI);
  const reads = ctx.allRequirements().filter((r) => (r.role === 'source' || r.role === 'tool') && r.resolved.ok && r.resolved.action.effect === 'read');
  const broken = brokenReference(ctx, ctx.allRequirements().filter((r) => r.role === 'source' || r.role === 'tool'));
  if (broken) return broken;
  const { names, wholeItem } = promptInputs(ctx);
  const out: string[] = [];
  if (names.length) out.push(`the item's fields and earlier results its prompts name: ${names.join(', ')}`);
  if (wholeItem) out.push('the whole item, where a prompt names nothing');
  out.push(...scopesByConnection(ctx, reads));
  const categories = unique(aiSteps.flatMap((n) => [...ctx.dataInto(n.id)]));
  for (const r of reads) if (r.resolved.ok) categories.push(...(r.resolved.action.data ?? []));
  const sensitive = unique(categories);
  const data = sensitive.length ? `. That includes ${listText(sensitive)} data` : '';
  return answered(`${capital(parts(out))}${data}.`);
}

const EFFECT_VERB: Record<Effect, string> = { read: 'read', write: 'write', send: 'send', delete: 'delete', trigger: 'trigger', approve: 'approve' };

function aiWrites(ctx: WorkflowIndex): Draft {
  const tools = aiRequirements(ctx, 'tool');
  const broken = brokenReference(ctx, tools);
  if (broken) return broken;
  const out: string[] = [];
  const acting = tools.filter((r) => r.resolved.ok && r.resolved.action.effect !== 'read' && ctx.configOf(ctx.nodeById.get(r.nodeId)!).mode === 'act');
  const suggesting = tools.filter((r) => r.resolved.ok && r.resolved.action.effect !== 'read' && ctx.configOf(ctx.nodeById.get(r.nodeId)!).mode !== 'act');
  for (const [effect, list] of groupBy(acting, (r) => (r.resolved.ok ? r.resolved.action.effect : 'write'))) {
    out.push(`AI can ${EFFECT_VERB[effect]}: ${scopesByConnection(ctx, list).join(', ')}`);
  }
  if (!acting.length) out.push(ctx.nodes.some((n) => n.kind === 'ai') ? 'AI can write nothing by itself: its steps only suggest' : 'AI can write nothing: no step uses AI');
  if (suggesting.length) out.push(`tools it may only suggest (not called in suggest mode): ${listText(unique(suggesting.map((r) => r.scope)))}`);
  const steps = sensitiveSteps(ctx).filter((s) => s.node.kind !== 'ai');
  const gated = steps.filter((s) => s.gated);
  const ungated = steps.filter((s) => !s.gated);
  const phrase = (list: typeof steps) => listText(list.map((s) => `${listText(s.actions)} at ${stepName(ctx, s.node)}`));
  if (gated.length) out.push(`after a person approves, the workflow's own steps can: ${phrase(gated)}`);
  if (ungated.length) out.push(`without an approval, the workflow's own steps can: ${phrase(ungated)}`);
  return answered(`${capital(parts(out))}.`);
}

/**
 * Items that ask each connection for one of its fields: answered when every connection gives it, else
 * open at every connection that does not (`missing` gets their names and whether there are several).
 */
function perConnection(ctx: WorkflowIndex, field: ConnectionField, value: (c: Connection) => string, missing: (names: string, many: boolean) => string): Draft {
  if (!ctx.connections.length) return answered('None: no system is connected.');
  const gaps = ctx.connections.filter((c) => !value(c));
  if (gaps.length) return open(missing(listText(gaps.map((c) => connName(ctx, c))), gaps.length > 1), gaps.map((c) => connection(c.id, field)));
  return answered(ctx.connections.map((c) => `${connName(ctx, c)}: ${value(c)}`));
}

function identities(ctx: WorkflowIndex): Draft {
  return perConnection(
    ctx,
    'identity',
    (c) => text(c.identity),
    (names, many) => (many ? `${names} do not say which account, role or key they use.` : `${names} does not say which account, role or key it uses.`),
  );
}

function logging(ctx: WorkflowIndex): Draft {
  if (!ctx.connections.length) return answered('Nothing to log: no system is connected.');
  const unlogged = ctx.connections.filter((c) => c.logging !== true);
  if (unlogged.length) {
    const names = listText(unlogged.map((c) => connName(ctx, c)));
    return open(`Calls on ${names} are not logged: turn on ${unlogged.length > 1 ? 'their audit logs' : 'its audit log'}.`, unlogged.map((c) => connection(c.id, 'logging')));
  }
  return answered(
    `Every call on ${listText(ctx.connections.map((c) => connName(ctx, c)))} is kept in that system's audit log, with the identity that made it.`,
  );
}

function revocation(ctx: WorkflowIndex): Draft {
  return perConnection(
    ctx,
    'revocation',
    (c) => text(c.revocation),
    (names, many) => (many ? `${names} do not say how to take their access away.` : `${names} does not say how to take its access away.`),
  );
}

function maintainers(ctx: WorkflowIndex): Draft {
  return perConnection(
    ctx,
    'maintainer',
    (c) => text(c.maintainer),
    (names) => `Nobody is named to maintain ${names}.`,
  );
}

export const INTEGRATION_QUESTIONS: readonly ChecklistQuestion[] = [
  { id: 'integration.systems', question: 'Which systems are connected?', answer: systems },
  { id: 'integration.sources', question: 'Which sources may the AI draw on?', answer: sources },
  { id: 'integration.ai-reads', question: 'What can the AI read?', answer: aiReads },
  { id: 'integration.ai-writes', question: 'What can the AI write or trigger?', answer: aiWrites },
  { id: 'integration.identities', question: 'Which identities are used?', answer: identities },
  { id: 'integration.logging', question: 'What is logged?', answer: logging },
  { id: 'integration.revocation', question: 'How is access revoked?', answer: revocation },
  { id: 'integration.maintainers', question: 'Who maintains each connection?', answer: maintainers },
];
