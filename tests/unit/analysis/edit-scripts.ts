// Random edit scripts over real documents, shared by the tests of what is computed from the previous
// version of a document (the incremental analysis, the workflow index built from the previous one):
// the app's own edits (rename, configure, connect, disconnect, add, delete, paste, insert a gate,
// suppress, settings, grants, owner, undo) and raw ones the app never makes (a step replaced by
// another kind at the same id, links added by hand).
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../shared/analysis/rules/index';
import { KINDS } from '../../../shared/kinds/registry';
import { insertApprovalGate, planApprovalGate } from '../../../shared/model/edits/approval-gate';
import { extractFragment, pasteFragment } from '../../../shared/model/edits/fragments';
import { toggleGrant } from '../../../shared/model/edits/grants';
import { addNode, connect, moveNodes, removeElements, updateNode } from '../../../shared/model/edits/graph';
import { setRuleSetting, suppress, unsuppress } from '../../../shared/model/edits/lint-settings';
import { setLabel } from '../../../shared/model/edits/node-config';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import { NODE_KINDS, type Workflow, type WorkflowNode } from '../../../shared/model/schema';
import { generateWorkflow } from '../../fixtures/generate-workflow';

export const TEMPLATES = ['support-ticket-triage', 'invoice-approval', 'risky-support-bot', 'sales-lead-intake', 'employee-onboarding'].map(
  (name) => loadWorkflow(readFileSync(join(__dirname, '../../../resources/templates', `${name}.flowgate.json`), 'utf8')).workflow,
);

/** Configs that change what the rules see: requirements, modes, providers, reviewers, timeouts, teams. */
const CONFIG_PATCHES: Record<string, Record<string, unknown>[]> = {
  ai: [
    { mode: 'act' },
    { mode: 'suggest' },
    { provider: 'external' },
    { provider: 'mock' },
    { tools: [{ connection: 'helpdesk', action: 'tickets.reply' }] },
    { tools: [{ connection: 'billing', action: 'billing.payments.schedule' }, { connection: 'ghost', action: 'x' }] },
    { sources: [{ connection: 'knowledge', action: 'kb.search' }, { connection: 'crm', action: 'crm.contacts.read' }] },
    { sources: [] },
  ],
  integration: [
    { connection: 'helpdesk', action: 'tickets.reply' },
    { connection: 'billing', action: 'billing.refunds.issue' },
    { connection: 'email', action: 'email.send_internal' },
    { connection: '', action: '' },
    { connection: 'helpdesk', action: 'tickets.nope' },
  ],
  approval: [{ reviewer: '' }, { reviewer: 'Lead' }, { timeoutHours: 0 }, { timeoutHours: 8 }],
  escalation: [{ team: '' }, { team: 'Billing' }, { connection: 'chat', action: 'chat.messages.post' }],
  intake: [{ connection: 'helpdesk', action: 'tickets.read' }, { connection: 'email', action: 'email.read_inbox' }, { connection: '', action: '' }],
};

/** Picks a number below n (the edit's aim); 0 when n is 0. */
type Pick = (n: number) => number;

/** One edit, chosen and aimed by `pick`; returns the document unchanged when it does not apply. */
type Edit = (wf: Workflow, pick: Pick, history: Workflow[]) => Workflow;

const step = (wf: Workflow, pick: Pick): WorkflowNode | undefined => wf.nodes[pick(wf.nodes.length)];

