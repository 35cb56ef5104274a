// Pure edits of a workflow's `simulation` section: add, rename, re-input and delete scenarios, script
// their decisions and faults, and set reviewer profiles. Each returns a new document (the input is left
// untouched, for undo) or a reason in words; the resulting section is validated with the scenario
// schema, so an edit can never store a section the simulator would refuse. Only the edited scenario or
// profile is rewritten: the other entries keep their exact shape (and any fields Flowgate does not know).
import { requiredActionsOf } from '../kinds/registry';
import { slug } from '../model/ids';
import type { Workflow } from '../model/schema';
import { AI_FAULTS, DECISIONS, parseSimulationSection, reviewerProfileSchema, SimulationSpecError, type AiFault, type Decision, type ReviewerProfile } from './scenario';

export type ScenarioEdit = { ok: true; workflow: Workflow; id?: string } | { ok: false; reason: string };

type Raw = Record<string, unknown>;

/** What a new scenario holds; decisions and faults are optional. */
export interface ScenarioDraft {
  name: string;
  input: Record<string, unknown>;
  decisions?: Record<string, Decision>;
  faults?: { ai?: Record<string, AiFault>; actions?: Record<string, 'error'> };
}

/** Probabilities may be off by this much from 1 (0.1 + 0.2 is not quite 0.3). */
const SUM_TOLERANCE = 0.001;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function rawSection(wf: Workflow): Raw {
  return isObject(wf.simulation) ? { ...wf.simulation } : {};
}

function rawScenarios(section: Raw): unknown[] {
  return Array.isArray(section.scenarios) ? section.scenarios : [];
}

/** The document with `section` as its simulation section, if the simulator accepts that section. */
function withSection(wf: Workflow, section: Raw, id?: string): ScenarioEdit {
  try {
    parseSimulationSection(section);
  } catch (e) {
    if (e instanceof SimulationSpecError) return { ok: false, reason: `This would make the simulation section invalid: ${e.message}` };
    throw e;
  }
  return { ok: true, workflow: { ...wf, simulation: section }, ...(id === undefined ? {} : { id }) };
}

/** Drops empty maps, so that a scenario with nothing scripted stays as short as the templates' ones. */
function tidy(scenario: Raw): Raw {
  const out = { ...scenario };
  if (isObject(out.decisions) && !Object.keys(out.decisions).length) delete out.decisions;
  if (isObject(out.faults)) {
    const faults = { ...out.faults };
    if (isObject(faults.ai) && !Object.keys(faults.ai).length) delete faults.ai;
    if (isObject(faults.actions) && !Object.keys(faults.actions).length) delete faults.actions;
    if (Object.keys(faults).length) out.faults = faults;
    else delete out.faults;
  }
  return out;
}

/** Rewrites the scenario with this id through `change`; the others are kept as they are. */
function editScenario(wf: Workflow, id: string, change: (scenario: Raw) => Raw): ScenarioEdit {
  const section = rawSection(wf);
  const list = rawScenarios(section);
  const index = list.findIndex((s) => isObject(s) && s.id === id);
  if (index === -1) return { ok: false, reason: `There is no scenario "${id}" in this workflow.` };
  const scenarios = [...list];
  scenarios[index] = tidy(change({ ...(list[index] as Raw) }));
  return withSection(wf, { ...section, scenarios }, id);
}

/** A copy of a map inside the scenario (`decisions`, or `faults.ai`), with `key` set to `value` or removed. */
function withEntry(map: unknown, key: string, value: string | null): Raw {
  const next: Raw = isObject(map) ? { ...map } : {};
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}

export function scenarioNameProblem(name: string): string | null {
  return name.trim() ? null : 'Give the scenario a name.';
}

/** A new scenario at the end of the list, with an id made from its name ("Refund request" → "refund-request"). */
export function addScenario(wf: Workflow, draft: ScenarioDraft): ScenarioEdit {
  const problem = scenarioNameProblem(draft.name);
  if (problem) return { ok: false, reason: problem };
  const section = rawSection(wf);
  const list = rawScenarios(section);
  const taken = new Set(list.map((s) => (isObject(s) ? s.id : undefined)).filter((id): id is string => typeof id === 'string'));
  const base = slug(draft.name);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const scenario = tidy({
    id,
    name: draft.name.trim(),
    input: structuredClone(draft.input),
    decisions: { ...draft.decisions },
    faults: { ai: { ...draft.faults?.ai }, actions: { ...draft.faults?.actions } },
  });
  return withSection(wf, { ...section, scenarios: [...list, scenario] }, id);
}

