// The drafting dialog's store against a scripted backend and a clock the test moves: it reads the
// model in use, starts a draft, follows its rounds, opens the finished draft (or keeps it when the user
// keeps the open document), says when no model is set up, and cancels when asked or dismissed.
import { describe, expect, it } from 'vitest';
import { ApiError, type Api, type Params, type Result } from '../../../shared/api/contract';
import type { DraftResult } from '../../../shared/drafting/result';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { createDrafting, modelOf, POLL_MS } from '../../../renderer/src/drafting/store';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { createSessionStore } from '../../../renderer/src/store/session';
import { createUiStore } from '../../../renderer/src/store/ui';

type Progress = Result<'draft.progress'>;
type AiView = Result<'ai.getSettings'>;

const flush = () => new Promise((r) => setTimeout(r, 0));

function manualClock() {
  let pending: { fn: () => void; ms: number } | null = null;
  return {
    schedule: (fn: () => void, ms: number) => (pending = { fn, ms }),
    unschedule: (h: unknown) => {
      if (pending === h) pending = null;
    },
    get pendingMs() {
      return pending?.ms ?? null;
    },
    async fire() {
      const p = pending;
      pending = null;
      p?.fn();
      await flush();
    },
  };
}

const AI: AiView = {
  provider: 'openai-compatible',
  baseUrl: 'http://localhost:11434/v1',
  model: 'llama3.2',
  timeoutSeconds: 30,
  maxCallsWithoutAsking: 20,
  hasKey: false,
  keyStorage: 'file',
  keyServer: null,
  baseUrlIsLocal: true,
  warnings: [],
};

function result(errors = 0): DraftResult {
  return {
    workflow: { ...blankWorkflow('wf-draft', 'Refund requests'), description: 'When a refund request arrives…' },
    rounds: 2,
    assumptions: ['Small refunds are approved by an agent.'],
    notes: [],
    insertedGates: [],
    remaining: [],
    counts: { error: errors, warn: 0, info: 0 },
  };
}

const usage = { model: 'llama3.2', calls: 1, failed: 0, promptTokens: 1, completionTokens: 1, totalTokens: 2, usageReported: true, estimatedCostUsd: 0 };

function setup(opts: { ai?: AiView; start?: () => Promise<Result<'draft.start'>>; keep?: boolean } = {}) {
  const calls: { method: string; params: unknown }[] = [];
  const progress: Progress[] = [];
  const api = {
    async 'ai.getSettings'() {
      return opts.ai ?? AI;
    },
    async 'draft.start'(p: Params<'draft.start'>) {
      calls.push({ method: 'draft.start', params: p });
      return opts.start ? opts.start() : { draftId: 'd1', model: 'llama3.2', host: 'localhost:11434', local: true };
    },
    async 'draft.progress'(p: Params<'draft.progress'>) {
      calls.push({ method: 'draft.progress', params: p });
      return progress.length > 1 ? progress.shift()! : progress[0];
    },
    async 'draft.cancel'(p: Params<'draft.cancel'>) {
      calls.push({ method: 'draft.cancel', params: p });
      return {};
    },
  } as unknown as Api;
  const ui = createUiStore();
  const session = createSessionStore(createDocumentStore());
  const opened: DraftResult[] = [];
  const clock = manualClock();
  const drafting = createDrafting({
    api,
    ui,
    session,
    schedule: clock.schedule,
    unschedule: clock.unschedule,
    open: async (r) => {
      if (opts.keep) return false;
      opened.push(r);
      session.opened(r.workflow, null, null);
      return true;
    },
  });
  return { drafting, ui, session, calls, progress, opened, clock };
}

const running = (round: number, phase: 'asking' | 'checking' = 'asking'): Progress => ({
  draftId: 'd1',
  state: 'running',
  finished: false,
  progress: { round, maxRounds: 4, phase, fixing: round > 1 ? 2 : 0 },
  aiUsage: usage,
});

