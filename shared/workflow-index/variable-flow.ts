// Variables through the workflow: which steps write each variable, and what each sensitive step's
// calls use and send. Two views of the same facts:
// - `writes` and `uses` are what a step *may* write and read at run time, the way the simulator
//   fills a call's inputs (simulation/inputs.ts, through input-names.ts): they err on the side of
//   more, so that gate/stale-approval never misses a change the simulator can make;
// - `sends` and `writersOf` are what a person is told ("this step sends: reply, written by Draft
//   reply") and what an approval should show: the variables a step really names, and the likely
//   source of each input it leaves to the simulator.
import type { ConnectorAction } from '../connectors/types';
import { asArray, asString, isObject } from '../model/read';
import type { WorkflowEdge, WorkflowNode } from '../model/schema';
import { SYSTEM_VARIABLES } from '../model/variables';
import { templateVariables } from '../model/prompt';
import { attached, type Attached } from './attached';
import { inputCandidates, rootName, TEXT_INPUTS } from './input-names';
import { LayeredMap } from './layered-map';
import { hasSensitiveAction, type Requirement } from './requirements';

/** Stands for the last text an AI step drafted or summarised: integrations fill unmapped body-like inputs with it. */
export const DRAFT_TEXT = '\u0000draft';
/** Stands for the item as its intake received it: a custom action with no inputs and no mapping gets it whole. */
export const WHOLE_ITEM = '\u0000item';
/** The variable a reviewer's note becomes in a simulated run. */
export const REVIEW_NOTE = 'reviewNote';

const SYSTEM = new Set(SYSTEM_VARIABLES.map((v) => v.name));

/** Whether a name is a variable a person writes or reads (not a stand-in, not one the run sets itself). */
export function isContentVariable(name: string): boolean {
  return !name.startsWith('\u0000') && !SYSTEM.has(name);
}

/** How findings and answers name a variable, or what stands for the AI draft and the whole item. */
export function variableText(name: string): string {
  if (name === DRAFT_TEXT) return 'the latest AI draft';
  if (name === WHOLE_ITEM) return 'the item';
  return name;
}

export type WriteHow = 'intake' | 'ai' | 'read' | 'review';

/** A step that writes a variable, as a person is told. */
export interface VariableWriter {
  nodeId: string;
  name: string;
  how: WriteHow;
}

/** What a step may set when it runs. */
export interface NodeWrites {
  /** Variables (their roots), with DRAFT_TEXT when it may replace the draft text. */
  names: ReadonlySet<string>;
  /** It may set any variable: an intake sets whatever the item holds, known only at run time. */
  any: boolean;
}

/** How a sent value gets its variables. */
export type SendHow = 'mapped' | 'named' | 'draft' | 'own-output' | 'item';

/** One input a sensitive step's call fills, with the variables it comes from. */
export interface SentValue {
  /** The action's scope (`tickets.reply`). */
  scope: string;
  /** The input (`body`); '' when the call gets the whole item. */
  input: string;
  how: SendHow;
  /** The variables (roots) it comes from, in order; none when no step writes what it would take. */
  variables: string[];
}

export interface VariableFlow {
  /** What a step may set (an over-estimate: see the file comment). */
  writes(nodeId: string): NodeWrites;
  /** What a sensitive step writes before its own calls run: an AI step in `act` mode sends what it just wrote. */
  writesBeforeSending(nodeId: string): ReadonlySet<string>;
  /** What a sensitive step's sensitive calls may read (an over-estimate), DRAFT_TEXT and WHOLE_ITEM included. */
  uses(nodeId: string): ReadonlySet<string>;
  /** What a sensitive step's sensitive calls send, input by input, as a person is told; [] for other steps. */
  sends(nodeId: string): readonly SentValue[];
  /** The variables (roots) a sensitive step sends, in order: what an approval before it should show. */
  sentVariables(nodeId: string): readonly string[];
  /** The steps that write a variable, as a person is told (intake fields, AI outputs, reads, reviewers' notes). */
  writersOf(name: string): readonly VariableWriter[];
}

export interface FlowSource {
  nodes: readonly WorkflowNode[];
  nodeById: ReadonlyMap<string, WorkflowNode>;
  requirements: ReadonlyMap<string, Requirement[]>;
  incoming(nodeId: string): readonly WorkflowEdge[];
  configOf(node: WorkflowNode): Record<string, unknown>;
  /** A step's position in document order (the index's slot; -1 when absent), and how many positions there are. */
  slotOf(nodeId: string): number;
  slotCount: number;
  /** The step at a slot (the first of its id; undefined where none), and the incoming links by slot (links.ts). */
  nodeAt(slot: number): WorkflowNode | undefined;
  incomingLinks: { start: Int32Array; ends: Int32Array };
}

