// The Simulation panel's store against the real backend (in-process, through the contract's dispatch):
// start a run, replay it on a controlled clock (play, pause, step, speed, breakpoints), decide at the
// approval and replay the continuation, reopen a saved run, and start afresh for another document.
import { describe, expect, it } from 'vitest';
import { createApi, unwrap } from '../../../renderer/src/client/transport';
import { dispatch } from '../../../shared/api/dispatch';
import type { Workflow } from '../../../shared/model/schema';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { createSessionStore } from '../../../renderer/src/store/session';
import { createUiStore } from '../../../renderer/src/store/ui';
import { BASE_STEP_MS } from '../../../renderer/src/simulation/replay';
import { createSimulation } from '../../../renderer/src/simulation/store';
import type { BackendOptions } from '../../../electron/backend/types';
import { describeEvent } from '../../../renderer/src/simulation/describe';
import { simBackend, supportTemplate, withoutGrant } from '../../backend/simulation-helpers';

/** A clock the test moves by hand: the pending timer and the delay it asked for. */
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
    /** Fires the pending timer; false when none is armed. */
    fire(): boolean {
      const p = pending;
      pending = null;
      p?.fn();
      return p !== null;
    },
    /** Fires timers until none is armed (the replay paused or reached the end). */
    runOut(): number {
      let n = 0;
      while (this.fire()) n++;
      return n;
    },
  };
}

async function setup(document: Workflow = supportTemplate(), backend: Partial<BackendOptions> = {}) {
  const t = await simBackend(backend);
  const api = createApi(async (method, params) => unwrap(await dispatch(t.backend, method, params), method));
  const doc = createDocumentStore();
  const session = createSessionStore(doc);
  const ui = createUiStore();
  const clock = manualClock();
  const revealed: string[] = [];
  const sim = createSimulation({ api, doc, session, ui, schedule: clock.schedule, unschedule: clock.unschedule, reveal: (id) => revealed.push(id), pollWaitMs: 20 });
  doc.load(document);
  session.opened(document, null, null);
  return { t, api, doc, session, ui, clock, sim, revealed };
}

const current = (sim: ReturnType<typeof createSimulation>) => [...sim.state.nodes].find(([, n]) => n.state === 'current')?.[0] ?? null;

