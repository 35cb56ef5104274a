// What a log says about the numbers a simulation needs, written into the workflow's `simulation`
// section: per reviewer role the shares of approve / reject / timeout and the response time (median,
// p90); per AI step, integration and decision the share of each output; per step its duration.
// Batches read reviewer profiles today; `handles` and `durations` are there for them to follow
// (docs/CONFORMANCE.md, "Calibration"). Entries for steps and reviewers the log says nothing about
// are kept as they were.
import { DECISIONS, parseSimulationSection, type Decision, type ReviewerProfile } from '../simulation/scenario';
import type { Workflow } from '../model/schema';
import { eventMinutes, type Conformance } from './conform';
import { fitCutLogNormal } from './lognormal';
import { round, spreadOf } from './stats';

/** Steps whose outputs get shares: the ones whose way out the world decides (approvals have reviewer profiles). */
const HANDLE_KINDS = new Set(['ai', 'integration', 'decision']);

/** Response times must be above 0 in a profile: an instant answer is written as 0.01 minutes (under a second). */
const MIN_RESPONSE_MINUTES = 0.01;

export interface Calibration {
  reviewers: Record<string, ReviewerProfile>;
  handles: Record<string, Record<string, number>>;
  durations: Record<string, { median: number; p90: number }>;
  source: { log: string; cases: number; events: number };
  /** How many observations each number rests on: reviewer role or node id → count. */
  observations: Record<string, number>;
  /** What could not be calibrated, in words (an approval that names no reviewer…). */
  notes: string[];
}

/** Shares that add up to exactly 1 after rounding to four decimals (the largest absorbs the rounding). */
function shares(counts: Record<string, number>): Record<string, number> {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  let largest: string | null = null;
  for (const [key, n] of Object.entries(counts)) {
    out[key] = round(n / total, 4);
    if (largest === null || n > counts[largest]) largest = key;
  }
  if (largest !== null) {
    const sum = Object.values(out).reduce((a, b) => a + b, 0);
    out[largest] = round(out[largest] + (1 - sum), 4);
  }
  return out;
}

/** The timeout most of a role's decisions were made under (gates of one role may differ). */
function mostCommon(cuts: Map<number | null, number>): number | null {
  let best: number | null = null;
  let most = -1;
  for (const [cut, n] of cuts) {
    if (n > most) {
      best = cut;
      most = n;
    }
  }
  return best;
}