const EMPTY_SET: ReadonlySet<string> = new Set();
const NO_SENDS: readonly SentValue[] = [];
const NO_MAPPING: readonly [string, string][] = Object.freeze([]) as readonly [string, string][];
const NOTHING: NodeWrites = { names: EMPTY_SET, any: false };

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/** An AI step's output variable, as the simulator names it. */
export function aiOutputName(config: Record<string, unknown>): string {
  return asString(config.output).trim() || 'result';
}

function draftsText(config: Record<string, unknown>): boolean {
  return config.task === 'draft' || config.task === 'summarize';
}

/** The escalation inputs the step fills from its own settings (team, reason…) when they are set. */
function givenByEscalation(config: Record<string, unknown>, input: string): boolean {
  switch (input) {
    case 'channel':
    case 'subject':
      return true;
    case 'team':
    case 'group':
    case 'queue':
    case 'owner':
      return asString(config.team) !== '';
    case 'reason':
      return asString(config.reason) !== '';
    case 'priority':
      return asString(config.priority) !== '';
    default:
      return false;
  }
}

/** A step's input mapping (integrations only): input → template. */
function mappingOf(node: WorkflowNode, config: Record<string, unknown>): readonly [string, string][] {
  if (node.kind !== 'integration' || !isObject(config.inputs)) return NO_MAPPING;
  return Object.entries(config.inputs).filter((e): e is [string, string] => typeof e[1] === 'string');
}

function mapsInput(mapping: readonly [string, string][], input: string): boolean {
  for (let m = 0; m < mapping.length; m++) if (mapping[m][0] === input) return true;
  return false;
}

/**
 * The names a read stores what it read under, when the step does not name it: the data set's name in
 * the singular. Which data set that is can depend on the sample data, so every candidate is given.
 */
function readNameCandidates(node: WorkflowNode, config: Record<string, unknown>, req: Requirement): string[] {
  const explicit = asString(config.output).trim();
  if (explicit) return [rootName(explicit)];
  if (!req.resolved.ok) return [];
  const { action, connector } = req.resolved;
  if (action.dataset) return [rootName(singular(action.dataset))];
  const known = asArray<ConnectorAction>(connector.actions)
    .filter((a) => a?.effect === 'read' && a.dataset)
    .map((a) => a.dataset!);
  return [...new Set([...asString(action.scope).split('.'), ...known].filter(Boolean).map((d) => rootName(singular(d))).concat(node.id))];
}

/** The one name a read most likely stores what it read under, for what a person is told. */
function readName(node: WorkflowNode, config: Record<string, unknown>, req: Requirement): string {
  const explicit = asString(config.output).trim();
  if (explicit) return rootName(explicit);
  if (!req.resolved.ok) return node.id;
  const { action, connector } = req.resolved;
  const known = asArray<ConnectorAction>(connector.actions)
    .filter((a) => a?.effect === 'read' && a.dataset)
    .map((a) => a.dataset!);
  const dataset = action.dataset ?? asString(action.scope).split('.').find((s) => known.includes(s));
  return dataset ? rootName(singular(dataset)) : node.id;
}

/**
 * What the flow knows from the steps alone, without the links: who writes what, what each sensitive
 * step uses and sends (its 'draft' and 'item' sends not yet resolved). An edit that leaves every step
 * it touches the same to the flow keeps it, links or not (workflow-index.ts: sameDataFlow).
 */
export interface FlowBase {
  /** What each step may write, by slot (the slots of the version it was built for; later slots: nothing). */
  writes: readonly (NodeWrites | undefined)[];
  writers: ReadonlyMap<string, VariableWriter[]>;
  draftIds: ReadonlySet<string>;
  uses: ReadonlyMap<string, ReadonlySet<string>>;
  sends: ReadonlyMap<string, readonly SentValue[]>;
  selfWrites: ReadonlyMap<string, ReadonlySet<string>>;
}

type SendMaps = { uses: Map<string, ReadonlySet<string>>; sends: Map<string, readonly SentValue[]>; selfWrites: Map<string, ReadonlySet<string>> };

/**
 * What setSends works out from names alone, kept for one build of the base: a large workflow repeats
 * the same templates and inputs in thousands of steps.
 */
interface SendMemo {
  /** A template's variables (roots), each once, in order, and those of them that are content variables. */
  templates: Map<string, { roots: string[]; content: string[] }>;
  /** An unmapped input's candidates (inputCandidates) and the first of them some step writes (a content variable), or ''. */
  inputs: Map<string, { candidates: string[]; named: string }>;
  /** What a step uses and sends, by the path sendPattern() takes: the steps of one pattern share one set and one list (read only). */
  steps: PatternNode;
}

