// An approval: decided by the user up front, the scenario, the reviewer's profile (a draw), or by
// default in a non-interactive run; otherwise the run waits for a person (`decide()` of the engine).
import type { NodeOfKind } from '../../model/schema';
import { keepApproved } from '../approved-content';
import { DEFAULT_RESPONSE_MINUTES } from '../durations';
import { logNormal, type Random } from '../random';
import type { Handle, RunState } from '../run-state';
import type { Decision, ReviewerProfile } from '../scenario';
import { round2 } from '../text';
import type { DecidedBy } from '../trace';
import { lookup } from '../variables';

/** The reviewer profile of a gate's reviewer role (exact name first, then any case), if there is one. */
export function profileOf(all: Readonly<Record<string, ReviewerProfile>> | undefined, reviewer: string): ReviewerProfile | undefined {
  if (!all || !reviewer) return undefined;
  if (Object.prototype.hasOwnProperty.call(all, reviewer)) return all[reviewer];
  const wanted = reviewer.trim().toLowerCase();
  const key = Object.keys(all).find((k) => k.trim().toLowerCase() === wanted);
  return key === undefined ? undefined : all[key];
}

/**
 * What a reviewer with this profile decides, and after how many minutes: a decision drawn from the
 * profile's shares, then a response time. A reviewer slower than the gate's timeout has, in effect,
 * let it time out.
 */
export function profileDecision(random: Random, profile: ReviewerProfile, timeoutHours: number | null): { decision: Decision; minutes: number } {
  const total = profile.approve + profile.reject + profile.timeout;
  const u = random.next() * total;
  let decision: Decision = u < profile.approve ? 'approved' : u < profile.approve + profile.reject ? 'rejected' : 'timeout';
  const minutes = responseMinutes(random, profile);
  if (decision !== 'timeout' && timeoutHours !== null && minutes > timeoutHours * 60) decision = 'timeout';
  return { decision, minutes };
}

export function runApproval(run: RunState, node: NodeOfKind<'approval'>): Handle {
  const { reviewer, timeoutHours } = node.config;
  if (run.recorder.recording) run.recorder.events.push({ type: 'approval.requested', atMs: run.now, nodeId: node.id, reviewer, timeoutHours });
  const user = run.approvalSettings.decisions?.[node.id];
  if (user) return decideApproval(run, node, user, 'user');
  const scripted = run.scenario.decisions[node.id];
  if (scripted) return decideApproval(run, node, scripted, 'scenario');
  const profile = profileOf(run.approvalSettings.reviewers, reviewer);
  if (profile) {
    const { decision, minutes } = profileDecision(run.random, profile, timeoutHours);
    return decideApproval(run, node, decision, 'profile', minutes);
  }
  if (run.approvalSettings.undecided === 'approve') return decideApproval(run, node, 'approved', 'default');
  run.phase = 'approval';
  return null;
}

function responseMinutes(random: Random, profile: ReviewerProfile | undefined): number {
  const r = profile?.responseMinutes ?? DEFAULT_RESPONSE_MINUTES;
  return logNormal(random, r.median, r.p90);
}

/**
 * How long a reviewer who did answer took: a draw from their distribution that falls before the
 * gate's timeout (a few tries, then a time well inside it), since an answer after it would be a timeout.
 */
function responseWithin(random: Random, profile: ReviewerProfile | undefined, limit: number | null): number {
  for (let i = 0; i < 8; i++) {
    const minutes = responseMinutes(random, profile);
    if (limit === null || minutes < limit) return minutes;
  }
  const median = (profile?.responseMinutes ?? DEFAULT_RESPONSE_MINUTES).median;
  return Math.min(median, limit! * 0.9);
}

/**
 * The virtual milliseconds items wait at a gate for `decision` (a response time drawn when `minutes`
 * is not given); null when nobody answered a gate without a timeout, where the item would wait forever.
 */
export function waitedMs(random: Random, decision: Decision, profile: ReviewerProfile | undefined, timeoutHours: number | null, minutes: number | undefined): number | null {
  const limit = timeoutHours === null ? null : timeoutHours * 60;
  let waited: number;
  if (decision === 'timeout') {
    if (limit === null) return null;
    waited = limit;
  } else {
    waited = minutes ?? responseWithin(random, profile, limit);
    if (limit !== null) waited = Math.min(waited, limit);
  }
  return Math.round(waited * 60_000);
}

/** What the reviewer sees: each variable the approval shows with its value now (a copy), null when not set. */
function shownBy(run: RunState, nodeId: string): Record<string, unknown> {
  const index = run.compiled.byId.get(nodeId);
  const names = index === undefined ? [] : run.compiled.nodes[index].shows;
  // fromEntries defines own properties, whatever the names (a "__proto__" stays a plain key).
  return Object.fromEntries(
    names.map((name) => {
      const value = lookup(run.vars, name);
      return [name, value === undefined ? null : structuredClone(value)];
    }),
  );
}

/** Records a decision at the gate, with the time it took, and gives the output it leads to. */
export function decideApproval(
  run: RunState,
  node: NodeOfKind<'approval'>,
  decision: Decision,
  by: DecidedBy,
  minutes?: number,
  edits?: Readonly<Record<string, unknown>>,
): Handle {
  const { reviewer, timeoutHours } = node.config;
  const ms = waitedMs(run.random, decision, profileOf(run.approvalSettings.reviewers, reviewer), timeoutHours, minutes);
  // A batch's fast path replays this draw (tape.ts): only decisions drawn here or by a profile are draws.
  if (run.tape) run.tape.review(run.current, decision, by);
  if (ms === null) {
    run.stopAt(node.id, 'no-timeout', `Nobody answered "${node.label}" and the gate has no timeout, so the item would wait forever.`);
    return null;
  }
  run.now += ms;
  const responseMinutesTaken = round2(ms / 60_000);
  const edited = edits ? Object.keys(edits) : [];
  if (edits && edited.length) {
    // An edited draft replaces the text later steps send by default, not only its variable.
    for (const key of edited) {
      if (run.lastText !== undefined && run.vars[key] === run.lastText && typeof edits[key] === 'string') run.lastText = edits[key] as string;
    }
    run.setVariables(node.id, { ...edits });
  }
  run.recorder.approvals.push({ nodeId: node.id, reviewer, decision, decidedBy: by, responseMinutes: responseMinutesTaken, shown: run.metricsOnly ? {} : shownBy(run, node.id) });
  // The reviewer's own edits are part of what they approve, so what is kept is taken after them.
  if (decision === 'approved') keepApproved(run, node.id);
  if (run.recorder.recording) {
    run.recorder.events.push({ type: 'approval.decided', atMs: run.now, nodeId: node.id, decision, decidedBy: by, responseMinutes: responseMinutesTaken, edited });
  }
  return decision;
}