export function calibrationOf(wf: Workflow, conformance: Conformance, logName: string): Calibration {
  const { model, replays, result } = conformance;
  const notes: string[] = [];
  const observations: Record<string, number> = {};

  // Reviewer decisions: approvals the log recorded, left by the output the replay found (or the log's outcome).
  const byRole = new Map<string, { role: string; decisions: Record<Decision, number>; minutes: number[]; cuts: Map<number | null, number> }>();
  const handleCounts = model.nodes.map(() => new Map<string, number>());
  for (const r of replays) {
    for (const step of r.path) {
      const node = model.nodes[step.node];
      if (step.handle === null) continue;
      if (HANDLE_KINDS.has(node.kind)) handleCounts[step.node].set(step.handle, (handleCounts[step.node].get(step.handle) ?? 0) + 1);
      if (node.kind !== 'approval' || step.event === null) continue;
      const role = node.config.reviewer.trim();
      if (!role) continue;
      const key = role.toLowerCase();
      let entry = byRole.get(key);
      if (!entry) {
        entry = { role, decisions: { approved: 0, rejected: 0, timeout: 0 }, minutes: [], cuts: new Map() };
        byRole.set(key, entry);
      }
      const cut = node.config.timeoutHours === null ? null : node.config.timeoutHours * 60;
      entry.cuts.set(cut, (entry.cuts.get(cut) ?? 0) + 1);
      const decision = step.handle as Decision;
      if (!(DECISIONS as readonly string[]).includes(decision)) continue;
      entry.decisions[decision]++;
      // A timeout's time is the gate's, not the reviewer's: only answers say how fast reviewers are.
      const minutes = decision === 'timeout' ? null : eventMinutes(r.events, step.event);
      if (minutes !== null) entry.minutes.push(minutes);
    }
  }
  for (const node of model.nodes) {
    if (node.kind === 'approval' && !node.config.reviewer.trim() && result.durations[node.id]) {
      notes.push(`"${node.label || node.id}" names no reviewer, so its decisions are not written to a reviewer profile.`);
    }
  }

  const reviewers: Record<string, ReviewerProfile> = {};
  for (const { role, decisions, minutes, cuts } of byRole.values()) {
    const total = decisions.approved + decisions.rejected + decisions.timeout;
    if (!total) continue;
    // A batch turns an answer drawn after the gate's timeout into a timeout. The log's answers all came
    // in time, so their times are those of a log-normal cut at the timeout: the profile gets the uncut
    // one, and shares that give, after that turning, the log's shares (docs/CONFORMANCE.md).
    let beyond = 0;
    let responseMinutes: ReviewerProfile['responseMinutes'];
    if (minutes.length) {
      const spread = spreadOf(minutes);
      const fit = fitCutLogNormal(Math.max(MIN_RESPONSE_MINUTES, spread.median), Math.max(MIN_RESPONSE_MINUTES, spread.p90), mostCommon(cuts));
      beyond = fit.beyond;
      const median = round(Math.max(MIN_RESPONSE_MINUTES, fit.median), 2);
      responseMinutes = { median, p90: Math.max(median, round(fit.p90, 2)) };
    }
    const approve = decisions.approved / total / (1 - beyond);
    const reject = decisions.rejected / total / (1 - beyond);
    const s = shares({ approve, reject, timeout: Math.max(0, 1 - approve - reject) });
    const profile: ReviewerProfile = { approve: s.approve, reject: s.reject, timeout: s.timeout };
    if (responseMinutes) profile.responseMinutes = responseMinutes;
    reviewers[role] = profile;
    observations[role] = total;
  }

  const handles: Record<string, Record<string, number>> = {};
  model.nodes.forEach((node, v) => {
    const counts = handleCounts[v];
    if (!counts.size) return;
    // Every output of the step, so that 0 says "never" rather than "not known".
    const all: Record<string, number> = {};
    for (const h of model.handles[v]) all[h] = counts.get(h) ?? 0;
    handles[node.id] = shares(all);
    observations[node.id] = [...counts.values()].reduce((a, b) => a + b, 0);
  });

  const durations: Record<string, { median: number; p90: number }> = {};
  for (const [nodeId, spread] of Object.entries(result.durations)) {
    const v = model.indexOf.get(nodeId);
    if (v === undefined || model.nodes[v].kind === 'approval') continue; // approvals take their reviewer's time
    durations[nodeId] = { median: spread.median, p90: spread.p90 };
    observations[nodeId] ??= spread.count;
  }

  return { reviewers, handles, durations, source: { log: logName, cases: result.cases, events: result.events }, observations, notes };
}

/**
 * The workflow with the calibration written into its `simulation` section; everything else, and
 * every entry the calibration does not replace, stays as it was. Throws SimulationSpecError when the
 * existing section is not valid (nothing is written over a section Flowgate cannot read).
 */
export function applyCalibration(wf: Workflow, calibration: Calibration): Workflow {
  parseSimulationSection(wf.simulation);
  const section = { ...(wf.simulation ?? {}) } as Record<string, unknown>;
  const existingReviewers = (section.reviewers ?? {}) as Record<string, Record<string, unknown>>;
  const reviewers: Record<string, unknown> = { ...existingReviewers };
  for (const [role, profile] of Object.entries(calibration.reviewers)) {
    // The engine finds a profile by role without regard to case: replace the entry it would use.
    const key = Object.keys(existingReviewers).find((k) => k.trim().toLowerCase() === role.toLowerCase()) ?? role;
    const { responseMinutes: _old, ...kept } = existingReviewers[key] ?? {};
    reviewers[key] = { ...kept, ...profile };
  }
  section.reviewers = reviewers;
  section.handles = { ...((section.handles ?? {}) as object), ...calibration.handles };
  section.durations = { ...((section.durations ?? {}) as object), ...calibration.durations };
  section.calibration = calibration.source;
  const next = { ...wf, simulation: section };
  parseSimulationSection(next.simulation);
  return next;
}
