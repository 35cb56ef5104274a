// Incremental analysis: the same result as analyze(), computed from what an edit touched. An
// analyzer remembers the last document it analysed, its workflow index and every rule part's findings
// (by step, for step parts). For the next document it rebuilds the index from the previous one
// (buildWorkflowIndex(wf, previous): edits return new objects only for what they change) and reruns
// - a step part (eachStep) for the steps whose object changed, and for the steps whose links, reach,
//   incoming data or approval coverage changed when the part reads those (RulePart, StepInput);
// - a workflow part that reads only the loops when they, or a step on one, changed;
// - every other workflow part, and every rule given as a single check, each time.
// Anything else — other connections, rule settings, owner, options, a document with repeated ids, a
// rule that throws, or more changed steps than a fresh analysis costs — gets a full analysis.
// tests/unit/analysis/incremental.test.ts holds it equal to analyze() over random edit sequences, for
// every rule of the list.
import type { Workflow, WorkflowNode } from '../model/schema';
import { sameItems } from '../same-items';
import { buildWorkflowIndex, indexChanges, indexSlots, type IndexChanges } from '../workflow-index/workflow-index';
import { addSuppressions, analyze, finish, partsOf, ruleSettings, withRule } from './analyze';
import type { AnalysisContext } from './context';
import { RULES } from './rules/index';
import { RULE_ERROR, type AnalysisResult, type AnalyzeOptions, type Finding, type Report, type Rule, type RulePart, type Severity } from './types';

interface PartState {
  part: RulePart;
  /** Workflow parts: everything they reported. */
  all: Finding[];
  /** Step parts: what they reported per step slot (indexSlots: document order), and the slots that reported something, ascending. */
  byStep: (Finding[] | undefined)[];
  steps: number[];
}

interface RuleState {
  rule: Rule;
  setting: 'off' | Severity | undefined;
  parts: PartState[];
}

interface State {
  wf: Workflow;
  options: AnalyzeOptions;
  rules: readonly Rule[];
  index: AnalysisContext;
  ruleStates: RuleState[];
  /** Each step's `lint.disable` entries, by slot, and how many steps have some. */
  suppress: (Map<string, string> | undefined)[];
  suppressing: number;
}

export interface IncrementalAnalyzer {
  /** analyze(wf, options), from the previous call's work where the two documents share it. */
  analyze(wf: Workflow, options?: AnalyzeOptions): AnalysisResult;
  /** How the last call was answered: 'full' (everything ran), 'incremental', or 'fallback' (analyze() itself). */
  readonly last: 'full' | 'incremental' | 'fallback' | null;
  /** Forgets the previous document. */
  reset(): void;
}

/**
 * Thrown when a part throws, or for a document whose steps repeat ids or are not all objects with an
 * id: the analyzer then answers with analyze() itself (which says which rule failed, and merges the
 * suppressions of steps sharing an id).
 */
class PartFailed extends Error {}

/** Every step of the document is indexed at its own position under an id of its own. */
function clean(wf: Workflow, index: AnalysisContext): boolean {
  return index.nodes === wf.nodes && index.nodeById.size === index.nodes.length;
}

/** A finding as the rule reports it, with the rule's id and the severity its setting gives. */
function ruleFinding(rule: Rule, setting: 'off' | Severity | undefined, f: Parameters<Report>[0]): Finding {
  return withRule(f, rule.meta.id, (setting === 'off' ? undefined : setting) ?? f.severity ?? rule.meta.severity);
}

function reporter(rule: Rule, setting: 'off' | Severity | undefined, into: Finding[]): Report {
  return (f) => {
    into.push(ruleFinding(rule, setting, f));
  };
}

function run<T>(fn: () => T): T {
  try {
    return fn();
  } catch {
    throw new PartFailed();
  }
}