export function renameScenario(wf: Workflow, id: string, name: string): ScenarioEdit {
  const problem = scenarioNameProblem(name);
  if (problem) return { ok: false, reason: problem };
  return editScenario(wf, id, (s) => ({ ...s, name }));
}

export function setScenarioInput(wf: Workflow, id: string, input: Record<string, unknown>): ScenarioEdit {
  if (!isObject(input)) return { ok: false, reason: 'The input must be a JSON object, like {"subject": "…"}.' };
  return editScenario(wf, id, (s) => ({ ...s, input: structuredClone(input) }));
}

/** Scripts the decision of an approval step; null leaves it to the reviewer profile (or to you, in the app). */
export function setScenarioDecision(wf: Workflow, id: string, nodeId: string, decision: Decision | null): ScenarioEdit {
  if (decision !== null) {
    if (!DECISIONS.includes(decision)) return { ok: false, reason: `"${decision}" is not a decision: use ${DECISIONS.join(', ')}.` };
    if (wf.nodes.find((n) => n.id === nodeId)?.kind !== 'approval') return { ok: false, reason: `There is no approval step with id "${nodeId}".` };
  }
  return editScenario(wf, id, (s) => ({ ...s, decisions: withEntry(s.decisions, nodeId, decision) }));
}

/** Makes an AI step unavailable (`error`) or unsure (`low_confidence`) in this scenario; null: it works. */
export function setScenarioAiFault(wf: Workflow, id: string, nodeId: string, fault: AiFault | null): ScenarioEdit {
  if (fault !== null) {
    if (!AI_FAULTS.includes(fault)) return { ok: false, reason: `"${fault}" is not an AI fault: use ${AI_FAULTS.join(', ')}.` };
    if (wf.nodes.find((n) => n.id === nodeId)?.kind !== 'ai') return { ok: false, reason: `There is no AI step with id "${nodeId}".` };
  }
  return editScenario(wf, id, (s) => {
    const faults = isObject(s.faults) ? s.faults : {};
    return { ...s, faults: { ...faults, ai: withEntry(faults.ai, nodeId, fault) } };
  });
}

/** Makes a connector action fail in this scenario (`"<connectionId>:<action>"`); null: it works. */
export function setScenarioActionFault(wf: Workflow, id: string, key: string, fault: 'error' | null): ScenarioEdit {
  if (fault !== null) {
    const colon = key.indexOf(':');
    if (colon <= 0 || colon === key.length - 1) return { ok: false, reason: `"${key}" must look like "<connectionId>:<action>".` };
    const connection = key.slice(0, colon);
    if (!wf.connections.some((c) => c.id === connection)) return { ok: false, reason: `There is no connection with id "${connection}".` };
  }
  return editScenario(wf, id, (s) => {
    const faults = isObject(s.faults) ? s.faults : {};
    return { ...s, faults: { ...faults, actions: withEntry(faults.actions, key, fault) } };
  });
}

export function removeScenario(wf: Workflow, id: string): ScenarioEdit {
  const section = rawSection(wf);
  const list = rawScenarios(section);
  const scenarios = list.filter((s) => !(isObject(s) && s.id === id));
  if (scenarios.length === list.length) return { ok: false, reason: `There is no scenario "${id}" in this workflow.` };
  return withSection(wf, { ...section, scenarios });
}

/** A reviewer profile as the editor shows it: three probabilities and the response time in minutes. */
export interface ProfileFields {
  approve: number;
  reject: number;
  timeout: number;
  median: number;
  p90: number;
}

/** What is wrong with a profile, in words; null when the simulator can use it. */
export function reviewerProfileProblem(p: ProfileFields): string | null {
  for (const [name, v] of [['approve', p.approve], ['reject', p.reject], ['timeout', p.timeout]] as const) {
    if (!Number.isFinite(v) || v < 0 || v > 1) return `The ${name} probability must be between 0 and 1.`;
  }
  const sum = p.approve + p.reject + p.timeout;
  if (Math.abs(sum - 1) > SUM_TOLERANCE) return `Approve, reject and timeout must add up to 1; now they add up to ${Math.round(sum * 1000) / 1000}.`;
  if (!Number.isFinite(p.median) || p.median <= 0) return 'The median response time must be more than 0 minutes.';
  if (!Number.isFinite(p.p90) || p.p90 < p.median) return 'The 90th percentile must be at least the median.';
  return null;
}