describe('the simulation store', () => {
  it('replays a run up to the approval it waits at, then replays the continuation after approving', async () => {
    const { sim, clock, doc, revealed } = await setup();
    await sim.start({ document: doc.workflow!, scenarioId: 'happy', approvals: 'ask' });
    const s = sim.state;
    expect(s.shown).toMatchObject({ kind: 'live', status: 'waiting', waiting: { nodeId: 'n8' } });
    expect(s.cursor).toBe(0);
    expect(s.playing).toBe(true);
    expect(clock.pendingMs).toBe(BASE_STEP_MS);
    // Before the first step every step is idle (none is in the map).
    expect(s.nodes.size).toBe(0);

    clock.fire();
    expect(current(sim)).toBe('n1');
    expect(clock.runOut()).toBe(5);
    expect(sim.state.cursor).toBe(sim.state.frames.length);
    expect(sim.state.playing).toBe(false);
    expect(sim.state.nodes.get('n8')).toMatchObject({ state: 'current', waiting: true });
    expect(sim.state.edges.get('e11')).toBe('last');
    // Where the replay stops for the user, the canvas shows the step.
    expect(revealed).toEqual(['n8']);

    await sim.decide('approved');
    expect(sim.state.shown).toMatchObject({ status: 'done', waiting: null });
    // The replay goes on from where it was, not from the start.
    expect(sim.state.cursor).toBe(6);
    expect(sim.state.playing).toBe(true);
    clock.runOut();
    expect(current(sim)).toBe('n11');
    expect(revealed).toEqual(['n8', 'n11']);
    expect(sim.state.shown!.trace.outbox).toHaveLength(1);
    expect(sim.state.edges.get('e19')).toBe('last');
    // The finished run is listed in the history.
    await expect.poll(() => sim.state.history.map((r) => r.id)).toEqual([sim.state.shown!.runId]);
  });

  it('pauses at a breakpoint, steps on, and follows the speed', async () => {
    const { sim, clock, doc, revealed } = await setup();
    sim.toggleBreakpoint('n6');
    await sim.start({ document: doc.workflow!, scenarioId: 'happy' });
    expect(sim.state.shown!.status).toBe('done');
    clock.runOut();
    expect(current(sim)).toBe('n6');
    expect(sim.state.pausedAt).toBe('n6');
    expect(sim.state.playing).toBe(false);
    expect(sim.state.nodes.get('n6')).toMatchObject({ breakpoint: true, state: 'current' });
    expect(revealed).toEqual(['n6']);
    // Paused on entry: nothing the step did is shown yet, so its way out is not marked.
    expect(sim.state.atEntry).toBe(true);
    const events = sim.state.shown!.trace.events;
    const frame = sim.state.frames[sim.state.cursor - 1];
    expect(events[frame.start]).toMatchObject({ type: 'step.entered', nodeId: 'n6' });
    expect(sim.state.edges.get('e8')).toBeUndefined();
    expect(sim.state.edges.get('e6')).toBe('last');

    // One step runs the paused step (its events, its way out); the next enters the following step.
    sim.step();
    expect(current(sim)).toBe('n6');
    expect(sim.state.atEntry).toBe(false);
    expect(sim.state.pausedAt).toBeNull();
    expect(sim.state.edges.get('e8')).toBe('last');
    sim.step();
    expect(current(sim)).toBe('n7');
    expect(clock.pendingMs).toBeNull();
    sim.setSpeed(4);
    sim.play();
    expect(clock.pendingMs).toBe(BASE_STEP_MS / 4);
    sim.setSpeed(0.5);
    expect(clock.pendingMs).toBe(BASE_STEP_MS * 2);
    sim.pause();
    expect(clock.pendingMs).toBeNull();
    sim.toEnd();
    expect(current(sim)).toBe('n11');
    sim.restart();
    expect(sim.state.cursor).toBe(0);
    expect(current(sim)).toBeNull();
    // Playing from the end starts over.
    sim.toEnd();
    sim.play();
    expect(sim.state.cursor).toBe(0);
    expect(clock.pendingMs).not.toBeNull();
  });

  it('jumps to a clicked event and selects its step without leaving the Simulation tab', async () => {
    const { sim, doc, ui, revealed } = await setup();
    await sim.start({ document: doc.workflow!, scenarioId: 'happy' });
    ui.setTab('simulation');
    const index = sim.state.shown!.trace.events.findIndex((e) => e.type === 'approval.decided');
    sim.jumpToEvent(index);
    expect(current(sim)).toBe('n8');
    sim.focusNode('n8');
    expect([...ui.state.selectedNodes]).toEqual(['n8']);
    expect(ui.state.tab).toBe('simulation');
    expect(revealed).toEqual(['n8']);
    sim.focusNode('no-such-step');
    expect(revealed).toEqual(['n8']);
  });

  it('shows a denied call and the error path, and reopens a saved run from the history', async () => {
    const { sim, clock, doc } = await setup(withoutGrant(supportTemplate(), 'helpdesk', 'tickets.reply'));
    await sim.start({ document: doc.workflow!, scenarioId: 'happy', approvals: 'ask' });
    clock.runOut();
    await sim.decide('approved', { note: 'Fine.' });
    clock.runOut();
    const run = sim.state.shown!;
    expect(run.trace.outcome).toBe('escalated');
    expect(sim.state.nodes.get('n9')).toMatchObject({ error: true });
    expect(current(sim)).toBe('n16');
    await expect.poll(() => sim.state.history.length).toBe(1);

    sim.clear();
    expect(sim.state.shown).toBeNull();
    expect(sim.state.nodes.size).toBe(0);
    await sim.reopen(run.runId);
    expect(sim.state.shown).toMatchObject({ kind: 'saved', runId: run.runId, status: 'done' });
    expect(sim.state.shown!.trace).toEqual(run.trace);
    expect(sim.state.cursor).toBe(0);
    expect(sim.state.playing).toBe(true);
    clock.runOut();
    expect(current(sim)).toBe('n16');

    await sim.deleteRun(run.runId);
    expect(sim.state.shown).toBeNull();
    expect(sim.state.history).toEqual([]);
  });

  it('quotes the reviewer’s note and the edited draft in the timeline', async () => {
    const { sim, clock, doc } = await setup();
    await sim.start({ document: doc.workflow!, scenarioId: 'happy', approvals: 'ask' });
    clock.runOut();
    await sim.decide('approved', { note: 'Softer tone, please.', editedDraft: 'Hi Maria,\n\nHere is a new link.' });
    const trace = sim.state.shown!.trace;
    const index = trace.events.findIndex((e) => e.type === 'approval.decided');
    const line = describeEvent(trace.events[index], trace, index);
    expect(line.title).toBe('Approved by you');
    // What the reviewer was shown comes last: the approval's list (the support template's default).
    expect(line.detail).toMatch(/^after .+, with a note, draft edited, shown ticketId, draft, category$/);
    expect(line.quotes).toEqual([
      { variable: 'reviewNote', label: 'Note', text: 'Softer tone, please.' },
      { variable: 'draft', label: 'Edited draft', text: 'Hi Maria,\n\nHere is a new link.' },
    ]);
    // Without the index, the event is looked up in the trace.
    expect(describeEvent(trace.events[index], trace)).toEqual(line);
  });

  it('says it waits for the AI server, with the request timeout, and that a stopped run stopped', async () => {
    const hanging = { name: 'slow-model', run: () => new Promise<never>(() => {}) };
    const { sim, doc, api } = await setup(supportTemplate(), { aiProviderFor: () => hanging });
    await sim.start({ document: doc.workflow!, scenarioId: 'happy' });
    expect(sim.state.shown!.status).toBe('running');
    const { timeoutSeconds } = await api['ai.getSettings']({});
    await expect.poll(() => sim.state.aiTimeoutSeconds).toBe(timeoutSeconds);
    const runId = sim.state.shown!.runId;

    await sim.stop();
    expect(sim.state.shown).toBeNull();
    expect(sim.state.notice).toBe('stopped');
    await expect.poll(() => api['sim.get']({ runId }).then(() => 'alive', (e: { code?: string }) => e.code)).toBe('not-found');
    // The next run clears the message.
    await sim.start({ document: doc.workflow!, scenarioId: 'nope' });
    expect(sim.state.notice).toBeNull();
  });

  it('says why a run cannot start, and keeps what was shown before', async () => {
    const { sim, doc } = await setup();
    await sim.start({ document: doc.workflow!, scenarioId: 'nope' });
    expect(sim.state.error).toMatch(/no scenario "nope"/);
    expect(sim.state.busy).toBeNull();
    expect(sim.state.shown).toBeNull();
  });

  it('another document starts afresh, and the run left waiting is cancelled in the backend', async () => {
    const { sim, doc, session, api } = await setup();
    sim.toggleBreakpoint('n3');
    sim.setSpeed(2);
    await sim.start({ document: doc.workflow!, scenarioId: 'happy', approvals: 'ask' });
    const runId = sim.state.shown!.runId;
    const other = { ...supportTemplate(), id: 'other' };
    doc.load(other);
    session.opened(other, null, null);
    expect(sim.state.shown).toBeNull();
    expect(sim.state.breakpoints.size).toBe(0);
    expect(sim.state.speed).toBe(2);
    await expect.poll(() => api['sim.get']({ runId }).then(() => 'alive', (e: { code?: string }) => e.code)).toBe('not-found');
  });
});