describe('the drafting store', () => {
  it('reads the model in use from Settings → AI, or none', () => {
    expect(modelOf(AI)).toEqual({ name: 'llama3.2', host: 'localhost:11434', local: true });
    expect(modelOf({ ...AI, provider: 'mock' })).toBeNull();
    expect(modelOf({ ...AI, model: '  ' })).toBeNull();
  });

  it('starts a draft, follows its rounds, and opens it as a new workflow with its notes', async () => {
    const t = setup();
    void t.drafting.openDialog();
    await flush();
    expect(t.ui.state.dialog?.kind).toBe('draft');
    expect(t.drafting.state.model).toEqual({ name: 'llama3.2', host: 'localhost:11434', local: true });
    t.drafting.setDescription('  When a refund request arrives…  ');
    t.progress.push(running(1), running(2), { draftId: 'd1', state: 'done', finished: true, progress: { round: 2, maxRounds: 4, phase: 'checking', fixing: 2 }, result: result(1), aiUsage: usage });
    expect(await t.drafting.start()).toBe(true);
    expect(t.calls[0]).toEqual({ method: 'draft.start', params: { description: 'When a refund request arrives…' } });
    expect(t.drafting.state.phase).toBe('running');
    expect(t.clock.pendingMs).toBe(POLL_MS);
    await t.clock.fire();
    expect(t.drafting.state.progress).toMatchObject({ round: 1 });
    await t.clock.fire();
    expect(t.drafting.state.progress).toMatchObject({ round: 2, fixing: 2 });
    await t.clock.fire();
    expect(t.opened).toEqual([result(1)]);
    expect(t.drafting.state).toMatchObject({ phase: 'idle', description: '', result: null, notes: { generation: t.session.state.generation, model: 'llama3.2', result: result(1) } });
    // The dialog closed; the Problems panel opened, since an error remains.
    expect(t.ui.state.dialog).toBeNull();
    expect(t.ui.state.problems.open).toBe(true);
    expect(t.clock.pendingMs).toBeNull();
    t.drafting.closeNotes();
    expect(t.drafting.state.notes).toBeNull();
  });

  it('keeps a finished draft when the user keeps the open document, and offers to open it again', async () => {
    const t = setup({ keep: true });
    t.drafting.setDescription('Refunds');
    t.progress.push({ draftId: 'd1', state: 'done', finished: true, progress: null, result: result(), aiUsage: usage });
    await t.drafting.start();
    await t.clock.fire();
    await flush();
    expect(t.drafting.state).toMatchObject({ phase: 'ready', result: result() });
    expect(t.ui.state.dialog?.kind).toBe('draft');
  });

  it('says when no model is set up, and leaves the text as typed', async () => {
    const t = setup({ ai: { ...AI, provider: 'mock' }, start: () => Promise.reject(new ApiError('unavailable', 'Drafting needs a model. In Settings → AI…')) });
    void t.drafting.openDialog();
    await flush();
    expect(t.drafting.state.model).toBeNull();
    t.drafting.setDescription('Refunds');
    expect(await t.drafting.start()).toBe(false);
    expect(t.drafting.state).toMatchObject({ phase: 'failed', needsSetup: true, description: 'Refunds', error: 'Drafting needs a model. In Settings → AI…' });
  });

  it('shows why a draft failed, with the last reply’s problems', async () => {
    const t = setup();
    t.drafting.setDescription('Refunds');
    const problems = [{ path: '$', severity: 'error' as const, ruleId: null, message: 'the reply is not valid JSON' }];
    t.progress.push({ draftId: 'd1', state: 'failed', finished: true, progress: running(4).progress, failure: { reason: 'unreadable', message: 'llama3.2 sent no draft Flowgate could read in 4 tries.', rounds: 4, problems }, aiUsage: usage });
    await t.drafting.start();
    await t.clock.fire();
    expect(t.drafting.state).toMatchObject({ phase: 'failed', error: 'llama3.2 sent no draft Flowgate could read in 4 tries.', problems });
    expect(t.opened).toEqual([]);
  });

  it('cancels the draft when asked, and when the dialog is dismissed while it runs', async () => {
    const t = setup();
    void t.drafting.openDialog();
    await flush();
    t.drafting.setDescription('Refunds');
    t.progress.push(running(1));
    await t.drafting.start();
    t.ui.dismissDialog();
    await flush();
    expect(t.calls.filter((c) => c.method === 'draft.cancel')).toEqual([{ method: 'draft.cancel', params: { draftId: 'd1' } }]);
    expect(t.drafting.state.phase).toBe('cancelling');
    t.progress.splice(0, t.progress.length, { draftId: 'd1', state: 'cancelled', finished: true, progress: running(1).progress, failure: { reason: 'cancelled', message: 'Drafting was cancelled.', rounds: 1, problems: [] }, aiUsage: usage });
    await t.clock.fire();
    expect(t.drafting.state).toMatchObject({ phase: 'cancelled', error: null });
  });

  it('does not start without a description, or twice', async () => {
    const t = setup();
    expect(await t.drafting.start()).toBe(false);
    t.drafting.setDescription('Refunds');
    t.progress.push(running(1));
    expect(await t.drafting.start()).toBe(true);
    expect(await t.drafting.start()).toBe(false);
    expect(t.calls.filter((c) => c.method === 'draft.start')).toHaveLength(1);
  });
});