/** Top-level fields other than the steps and links are the same objects (or both absent). */
function sameOutsideGraph(a: Workflow, b: Workflow): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (k === 'nodes' || k === 'edges') continue;
    if (!Object.hasOwn(b, k) || (a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

function sameOptions(a: AnalyzeOptions, b: AnalyzeOptions): boolean {
  return !!a.externalProviderIsLocal === !!b.externalProviderIsLocal;
}

function stepPart(part: RulePart): part is Extract<RulePart, { scope: 'step' }> {
  return part.scope === 'step';
}

/**
 * Where a rule's step parts put what they report for one step: made once per rule and analysis, and
 * reused for every step. A list, a reporter and a closure made for each step cost more than the check
 * itself when an edit runs a part over 10,000 steps again (a link edit does, for the parts that read the
 * reach), and filled the young generation, so that a scavenge fell in most such edits.
 */
interface StepSink {
  /** What the step checked last reported; undefined: nothing. */
  found: Finding[] | undefined;
  report: Report;
}

function stepSink(rule: Rule, setting: 'off' | Severity | undefined): StepSink {
  const sink: StepSink = {
    found: undefined,
    report: (f) => {
      const finding = ruleFinding(rule, setting, f);
      if (sink.found) sink.found.push(finding);
      else sink.found = [finding];
    },
  };
  return sink;
}

function runStep(ps: PartState, ctx: AnalysisContext, node: WorkflowNode, sink: StepSink): Finding[] | undefined {
  sink.found = undefined;
  try {
    (ps.part as Extract<RulePart, { scope: 'step' }>).check(ctx, node, sink.report);
  } catch {
    throw new PartFailed();
  }
  return sink.found;
}

/** A step part over every step, by slot (deleted steps' slots are holes): what each reported, kept by slot. */
function runOverAll(ps: PartState, ctx: AnalysisContext, slots: readonly (WorkflowNode | undefined)[], sink: StepSink): void {
  for (let i = 0; i < slots.length; i++) {
    const node = slots[i];
    const found = node && runStep(ps, ctx, node, sink);
    if (found) {
      ps.byStep[i] = found;
      ps.steps.push(i);
    }
  }
}

/** Everything, remembering each part's findings. */
function fullState(wf: Workflow, options: AnalyzeOptions, rules: readonly Rule[]): State {
  const index = Object.assign(buildWorkflowIndex(wf), { options });
  if (!clean(wf, index)) throw new PartFailed();
  const settings = ruleSettings(wf);
  const ruleStates: RuleState[] = rules.map((rule) => {
    const setting = settings.get(rule.meta.id);
    const parts = setting === 'off' ? [] : partsOf(rule).map((part): PartState => ({ part, all: [], byStep: [], steps: [] }));
    for (const ps of parts) {
      if (!stepPart(ps.part)) {
        run(() => (ps.part as Extract<RulePart, { scope: 'workflow' }>).check(index, reporter(rule, setting, ps.all)));
        continue;
      }
      runOverAll(ps, index, index.nodes, stepSink(rule, setting));
    }
    return { rule, setting, parts };
  });
  const suppress = index.nodes.map((n) => suppressionsOf(n));
  let suppressing = 0;
  for (const s of suppress) if (s) suppressing++;
  return { wf, options, rules, index, ruleStates, suppress, suppressing };
}

function suppressionsOf(node: WorkflowNode): Map<string, string> | undefined {
  const found = addSuppressions(node, new Map());
  return found.size ? found : undefined;
}

/** Inserts or removes position `i` in the ascending list. */
function mark(steps: number[], i: number, present: boolean): void {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < i) lo = mid + 1;
    else hi = mid;
  }
  const there = steps[lo] === i;
  if (present && !there) steps.splice(lo, 0, i);
  else if (!present && there) steps.splice(lo, 1);
}

/** The positions a step part must check again, or 'all'. */
function dirtySteps(part: Extract<RulePart, { scope: 'step' }>, changes: IndexChanges): Set<number> | 'all' {
  const dirty = new Set(changes.changed);
  for (const input of part.reads) {
    const more =
      input === 'outgoing' ? changes.outChanged : input === 'incoming' ? changes.inChanged : input === 'reach' ? changes.reach : input === 'coverage' ? changes.coverage() : changes.dataFlow();
    if (more === 'all') return 'all';
    for (const i of more) dirty.add(i);
  }
  return dirty;
}