describe('the run on the canvas', () => {
  it('is cleared while another panel than the run is shown, and comes back with it', async () => {
    const { sim, clock, doc } = await setup();
    await sim.start({ document: doc.workflow!, scenarioId: 'happy', approvals: 'ask' });
    clock.runOut();
    expect(current(sim)).toBe('n8');
    expect(sim.state.edges.size).toBeGreaterThan(0);
    sim.setOverlay(false);
    expect(sim.state.nodes.size).toBe(0);
    expect(sim.state.edges.size).toBe(0);
    // The run itself is still there, where it was.
    expect(sim.state.shown?.status).toBe('waiting');
    sim.setOverlay(true);
    expect(current(sim)).toBe('n8');
    expect(sim.state.edges.size).toBeGreaterThan(0);
  });

  it('tells a click on an entry of a deleted step that the step is gone, instead of doing nothing', async () => {
    const { sim, doc, ui } = await setup();
    await sim.start({ document: doc.workflow!, scenarioId: 'happy', approvals: 'ask' });
    const wf = doc.workflow!;
    doc.commit({ ...wf, nodes: wf.nodes.filter((n) => n.id !== 'n7'), edges: wf.edges.filter((e) => e.source !== 'n7' && e.target !== 'n7') });
    expect(sim.focusNode('n7')).toBe(false);
    expect(ui.state.toasts.at(-1)).toMatchObject({ tone: 'info', text: expect.stringMatching(/^“Draft reply” is no longer in the workflow: it was deleted after this run\./) });
    expect(ui.state.selectedNodes.size).toBe(0);
    expect(sim.focusNode('n6')).toBe(true);
    expect([...ui.state.selectedNodes]).toEqual(['n6']);
  });
});