export function profileFields(p: ReviewerProfile | undefined): ProfileFields {
  return {
    approve: p?.approve ?? 0,
    reject: p?.reject ?? 0,
    timeout: p?.timeout ?? 0,
    median: p?.responseMinutes?.median ?? DEFAULT_PROFILE.median,
    p90: p?.responseMinutes?.p90 ?? DEFAULT_PROFILE.p90,
  };
}

/** A new profile's starting values: most drafts approved, and the simulator's default response times. */
export const DEFAULT_PROFILE: ProfileFields = Object.freeze({ approve: 0.8, reject: 0.15, timeout: 0.05, median: 30, p90: 240 });

/** The key of a reviewer's profile: the one spelled like `name` in any case (as the simulator matches), else `name`. */
export function profileKey(wf: Workflow, name: string): string {
  const reviewers = rawSection(wf).reviewers;
  if (!isObject(reviewers)) return name;
  if (Object.prototype.hasOwnProperty.call(reviewers, name)) return name;
  const wanted = name.trim().toLowerCase();
  return Object.keys(reviewers).find((k) => k.trim().toLowerCase() === wanted) ?? name.trim();
}

/** Sets (or, with null, removes) the profile of a reviewer, matched in any case like the simulator does. */
export function setReviewerProfile(wf: Workflow, name: string, fields: ProfileFields | null): ScenarioEdit {
  if (!name.trim()) return { ok: false, reason: 'A reviewer profile needs the reviewer’s name.' };
  const section = rawSection(wf);
  const key = profileKey(wf, name);
  const reviewers: Raw = isObject(section.reviewers) ? { ...section.reviewers } : {};
  if (fields === null) {
    if (!(key in reviewers)) return { ok: true, workflow: wf };
    delete reviewers[key];
  } else {
    const problem = reviewerProfileProblem(fields);
    if (problem) return { ok: false, reason: problem };
    const old = isObject(reviewers[key]) ? (reviewers[key] as Raw) : {};
    const profile = { ...old, approve: fields.approve, reject: fields.reject, timeout: fields.timeout, responseMinutes: { median: fields.median, p90: fields.p90 } };
    const checked = reviewerProfileSchema.safeParse(profile);
    if (!checked.success) return { ok: false, reason: checked.error.issues[0].message };
    reviewers[key] = profile;
  }
  return withSection(wf, { ...section, reviewers });
}

/** A connector action some step of the workflow calls, as an action fault names it. */
export interface UsedAction {
  /** `"<connectionId>:<action>"`. */
  key: string;
  connection: string;
  action: string;
  /** The steps that call it, in document order. */
  nodeIds: string[];
}

/** Every connector action the workflow's steps call (intakes, integrations, escalations, AI sources and tools), in document order. */
export function actionsUsed(wf: Pick<Workflow, 'nodes'>): UsedAction[] {
  const byKey = new Map<string, UsedAction>();
  for (const node of wf.nodes) {
    for (const { connection, action } of requiredActionsOf(node)) {
      if (!connection || !action) continue;
      const key = `${connection}:${action}`;
      const used = byKey.get(key) ?? { key, connection, action, nodeIds: [] };
      if (!used.nodeIds.includes(node.id)) used.nodeIds.push(node.id);
      byKey.set(key, used);
    }
  }
  return [...byKey.values()];
}

/** The reviewers the workflow's approval steps name (trimmed, first spelling wins), then any other profile. */
export function reviewersOf(wf: Workflow): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    const n = name.trim();
    if (n && !seen.has(n.toLowerCase())) {
      seen.add(n.toLowerCase());
      names.push(n);
    }
  };
  for (const node of wf.nodes) if (node.kind === 'approval') add(node.config.reviewer);
  const reviewers = rawSection(wf).reviewers;
  if (isObject(reviewers)) Object.keys(reviewers).forEach(add);
  return names;
}

/** Sets the workflow's SLA (`simulation.slaMinutes`, minutes above 0), or removes it with null. */
export function setWorkflowSla(wf: Workflow, minutes: number | null): ScenarioEdit {
  const section = rawSection(wf);
  if (minutes === null) {
    if (!('slaMinutes' in section)) return { ok: true, workflow: wf };
    delete section.slaMinutes;
  } else {
    if (!Number.isFinite(minutes) || minutes <= 0) return { ok: false, reason: 'The SLA must be a number of minutes above 0.' };
    if (section.slaMinutes === minutes) return { ok: true, workflow: wf };
    section.slaMinutes = minutes;
  }
  return withSection(wf, section);
}