/** A node of the memo's tree of patterns: one level per thing setSends reads, what it found at a leaf. */
interface PatternNode {
  next: Map<unknown, PatternNode> | null;
  found: { deps: ReadonlySet<string>; list: readonly SentValue[] } | undefined;
}

const newPattern = (): PatternNode => ({ next: null, found: undefined });
const newMemo = (): SendMemo => ({ templates: new Map(), inputs: new Map(), steps: newPattern() });

function down(node: PatternNode, key: unknown): PatternNode {
  const next = (node.next ??= new Map());
  let child = next.get(key);
  if (!child) next.set(key, (child = newPattern()));
  return child;
}

// Marks the start of an action's and of an input's entries in a path (objects: no text equals them).
const ACTION = {};
const INPUT = {};

/**
 * Everything setSends reads of a sensitive step, as a path in the memo's tree (no key is built: a
 * large workflow repeats a few dozen patterns in thousands of steps, whose texts are walked as they
 * are): its kind, its AI output or which of its escalation settings are set, its sensitive actions
 * (connection and scope), and its input mapping. The writers are the same for one build.
 */
function sendPattern(root: PatternNode, node: WorkflowNode, config: Record<string, unknown>, reqs: readonly Requirement[]): PatternNode {
  let at = down(root, node.kind);
  if (node.kind === 'ai') at = down(at, rootName(aiOutputName(config)));
  else if (node.kind === 'escalation') at = down(at, +givenByEscalation(config, 'team') + 2 * +givenByEscalation(config, 'reason') + 4 * +givenByEscalation(config, 'priority'));
  for (let k = 0; k < reqs.length; k++) {
    const r = reqs[k];
    if (r.sensitive && r.resolved.ok) at = down(down(down(at, ACTION), r.connectionId), r.scope);
  }
  if (node.kind === 'integration' && isObject(config.inputs)) {
    // The same entries, in the same order, as mappingOf() reads.
    const inputs = config.inputs;
    for (const input in inputs) {
      const template = inputs[input];
      if (typeof template === 'string' && Object.hasOwn(inputs, input)) at = down(down(down(at, INPUT), input), template);
    }
  }
  return at;
}

function templateRoots(memo: SendMemo, template: string): { roots: string[]; content: string[] } {
  let vars = memo.templates.get(template);
  if (!vars) {
    const roots = [...new Set(templateVariables(template).map(rootName))];
    vars = { roots, content: roots.filter(isContentVariable) };
    memo.templates.set(template, vars);
  }
  return vars;
}

function inputSources(memo: SendMemo, input: string, writers: ReadonlyMap<string, readonly VariableWriter[]>): { candidates: string[]; named: string } {
  let found = memo.inputs.get(input);
  if (!found) {
    const candidates = inputCandidates(input);
    found = { candidates, named: candidates.find((c) => writers.has(c) && isContentVariable(c)) ?? '' };
    memo.inputs.set(input, found);
  }
  return found;
}

/**
 * Sets what a sensitive step uses and sends (and writes before sending) in `into`; nothing for other
 * steps. Returns what it uses (undefined: not a sensitive step).
 */