const EDITS: Record<string, Edit> = {
  rename: (wf, pick) => {
    const n = step(wf, pick);
    return n ? setLabel(wf, n.id, ['Check', 'Reply to customer', '', 'Route'][pick(4)]) : wf;
  },
  configure: (wf, pick) => {
    const n = step(wf, pick);
    const patches = n && CONFIG_PATCHES[n.kind];
    return n && patches ? updateNode(wf, n.id, { config: { ...n.config, ...patches[pick(patches.length)] } as WorkflowNode['config'] }) : wf;
  },
  connect: (wf, pick) => {
    const a = step(wf, pick);
    const b = step(wf, pick);
    if (!a || !b) return wf;
    const outputs = KINDS[a.kind].outputs(a.config as never);
    const r = connect(wf, { source: a.id, sourceHandle: outputs.length ? outputs[pick(outputs.length)].id : null, target: b.id });
    return r.ok ? r.workflow : wf;
  },
  /** A link the app would refuse (to an intake, a second one from an output, to itself). */
  linkByHand: (wf, pick) => {
    const a = step(wf, pick);
    const b = step(wf, pick);
    if (!a || !b) return wf;
    const handle = ['out', 'ok', 'error', 'approved', 'rejected', 'timeout', 'low_confidence', 'else'][pick(8)];
    return { ...wf, edges: [...wf.edges, { id: `hand${wf.edges.length}_${pick(1000)}`, source: a.id, sourceHandle: handle, target: b.id }] };
  },
  disconnect: (wf, pick) => (wf.edges.length ? removeElements(wf, [], [wf.edges[pick(wf.edges.length)].id]) : wf),
  deleteStep: (wf, pick) => {
    const n = step(wf, pick);
    return n ? removeElements(wf, [n.id]) : wf;
  },
  addStep: (wf, pick) => addNode(wf, NODE_KINDS[pick(NODE_KINDS.length)], { x: pick(2000), y: pick(2000) }).workflow,
  paste: (wf, pick) => {
    const ids = [step(wf, pick)?.id, step(wf, pick)?.id].filter((id): id is string => !!id);
    return pasteFragment(wf, extractFragment(wf, ids), { x: 40, y: 40 }).workflow;
  },
  insertGate: (wf, pick) => {
    const candidates = wf.nodes.filter((n) => planApprovalGate(wf, n.id));
    return candidates.length ? insertApprovalGate(wf, candidates[pick(candidates.length)].id) : wf;
  },
  /** The same id, another kind: what no app edit does, but a hand-edited file can. */
  changeKind: (wf, pick) => {
    const n = step(wf, pick);
    if (!n) return wf;
    const kind = NODE_KINDS[pick(NODE_KINDS.length)];
    const replaced = { ...n, kind, config: KINDS[kind].defaultConfig() } as WorkflowNode;
    return { ...wf, nodes: wf.nodes.map((x) => (x === n ? replaced : x)) };
  },
  move: (wf, pick) => {
    const n = step(wf, pick);
    return n ? moveNodes(wf, { [n.id]: { x: n.position.x + 10, y: n.position.y } }) : wf;
  },
  suppress: (wf, pick) => {
    const n = step(wf, pick);
    const rule = RULES[pick(RULES.length)].meta.id;
    return n ? (pick(2) ? suppress(wf, n.id, rule, 'Known') : unsuppress(wf, n.id, rule)) : wf;
  },
  ruleSetting: (wf, pick) => setRuleSetting(wf, RULES[pick(RULES.length)].meta.id, (['off', 'info', 'warn', 'error', 'default'] as const)[pick(5)]),
  grant: (wf, pick) => {
    const c = wf.connections[pick(wf.connections.length)];
    return c ? toggleGrant(wf, c.id, ['tickets.reply', 'billing.refunds.issue', 'kb.search', '*'][pick(4)]) : wf;
  },
  owner: (wf, pick) => ({ ...wf, owner: pick(2) ? 'Ops lead' : '' }),
  undo: (wf, pick, history) => (history.length ? history[pick(history.length)] : wf),
};
export const EDIT_NAMES = Object.keys(EDITS);

/** A template, or a generated workflow of 16 to 65 steps (clean or flawed). */
export function startDocument(choice: number, seed: number): Workflow {
  if (choice < TEMPLATES.length) return TEMPLATES[choice];
  const variant = choice % 2 ? 'flawed' : 'clean';
  return loadWorkflow(serializeWorkflow(generateWorkflow({ nodes: 16 + (seed % 50), variant, seed }))).workflow;
}

/** One step of a script: which edit (modulo the list), and numbers that aim it. */
export interface ScriptStep {
  edit: number;
  aims: number[];
}

export const scriptArb = fc.array(fc.record({ edit: fc.nat(), aims: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }) }), { minLength: 1, maxLength: 14 });
export const startArb = fc.tuple(fc.nat({ max: TEMPLATES.length + 5 }), fc.nat({ max: 10_000 }));

/**
 * Plays the script from `start`, calling `visit` with the start document and after each edit with the
 * names of the edits so far. Stops at the first `visit` that returns something, and returns that.
 */
export function playScript<T>(start: Workflow, script: readonly ScriptStep[], visit: (wf: Workflow, done: string[]) => T | null): T | null {
  const history: Workflow[] = [];
  let wf = start;
  const done = ['open'];
  for (let s = 0; s <= script.length; s++) {
    if (s > 0) {
      const { edit, aims } = script[s - 1];
      let a = 0;
      const pick: Pick = (n) => (n <= 0 ? 0 : aims[a++ % aims.length] % n);
      const name = EDIT_NAMES[edit % EDIT_NAMES.length];
      history.push(wf);
      wf = EDITS[name](wf, pick, history);
      done.push(name);
    }
    const found = visit(wf, done);
    if (found !== null) return found;
  }
  return null;
}
