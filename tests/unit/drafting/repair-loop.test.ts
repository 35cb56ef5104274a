// The repair loop with a scripted model: what goes back to the model after each reply, when it stops,
// what it returns when the model never gets it right, and how a refusal, a failure or a cancel end it.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { Draft } from '../../../shared/drafting/draft-schema';
import type { ChatMessage } from '../../../shared/drafting/prompt';
import { draftWorkflow, MAX_ROUNDS, type DraftModel, type ModelAnswer } from '../../../shared/drafting/repair-loop';
import type { DraftOutcome, DraftProgress } from '../../../shared/drafting/result';
import { brokenRefundDraft, REFUND_DESCRIPTION, validRefundDraft } from '../../fixtures/drafting/refund-drafts';

/** A model that answers from a script, and remembers what it was asked. */
function scripted(...answers: (Draft | string | ModelAnswer)[]) {
  const asked: ChatMessage[][] = [];
  const model: DraftModel = {
    name: 'scripted-model',
    async ask(messages) {
      asked.push(messages);
      const next = answers.length > 1 ? answers.shift()! : answers[0];
      if (typeof next === 'string') return { ok: true, content: next, truncated: false };
      if ('ok' in next) return next;
      return { ok: true, content: JSON.stringify(next), truncated: false };
    },
  };
  return { model, asked };
}

async function run(model: DraftModel, extra: { signal?: AbortSignal; progress?: DraftProgress[] } = {}): Promise<DraftOutcome> {
  return draftWorkflow(REFUND_DESCRIPTION, model, { id: 'wf-new', signal: extra.signal, onProgress: (p) => extra.progress?.push(p) });
}

function ok(outcome: DraftOutcome): Extract<DraftOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`drafting failed: ${outcome.message}`);
  return outcome;
}