function setSends(
  node: WorkflowNode,
  config: Record<string, unknown>,
  reqs: readonly Requirement[],
  writers: ReadonlyMap<string, readonly VariableWriter[]>,
  ownWrites: NodeWrites | undefined,
  into: SendMaps,
  memo: SendMemo,
): ReadonlySet<string> | undefined {
  const nodeId = node.id;
  if (!hasSensitiveAction(reqs)) return undefined;
  const pattern = sendPattern(memo.steps, node, config, reqs);
  const known = pattern.found;
  if (known) {
    into.uses.set(nodeId, known.deps);
    into.sends.set(nodeId, known.list);
    if (node.kind === 'ai') into.selfWrites.set(nodeId, ownWrites?.names ?? EMPTY_SET);
    return known.deps;
  }
  const deps = new Set<string>();
  const list: SentValue[] = [];
  const own = node.kind === 'ai' ? rootName(aiOutputName(config)) : '';
  const mapping = mappingOf(node, config);
  // A few inputs (the usual) are searched; many get a set.
  const mappedSet = mapping.length > 8 ? new Set(mapping.map(([k]) => k)) : null;
  for (const r of reqs) {
    if (!r.sensitive || !r.resolved.ok) continue;
    const action = r.resolved.action;
    // Index loops, no destructuring: thousands of steps each made iterators here.
    for (let m = 0; m < mapping.length; m++) {
      const input = mapping[m][0];
      // The variables' list is shared by the steps that map the same template (read only, as every SentValue).
      const { roots, content } = templateRoots(memo, mapping[m][1]);
      for (let k = 0; k < roots.length; k++) deps.add(roots[k]);
      if (roots.length) list.push({ scope: r.scope, input, how: 'mapped', variables: content });
    }
    const declared = Array.isArray(action.inputs) ? action.inputs : null;
    if (declared === null) {
      if (!mapping.length) {
        deps.add(WHOLE_ITEM);
        list.push({ scope: r.scope, input: '', how: 'item', variables: [] });
      }
      continue;
    }
    for (let d = 0; d < declared.length; d++) {
      const input: unknown = declared[d];
      if (typeof input !== 'string' || (mappedSet ? mappedSet.has(input) : mapsInput(mapping, input))) continue;
      if (node.kind === 'escalation' && givenByEscalation(config, input)) continue;
      const { candidates, named } = inputSources(memo, input, writers);
      for (let k = 0; k < candidates.length; k++) deps.add(candidates[k]);
      if (TEXT_INPUTS.has(input)) {
        if (node.kind === 'integration') {
          deps.add(DRAFT_TEXT);
          list.push({ scope: r.scope, input, how: 'draft', variables: [] });
          continue;
        }
        if (node.kind === 'ai') {
          deps.add(own).add(DRAFT_TEXT);
          list.push({ scope: r.scope, input, how: 'own-output', variables: [own] });
          continue;
        }
        // An escalation's text is its own note, which quotes the item's subject.
        if (node.kind === 'escalation') deps.add('subject');
      }
      if (named) list.push({ scope: r.scope, input, how: node.kind === 'ai' && named === own ? 'own-output' : 'named', variables: [named] });
    }
  }
  pattern.found = { deps, list };
  into.uses.set(nodeId, deps);
  into.sends.set(nodeId, list);
  if (node.kind === 'ai') into.selfWrites.set(nodeId, ownWrites?.names ?? EMPTY_SET);
  return deps;
}

/**
 * What a step contributes to who writes what (its writes, the writers it adds, whether it drafts), as a
 * string: two versions of a step with the same one leave the writers as they were.
 */
function writerSignature(node: WorkflowNode, config: Record<string, unknown>, reqs: readonly Requirement[] | undefined): string {
  switch (node.kind) {
    case 'ai':
      return `ai\u0000${rootName(aiOutputName(config))}\u0000${draftsText(config)}`;
    case 'intake':
      return `intake\u0000${asArray<unknown>(config.fields).map((f) => (typeof f === 'string' && f.trim() ? rootName(f.trim()) : '')).join('\u0000')}`;
    case 'integration': {
      const req = reqs?.[0];
      if (!req?.resolved.ok || req.resolved.action.effect !== 'read') return 'integration';
      return `read\u0000${readNameCandidates(node, config, req).join('\u0001')}\u0000${readName(node, config, req)}`;
    }
    case 'approval':
      return 'approval';
    default:
      return '';
  }
}

/** One step the edit changed: its two versions, with their requirements. */
export interface StepChange {
  before: WorkflowNode;
  after: WorkflowNode;
  reqsBefore: readonly Requirement[] | undefined;
  reqsAfter: readonly Requirement[] | undefined;
}

/**
 * The base of a version from the previous version's, when the steps the edit changed (same ids) write
 * what they wrote: only what they use and send is worked out again, in layers over the previous maps
 * (layered-map.ts), and the maps by slot made from them are patched, not made again. Null when the
 * writers may differ. `slotOf`: the slots of this version (the same as the previous one's for its steps).
 */
export function reviseFlowBase(base: FlowBase, changes: readonly StepChange[], configOf: (node: WorkflowNode) => Record<string, unknown>, slotOf: (id: string) => number, slotCount: number): FlowBase | null {
  for (const c of changes) {
    if (c.before.id !== c.after.id || writerSignature(c.before, configOf(c.before), c.reqsBefore) !== writerSignature(c.after, configOf(c.after), c.reqsAfter)) return null;
  }
  // Each changed step's entries: undefined unless setSends gives it one.
  const into = { uses: new Map<string, ReadonlySet<string> | undefined>(), sends: new Map<string, readonly SentValue[] | undefined>(), selfWrites: new Map<string, ReadonlySet<string> | undefined>() };
  const memo = newMemo();
  for (const c of changes) {
    into.uses.set(c.after.id, undefined);
    into.sends.set(c.after.id, undefined);
    into.selfWrites.set(c.after.id, undefined);
    if (c.reqsAfter) setSends(c.after, configOf(c.after), c.reqsAfter, base.writers, base.writes[slotOf(c.after.id)], into as SendMaps, memo);
  }
  const next: FlowBase = { ...base, uses: LayeredMap.of(base.uses, into.uses), sends: LayeredMap.of(base.sends, into.sends), selfWrites: LayeredMap.of(base.selfWrites, into.selfWrites) };
  // What each step writes is the same; what it uses and sends by slot, patched at the changed steps.
  patchBySlot(base, next, changes.map((c) => c.after.id), slotOf, slotCount);
  return next;
}