/**
 * The next state from the previous one, or null when a full analysis is due. The previous state is
 * updated in place: the analyzer keeps no other, and drops it when a part throws half-way.
 */
function update(prev: State, wf: Workflow, options: AnalyzeOptions, rules: readonly Rule[]): State | null {
  if (!sameOptions(prev.options, options) || !sameItems(rules, prev.rules) || !sameOutsideGraph(prev.wf, wf)) return null;
  const index = Object.assign(buildWorkflowIndex(wf, prev.index), { options });
  const changes = indexChanges(index);
  if (!changes || !clean(wf, index)) return null;
  const { slots } = indexSlots(index);
  const n = slots.length;
  const { suppress } = prev;
  suppress.length = n;
  const setSuppress = (i: number, found: Map<string, string> | undefined) => {
    prev.suppressing += (found ? 1 : 0) - (suppress[i] ? 1 : 0);
    suppress[i] = found;
  };
  for (const i of changes.changed) setSuppress(i, suppressionsOf(slots[i]!));
  for (const i of changes.removed) setSuppress(i, undefined);

  for (const rs of prev.ruleStates) {
    const report = (into: Finding[]) => reporter(rs.rule, rs.setting, into);
    const sink = stepSink(rs.rule, rs.setting);
    for (const ps of rs.parts) {
      const part = ps.part;
      if (!stepPart(part)) {
        if (part.reads?.length && !changes.cycles()) continue;
        ps.all = [];
        run(() => part.check(index, report(ps.all)));
        continue;
      }
      for (const i of changes.removed) {
        if (!ps.byStep[i]) continue;
        ps.byStep[i] = undefined;
        mark(ps.steps, i, false);
      }
      const dirty = dirtySteps(part, changes);
      if (dirty === 'all') {
        ps.byStep = [];
        ps.steps = [];
        runOverAll(ps, index, slots, sink);
        continue;
      }
      for (const i of dirty) {
        const node = slots[i];
        if (!node) continue; // deleted: cleared above
        const found = runStep(ps, index, node, sink);
        if (found) ps.byStep[i] = found;
        else if (ps.byStep[i]) ps.byStep[i] = undefined;
        mark(ps.steps, i, !!found);
      }
    }
  }
  prev.wf = wf;
  prev.index = index;
  return prev;
}

/** The result of a state: each rule's findings in the order its parts reported them, suppressions applied. */
function resultOf(state: State): AnalysisResult {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const { index, suppress } = state;
  const { slotOf } = indexSlots(index);
  const add = (finding: Finding) => {
    if (!state.suppressing) {
      findings.push(finding);
      return;
    }
    const at = finding.nodeId === undefined || finding.ruleId === RULE_ERROR ? -1 : slotOf(finding.nodeId);
    const reason = at < 0 ? undefined : suppress[at]?.get(finding.ruleId);
    if (reason === undefined) findings.push(finding);
    else suppressed.push({ ...finding, suppressed: { reason } });
  };
  for (const rs of state.ruleStates) {
    for (const ps of rs.parts) {
      if (!stepPart(ps.part)) for (const f of ps.all) add(f);
      else for (const i of ps.steps) for (const f of ps.byStep[i]!) add(f);
    }
  }
  return finish(findings, suppressed);
}

export function createIncrementalAnalyzer(): IncrementalAnalyzer {
  let state: State | null = null;
  let last: IncrementalAnalyzer['last'] = null;
  return {
    analyze(wf, options = {}) {
      const rules = options.rules ?? RULES;
      try {
        const next = (state && update(state, wf, options, rules)) ?? null;
        last = next ? 'incremental' : 'full';
        state = next ?? fullState(wf, options, rules);
        return resultOf(state);
      } catch (e) {
        if (!(e instanceof PartFailed)) throw e;
        // A rule threw: analyze() reports it as a finding, with what the rule found before it failed.
        state = null;
        last = 'fallback';
        return analyze(wf, options);
      }
    },
    get last() {
      return last;
    },
    reset() {
      state = null;
      last = null;
    },
  };
}