describe('the repair loop', () => {
  it('stops after the first reply when nothing is wrong with it', async () => {
    const { model, asked } = scripted(validRefundDraft());
    const progress: DraftProgress[] = [];
    const result = ok(await run(model, { progress }));
    expect(asked).toHaveLength(1);
    expect(asked[0].map((m) => m.role)).toEqual(['system', 'user']);
    expect(asked[0][0].content).toContain('email.send: Send an email (send, customer-facing, personal data)');
    expect(asked[0][1].content).toContain(REFUND_DESCRIPTION);
    expect(result).toMatchObject({ rounds: 1, insertedGates: [], remaining: [], counts: { error: 0, warn: 0, info: 0 } });
    expect(result.workflow.description).toBe(REFUND_DESCRIPTION);
    expect(result.assumptions).toEqual(validRefundDraft().assumptions);
    expect(progress).toEqual([
      { round: 1, maxRounds: 4, phase: 'asking', fixing: 0 },
      { round: 1, maxRounds: 4, phase: 'checking', fixing: 0 },
    ]);
  });

  it('sends the loader’s and the analysis’s errors back with their paths, and takes the repaired draft', async () => {
    const { model, asked } = scripted(brokenRefundDraft(), validRefundDraft());
    const progress: DraftProgress[] = [];
    const result = ok(await run(model, { progress }));
    expect(asked).toHaveLength(2);
    const [system, user, assistant, feedback] = asked[1];
    expect([system.role, user.role, assistant.role, feedback.role]).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.parse(assistant.content)).toEqual(brokenRefundDraft());
    expect(feedback.content).toContain('- $.steps[2].next[0].to: no step is labelled "Over 50 euro?". Fix: Use one of the labels: "Refund request email"');
    expect(feedback.content).toContain('- $.steps[7] ("Tell the customer") [gate/missing-approval]: "Tell the customer" can send an email (email.send) without anyone approving it first');
    // Errors first; the warnings the broken link causes follow, to fix where the description allows.
    expect(feedback.content.indexOf('Errors (these must be fixed)')).toBeLessThan(feedback.content.indexOf('Warnings'));
    expect(feedback.content).toContain('[graph/unreachable]');
    expect(result).toMatchObject({ rounds: 2, remaining: [], insertedGates: [] });
    expect(progress.filter((p) => p.phase === 'asking')).toEqual([
      { round: 1, maxRounds: 4, phase: 'asking', fixing: 0 },
      { round: 2, maxRounds: 4, phase: 'asking', fixing: 2 },
    ]);
  });

  it('stops after three repair rounds and returns the last draft with what remains, gating the unguarded send itself', async () => {
    const { model, asked } = scripted(brokenRefundDraft());
    const result = ok(await run(model));
    expect(asked).toHaveLength(MAX_ROUNDS);
    expect(result.rounds).toBe(4);
    // The link to the missing step is still missing: said, not hidden.
    expect(result.remaining[0]).toMatchObject({ path: '$.steps[2].next[0].to', severity: 'error', ruleId: null });
    expect(result.counts.error).toBe(1);
    // The send the model never guarded got an approval, with the quick fix, asking the owner.
    expect(result.insertedGates).toEqual(['Tell the customer']);
    const wf = result.workflow;
    const send = wf.nodes.find((n) => n.label === 'Tell the customer')!;
    const gate = wf.nodes.find((n) => n.label === 'Approve: Tell the customer')!;
    expect(gate).toMatchObject({ kind: 'approval', config: { reviewer: 'Owner' } });
    expect(wf.edges.some((e) => e.source === gate.id && e.sourceHandle === 'approved' && e.target === send.id)).toBe(true);
    const findings = analyze(wf).findings;
    expect(findings.filter((f) => f.ruleId === 'gate/missing-approval')).toEqual([]);
    expect(result.remaining.filter((p) => p.ruleId !== null)).toEqual(findings.map((f) => expect.objectContaining({ ruleId: f.ruleId, message: f.message })));
    expect(result.notes).toContain('Added an approval before "Tell the customer", which could act without one: its reviewer is the owner, "Owner", until you change it.');
    // Steps are laid out again after the insertion: none on top of another.
    expect(new Set(wf.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(wf.nodes.length);
  });

  it('keeps the latest draft it could build when a later reply is unreadable', async () => {
    const { model } = scripted(brokenRefundDraft(), 'not json at all');
    const result = ok(await run(model));
    expect(result.rounds).toBe(4);
    expect(result.workflow.nodes.length).toBe(validRefundDraft().steps.length + 1);
  });

  it('fails as unreadable when no reply was ever a draft, listing the last reply’s problems', async () => {
    const { model, asked } = scripted('{"name": "Refunds"}');
    const outcome = await run(model);
    expect(asked).toHaveLength(4);
    expect(outcome).toMatchObject({ ok: false, reason: 'unreadable', rounds: 4, message: 'scripted-model sent no draft Flowgate could read in 4 tries.' });
    expect(!outcome.ok && outcome.problems.map((p) => p.path)).toContain('$.steps');
    expect(asked[1][3].content).toContain('- $.owner: is missing: it must be text');
  });

  it('asks for a shorter draft when a reply was cut off', async () => {
    const text = JSON.stringify(validRefundDraft());
    const { model, asked } = scripted({ ok: true, content: text.slice(0, 500), truncated: true }, validRefundDraft());
    expect(ok(await run(model)).rounds).toBe(2);
    expect(asked[1][3].content).toContain('the reply was cut off before it was complete: send a shorter draft');
  });

  it('ends at once when the model refuses or the server fails', async () => {
    const refusal = scripted({ ok: false, reason: 'refused', message: 'scripted-model declined to draft this: no.' });
    expect(await run(refusal.model)).toEqual({ ok: false, reason: 'refused', message: 'scripted-model declined to draft this: no.', rounds: 1, problems: [] });
    const failure = scripted(brokenRefundDraft(), { ok: false, reason: 'failed', message: 'Cannot reach the AI server.' });
    const outcome = await run(failure.model);
    expect(outcome).toMatchObject({ ok: false, reason: 'failed', rounds: 2 });
    expect(failure.asked).toHaveLength(2);
  });

  it('stops when cancelled, without asking again', async () => {
    const controller = new AbortController();
    const asked: number[] = [];
    const model: DraftModel = {
      name: 'slow',
      async ask() {
        asked.push(1);
        controller.abort();
        return { ok: true, content: JSON.stringify(brokenRefundDraft()), truncated: false };
      },
    };
    expect(await run(model, { signal: controller.signal })).toMatchObject({ ok: false, reason: 'cancelled', rounds: 1 });
    expect(asked).toHaveLength(1);
  });
});