/**
 * The maps by slot kept with `base` (usesBySlot, linkedSendsBySlot), copied for `next` with at least
 * `minSlots` slots and patched at the slots of the steps `ids` with what `next` says of them (nothing,
 * for a step taken out).
 */
function patchBySlot(base: FlowBase, next: FlowBase, ids: readonly string[], slotOf: (id: string) => number, minSlots: number): void {
  const uses = USES_BY_SLOT.get(base);
  if (uses) {
    const patched = { uses: padded(uses.uses, minSlots), selfWrites: padded(uses.selfWrites, minSlots) };
    for (const id of ids) {
      const i = slotOf(id);
      if (i < 0 || i >= patched.uses.length) continue;
      patched.uses[i] = next.uses.get(id);
      patched.selfWrites[i] = next.selfWrites.get(id);
    }
    USES_BY_SLOT.set(next, patched);
  }
  const linked = LINKED_SENDS_BY_SLOT.get(base);
  if (linked) {
    const patched = paddedMarks(linked, Math.max(minSlots, linked.length));
    for (const id of ids) {
      const i = slotOf(id);
      if (i >= 0 && i < patched.length) patched[i] = linksSends(next.sends.get(id)) ? 1 : 0;
    }
    LINKED_SENDS_BY_SLOT.set(next, patched);
  }
}

/**
 * The base of a version whose edit deleted steps, from the previous version's: their entries taken
 * out, in layers (layered-map.ts). Null when that changes what the other steps send or write: a
 * deleted step was the last writer of some variable (another step's input may then come from
 * elsewhere), or the last drafting AI step with its output (every reviewer's writes list it).
 */
export function removeFromFlowBase(base: FlowBase, deleted: readonly WorkflowNode[], slotOf: (id: string) => number): FlowBase | null {
  const gone = new Set(deleted.map((n) => n.id));
  const writers = new Map(base.writers);
  for (const [name, list] of base.writers) {
    if (!list.some((w) => gone.has(w.nodeId))) continue;
    const left = list.filter((w) => !gone.has(w.nodeId));
    if (!left.length) return null;
    writers.set(name, left);
  }
  for (const id of gone) {
    if (!base.draftIds.has(id)) continue;
    // Another drafting step must still write its output, or the reviewers' writes change.
    const out = base.writers.get(outputOf(base, id));
    if (!out?.some((w) => w.how === 'ai' && !gone.has(w.nodeId) && base.draftIds.has(w.nodeId))) return null;
  }
  const draftIds = [...gone].some((id) => base.draftIds.has(id)) ? new Set([...base.draftIds].filter((id) => !gone.has(id))) : base.draftIds;
  const none = new Map<string, undefined>([...gone].map((id) => [id, undefined]));
  const next: FlowBase = {
    writes: base.writes.slice(),
    writers,
    draftIds,
    uses: LayeredMap.of(base.uses, none),
    sends: LayeredMap.of(base.sends, none),
    selfWrites: LayeredMap.of(base.selfWrites, none),
  };
  // The maps by slot: the deleted steps' slots emptied (a deleted step's slot stays a hole).
  const writes = next.writes as (NodeWrites | undefined)[];
  for (const id of gone) {
    const i = slotOf(id);
    if (i >= 0 && i < writes.length) writes[i] = undefined;
  }
  patchBySlot(base, next, [...gone], slotOf, 0);
  return next;
}

/** The output variable of a drafting AI step, as its writer entry names it. */
function outputOf(base: FlowBase, id: string): string {
  for (const [name, list] of base.writers) if (list.some((w) => w.nodeId === id && w.how === 'ai')) return name;
  return '';
}

/** Whether a step's sends read the links: a 'draft' or 'item' send, resolved over them (flowView). */
function linksSends(list: readonly SentValue[] | undefined): boolean {
  return !!list?.some((s) => s.how === 'draft' || s.how === 'item');
}

/** The steps the base is built from, by slot (document order): the first step of each id (undefined elsewhere), with its requirements. */
export interface BaseSource {
  steps: readonly (WorkflowNode | undefined)[];
  reqs: readonly (readonly Requirement[] | undefined)[];
  configOf(node: WorkflowNode): Record<string, unknown>;
}

