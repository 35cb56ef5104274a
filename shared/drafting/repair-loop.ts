// Drafting a workflow from a description, never trusting the model blindly: each reply is read as a
// draft, turned into a workflow, loaded and analysed; when that finds errors, they go back to the
// model with their JSON paths and messages, for at most MAX_REPAIR_ROUNDS rounds. Whatever remains
// is returned with the draft, never hidden. Sensitive steps still left without an approval get one
// inserted with the analysis's own quick fix. The model call is passed in (the backend's drafting
// client, or a test's), so this stays pure.
import { analyze } from '../analysis/analyze';
import { fixesFor } from '../analysis/fixes';
import { autoLayout } from '../model/auto-layout';
import { moveNodes } from '../model/edits/graph';
import type { Workflow } from '../model/schema';
import type { Finding } from '../analysis/types';
import { feedbackMessage, findingProblem } from './feedback';
import { errorsIn, loadProblem, type DraftProblem } from './problems';
import { firstMessages, repairMessages, type ChatMessage } from './prompt';
import { readDraft } from './read-draft';
import type { DraftOutcome, DraftProgress } from './result';
import { draftToWorkflow, type DraftOrigin } from './to-workflow';
import { assumptionsOf, gateNote, grantsNote, modelNote } from './summary';

export const MAX_REPAIR_ROUNDS = 3;
export const MAX_ROUNDS = 1 + MAX_REPAIR_ROUNDS;

/** The model's answer to one request. */
export type ModelAnswer =
  | { ok: true; content: string; /** The reply hit the length limit before it was complete. */ truncated: boolean }
  | { ok: false; reason: 'refused' | 'failed' | 'cancelled'; message: string };

/** A model that drafts: the backend's OpenAI-compatible client, or a test's script. */
export interface DraftModel {
  readonly name: string;
  ask(messages: ChatMessage[], signal?: AbortSignal): Promise<ModelAnswer>;
}

export interface DraftOptions {
  /** The new workflow's id. */
  id: string;
  signal?: AbortSignal;
  onProgress?(progress: DraftProgress): void;
}

interface Checked {
  problems: DraftProblem[];
  /** Absent when the reply could not be turned into a workflow at all. */
  draft?: { workflow: Workflow; origin: DraftOrigin; loadProblems: DraftProblem[]; notes: string[]; assumptions: string[] };
}

function check(content: string, truncated: boolean, description: string, id: string): Checked {
  const reading = readDraft(content);
  if (!reading.ok) {
    const cut = truncated ? [loadProblem('$', 'the reply was cut off before it was complete: send a shorter draft (fewer, simpler steps)')] : [];
    return { problems: [...cut, ...reading.problems] };
  }
  const conversion = draftToWorkflow(reading.draft, { id, description });
  if (!conversion.ok) return { problems: conversion.problems };
  const findings = analyze(conversion.workflow).findings.map((f) => findingProblem(f, conversion.origin));
  return {
    problems: [...conversion.problems, ...findings],
    draft: {
      workflow: conversion.workflow,
      origin: conversion.origin,
      loadProblems: conversion.problems,
      notes: conversion.notes,
      assumptions: assumptionsOf(reading.draft),
    },
  };
}

/** The reply as sent back in a repair round: the model's own text, cut to a size worth sending. */
const MAX_RESENT_CHARS = 120_000;

export async function draftWorkflow(description: string, model: DraftModel, options: DraftOptions): Promise<DraftOutcome> {
  const { signal } = options;
  const cancelled = (rounds: number): DraftOutcome => ({ ok: false, reason: 'cancelled', message: 'Drafting was cancelled.', rounds, problems: [] });
  let last: Checked | null = null;
  let lastReply = '';
  let best: Checked['draft'] | undefined;
  let rounds = 0;

  while (rounds < MAX_ROUNDS) {
    if (signal?.aborted) return cancelled(rounds);
    const fixing = last ? errorsIn(last.problems).length : 0;
    rounds++;
    options.onProgress?.({ round: rounds, maxRounds: MAX_ROUNDS, phase: 'asking', fixing });
    const messages = last ? repairMessages(description, lastReply, feedbackMessage(last.problems, last.draft?.workflow ?? null)) : firstMessages(description);
    const answer = await model.ask(messages, signal);
    if (signal?.aborted) return cancelled(rounds);
    if (!answer.ok) return { ok: false, reason: answer.reason, message: answer.message, rounds, problems: last?.problems ?? [] };
    options.onProgress?.({ round: rounds, maxRounds: MAX_ROUNDS, phase: 'checking', fixing });
    last = check(answer.content, answer.truncated, description, options.id);
    lastReply = answer.content.slice(0, MAX_RESENT_CHARS);
    // The latest draft that could be built is the one kept: each round starts from the one before.
    if (last.draft) best = last.draft;
    if (!errorsIn(last.problems).length) break;
  }

  if (!best) {
    return {
      ok: false,
      reason: 'unreadable',
      message: `${model.name} sent no draft Flowgate could read in ${rounds} ${rounds === 1 ? 'try' : 'tries'}.`,
      rounds,
      problems: last?.problems ?? [],
    };
  }
  return { ok: true, ...finish(best), rounds };
}

/** Inserts the approvals still missing, lays the steps out, and says what remains. */
function finish(draft: NonNullable<Checked['draft']>) {
  let wf = draft.workflow;
  const inserted: string[] = [];
  // Each insertion changes the graph, so the analysis runs again; one gate per step at most.
  for (let i = 0; i < draft.workflow.nodes.length; i++) {
    const missing = analyze(wf).findings.filter((f) => f.ruleId === 'gate/missing-approval' && f.nodeId !== undefined);
    const fix = missing.map((f) => ({ f, fix: fixesFor(wf, f)[0] })).find((x) => x.fix);
    if (!fix) break;
    const next = fix.fix.apply(wf);
    if (next === wf) break;
    const label = wf.nodes.find((n) => n.id === fix.f.nodeId)?.label ?? fix.f.nodeId!;
    wf = assignReviewer(wf, next, inserted, label);
  }
  wf = moveNodes(wf, autoLayout(wf, new Map()));
  const analysis = analyze(wf);
  const remaining = [...draft.loadProblems, ...analysis.findings.map((f: Finding) => findingProblem(f, draft.origin))];
  const counts = { error: 0, warn: 0, info: 0 };
  for (const p of remaining) counts[p.severity]++;
  const notes = [modelNote(wf), grantsNote(wf), ...inserted.map((label) => gateNote(label, wf.owner)), ...draft.notes].filter((n): n is string => !!n);
  return { workflow: wf, assumptions: draft.assumptions, notes, insertedGates: inserted, remaining, counts };
}

/**
 * The quick fix leaves the new gate's reviewer empty (only the user knows who it is). A draft has an
 * owner who described the process, so the gate asks them until the user says otherwise; the summary
 * says so.
 */
function assignReviewer(before: Workflow, after: Workflow, inserted: string[], label: string): Workflow {
  const known = new Set(before.nodes.map((n) => n.id));
  inserted.push(label);
  const owner = after.owner.trim();
  if (!owner) return after;
  return {
    ...after,
    nodes: after.nodes.map((n) => (!known.has(n.id) && n.kind === 'approval' ? ({ ...n, config: { ...n.config, reviewer: owner } } as typeof n) : n)),
  };
}