const ANY: NodeWrites = { names: EMPTY_SET, any: true };


export function buildFlowBase(src: BaseSource): FlowBase {
  const writers = new Map<string, VariableWriter[]>();
  // A step adds its writers one after another, so a writer repeated by the same step is the list's last.
  const addWriter = (w: VariableWriter) => {
    const list = writers.get(w.name);
    if (!list) writers.set(w.name, [w]);
    else if (list[list.length - 1].nodeId !== w.nodeId) list.push(w);
  };
  const draftOutputs = new Set<string>();
  const draftIds = new Set<string>();
  // What an AI step writes, by output name and whether it drafts: shared by the steps that write the same.
  const aiWrites = new Map<string, NodeWrites>();

  const { steps } = src;
  // What each step writes, by slot (the base's `writes`), and the approvals' slots, filled in on the way.
  const bySlot = new Array<NodeWrites | undefined>(steps.length).fill(undefined);
  const approvals: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const node = steps[i];
    if (!node) continue;
    if (node.kind === 'ai') {
      const config = src.configOf(node);
      const out = rootName(aiOutputName(config));
      const drafts = draftsText(config);
      const key = `${drafts ? 'd' : 'n'}${out}`;
      let w = aiWrites.get(key);
      if (!w) {
        w = { names: drafts ? new Set([out, DRAFT_TEXT]) : new Set([out]), any: false };
        aiWrites.set(key, w);
      }
      if (drafts) {
        draftOutputs.add(out);
        draftIds.add(node.id);
      }
      bySlot[i] = w;
      addWriter({ nodeId: node.id, name: out, how: 'ai' });
    } else if (node.kind === 'intake') {
      const config = src.configOf(node);
      bySlot[i] = ANY;
      for (const field of asArray<unknown>(config.fields)) {
        if (typeof field === 'string' && field.trim()) addWriter({ nodeId: node.id, name: rootName(field.trim()), how: 'intake' });
      }
    } else if (node.kind === 'integration') {
      const req = src.reqs[i]?.[0];
      if (req?.resolved.ok && req.resolved.action.effect === 'read') {
        const config = src.configOf(node);
        const w: NodeWrites = { names: new Set(readNameCandidates(node, config, req)), any: false };
        bySlot[i] = w;
        addWriter({ nodeId: node.id, name: readName(node, config, req), how: 'read' });
      }
    } else if (node.kind === 'approval') {
      approvals.push(i);
      addWriter({ nodeId: node.id, name: REVIEW_NOTE, how: 'review' });
    }
  }
  // A reviewer's edit (any decision) sets the draft they edited and their note; filled in once all drafts are known.
  const review: NodeWrites = { names: new Set([REVIEW_NOTE, DRAFT_TEXT, ...draftOutputs]), any: false };
  for (const i of approvals) {
    bySlot[i] = review;
  }

  const uses = new Map<string, ReadonlySet<string>>();
  const sends = new Map<string, readonly SentValue[]>();
  const selfWrites = new Map<string, ReadonlySet<string>>();
  const into = { uses, sends, selfWrites };
  const memo = newMemo();
  // What each step uses and writes before sending, by slot too, as usesBySlot() gives them (made here,
  // on the way, rather than from the maps by id when first asked).
  const usesAt = new Array<ReadonlySet<string> | undefined>(steps.length).fill(undefined);
  const selfWritesAt = new Array<ReadonlySet<string> | undefined>(steps.length).fill(undefined);
  for (let i = 0; i < steps.length; i++) {
    const node = steps[i];
    const reqs = src.reqs[i];
    if (!node || !reqs) continue;
    const used = setSends(node, src.configOf(node), reqs, writers, bySlot[i], into, memo);
    if (!used) continue;
    usesAt[i] = used;
    if (node.kind === 'ai') selfWritesAt[i] = bySlot[i]?.names ?? EMPTY_SET;
  }

  const base: FlowBase = { writes: bySlot, writers, draftIds, uses, sends, selfWrites };
  USES_BY_SLOT.set(base, { uses: usesAt, selfWrites: selfWritesAt });
  return base;
}

// The maps by slot of a base grow with the document: a base is kept only while its steps keep their
// slots, and the slots added after it was built hold steps with no part in it (flowNeutral in
// workflow-index.ts), whose entries are empty; a step that later gains a part is patched in (reviseFlowBase).
function padded<T>(list: readonly (T | undefined)[], n: number): (T | undefined)[] {
  const out = list.slice();
  while (out.length < n) out.push(undefined);
  return out;
}

function paddedMarks(marks: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  out.set(marks);
  return out;
}

/** What each sensitive step's calls use, and what it writes before sending, by slot, for a base (usesBySlot). */
const USES_BY_SLOT = attached<FlowBase, { uses: (ReadonlySet<string> | undefined)[]; selfWrites: (ReadonlySet<string> | undefined)[] }>('uses by slot');

/**
 * The base's `uses` and `selfWrites` by slot (undefined: none), for walks over slots: the coverage reads
 * them for every sensitive step after an approval, which by id would be two lookups a step. Kept with
 * the base (keptBySlot).
 */
export function usesBySlot(base: FlowBase, slotOf: (id: string) => number, slotCount: number): { uses: readonly (ReadonlySet<string> | undefined)[]; selfWrites: readonly (ReadonlySet<string> | undefined)[] } {
  return keptBySlot(USES_BY_SLOT, base, slotCount, (u) => u.uses.length, (u) => ({ uses: padded(u.uses, slotCount), selfWrites: padded(u.selfWrites, slotCount) }), () => ({
    uses: bySlotOf(base.uses, slotOf, slotCount),
    selfWrites: bySlotOf(base.selfWrites, slotOf, slotCount),
  }));
}

/**
 * A base's map by slot, from `cache` when made before: grown when the document has more slots now
 * (padded), made when it has none yet or fewer slots (`make`).
 */
function keptBySlot<T>(cache: Attached<FlowBase, T>, base: FlowBase, slotCount: number, lengthOf: (t: T) => number, grow: (t: T) => T, make: () => T): T {
  let out = cache.get(base);
  if (out && lengthOf(out) < slotCount) out = grow(out);
  else if (!out || lengthOf(out) !== slotCount) out = make();
  else return out;
  cache.set(base, out);
  return out;
}

/** A map by id laid out by slot (undefined where none). */
function bySlotOf<V>(byId: ReadonlyMap<string, V>, slotOf: (id: string) => number, slotCount: number): (V | undefined)[] {
  const out = new Array<V | undefined>(slotCount).fill(undefined);
  for (const [id, v] of byId) {
    const i = slotOf(id);
    if (i >= 0 && i < slotCount) out[i] = v;
  }
  return out;
}

/** The steps whose sends read the links (a 'draft' or 'item' send), by slot, for a base (linkedSendsBySlot). */
const LINKED_SENDS_BY_SLOT = attached<FlowBase, Uint8Array>('linked sends by slot');

/**
 * By slot: 1 for the steps whose sends have a 'draft' or 'item' input, resolved over the links (flowView):
 * the only steps whose sends a link edit can change. Kept with the base (keptBySlot).
 */
export function linkedSendsBySlot(base: FlowBase, slotOf: (id: string) => number, slotCount: number): Uint8Array {
  return keptBySlot(LINKED_SENDS_BY_SLOT, base, slotCount, (marks) => marks.length, (marks) => paddedMarks(marks, slotCount), () => {
    const out = new Uint8Array(slotCount);
    for (const [id, list] of base.sends) {
      const i = slotOf(id);
      if (i >= 0 && i < slotCount && linksSends(list)) out[i] = 1;
    }
    return out;
  });
}

/**
 * What a view has resolved so far. The next version's view over the same writers (flowView's
 * `previous`) takes the maps over, dropping what its edit changed, and leaves this one empty maps: one
 * edit costs what it changed, not a copy of every step's answer.
 */
interface Resolved {
  sends: Map<string, SentValue[]>;
  sent: Map<string, readonly string[]>;
}

/** sentVariables() of a base's send list that does not read the links: the same for every step it belongs to. */
const SENT_BY_LIST = new WeakMap<readonly SentValue[], readonly string[]>();
const RESOLVED = attached<VariableFlow, Resolved>('resolved sends');

/**
 * `previous`: the view of an earlier version with the same links and the same writers (the base revised
 * for the steps `changed` only): what it resolved for the other steps holds here too.
 */
export function flowView(base: FlowBase, src: FlowSource, previous?: { view: VariableFlow; changed: ReadonlySet<string> }): VariableFlow {
  const { writers, draftIds, uses, sends, selfWrites } = base;
  // The writers by step, for an 'item' send (rare): made when first asked.
  let writersByNode: Map<string, VariableWriter[]> | null = null;
  const writersOfStep = (nodeId: string): readonly VariableWriter[] => {
    if (!writersByNode) {
      writersByNode = new Map();
      for (const list of writers.values()) {
        for (const w of list) {
          const mine = writersByNode.get(w.nodeId);
          if (mine) mine.push(w);
          else writersByNode.set(w.nodeId, [w]);
        }
      }
    }
    return writersByNode.get(nodeId) ?? [];
  };
  // The drafts a step's unmapped text may be: the outputs of the drafting AI steps that lead to it.
  // A walk back over the links on slots, with a mark per walk (no set of ids per step, no lookup by id):
  // a few hundred such steps in a large workflow, each walk linear in the links before it.
  const mark = new Int32Array(src.slotCount);
  let walks = 0;
  let isDraft: Uint8Array | null = null;
  const before = (nodeId: string): { drafts: number[]; intakes: number[] } => {
    if (!isDraft) {
      isDraft = new Uint8Array(src.slotCount);
      for (const id of draftIds) {
        const k = src.slotOf(id);
        if (k >= 0) isDraft[k] = 1;
      }
    }
    const stamp = ++walks;
    const drafts: number[] = [];
    const intakes: number[] = [];
    const from = src.slotOf(nodeId);
    const stack = from < 0 ? [] : [from];
    const { start, ends } = src.incomingLinks;
    while (stack.length) {
      const i = stack.pop()!;
      for (let j = start[i]; j < start[i + 1]; j++) {
        const k = ends[j];
        if (mark[k] === stamp) continue;
        mark[k] = stamp;
        if (isDraft[k]) drafts.push(k);
        else if (src.nodeAt(k)!.kind === 'intake') intakes.push(k);
        stack.push(k);
      }
    }
    return { drafts, intakes };
  };
  const inOrder = (list: number[]) => list.sort((x, y) => x - y).map((k) => src.nodeAt(k)!);
  // Each step's sends with what its 'draft' and 'item' sends take, resolved when first asked (it needs
  // the links); the base's lists stay as they are.
  const resolved: Resolved = { sends: new Map(), sent: new Map() };
  const earlier = previous && RESOLVED.get(previous.view);
  if (earlier) {
    resolved.sends = earlier.sends;
    resolved.sent = earlier.sent;
    earlier.sends = new Map();
    earlier.sent = new Map();
    for (const id of previous.changed) {
      resolved.sends.delete(id);
      resolved.sent.delete(id);
    }
  }
  // Apart from sendsOf: its callback closes over the step, and sendsOf, asked for every sensitive step,
  // would allocate that context on each call.
  const resolveSends = (nodeId: string, list: readonly SentValue[]): SentValue[] => {
    let found: { drafts: number[]; intakes: number[] } | null = null;
    return list.map((s) => {
      if (s.how !== 'draft' && s.how !== 'item') return s;
      found ??= before(nodeId);
      // The drafting AI steps (or the intakes) among the steps before, in document order.
      const from = inOrder(s.how === 'draft' ? found.drafts : found.intakes);
      const names = s.how === 'draft' ? from.map((n) => rootName(aiOutputName(src.configOf(n)))) : from.flatMap((n) => writersOfStep(n.id).map((w) => w.name));
      return { ...s, variables: [...new Set(names)].filter(isContentVariable) };
    });
  };
  const sendsOf = (nodeId: string): readonly SentValue[] => {
    const list = sends.get(nodeId);
    if (!list) return NO_SENDS;
    // Sends that do not read the links (most) are the base's own list.
    if (!linksSends(list)) return list;
    let out = resolved.sends.get(nodeId);
    if (!out) {
      out = resolveSends(nodeId, list);
      resolved.sends.set(nodeId, out);
    }
    return out;
  };

  const view: VariableFlow = {
    writes: (id) => {
      const i = src.slotOf(id);
      return (i >= 0 ? base.writes[i] : undefined) ?? NOTHING;
    },
    writesBeforeSending: (id) => selfWrites.get(id) ?? EMPTY_SET,
    uses: (id) => uses.get(id) ?? EMPTY_SET,
    sends: sendsOf,
    sentVariables(id) {
      // Sends that do not read the links are the base's list, shared by the steps of one pattern (setSends),
      // which have the same kind and AI output: their answer is kept with that list.
      const baseList = sends.get(id) ?? NO_SENDS;
      const byList = !linksSends(baseList);
      let list = byList ? SENT_BY_LIST.get(baseList) : resolved.sent.get(id);
      if (list) return list;
      const output = selfWrites.has(id) ? rootName(aiOutputName(src.configOf(src.nodeById.get(id)!))) : null;
      // A step sends a handful of variables: a list searched as it grows, no set.
      const found: string[] = [];
      for (const s of sendsOf(id)) {
        if (s.how === 'own-output') continue;
        for (const v of s.variables) if (v !== output && !found.includes(v)) found.push(v);
      }
      list = found;
      if (byList) SENT_BY_LIST.set(baseList, list);
      else resolved.sent.set(id, list);
      return list;
    },
    writersOf: (name) => writers.get(name) ?? [],
  };
  RESOLVED.set(view, resolved);
  return view;
}
