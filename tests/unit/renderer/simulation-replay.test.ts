// The replay's pure logic: frames of a trace, the cursor and breakpoints, speed, what each step and
// link shows at a cursor (with unchanged steps keeping their state object), and the timeline's words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { RESOURCES_DIR } from '../../../cli/repo';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { simulateScenario } from '../../../shared/simulation/simulate';
import type { Trace } from '../../../shared/simulation/trace';
import { clockText, describeEvent } from '../../../renderer/src/simulation/describe';
import { eventNames } from '../../../renderer/src/simulation/event-names';
import { setBranchLabel } from '../../../shared/model/edits/branches';
import {
  advance,
  BASE_STEP_MS,
  frameOfEvent,
  framesOf,
  IDLE_SIM,
  nodeSims,
  replayAtEnd,
  shownEventCount,
  stepInterval,
  takenEdges,
  type ReplayInput,
} from '../../../renderer/src/simulation/replay';

const SUPPORT: Workflow = loadWorkflow(readFileSync(join(RESOURCES_DIR, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')).workflow;
const data = loadSampleData();
const trace = (scenarioId: string, wf: Workflow = SUPPORT): Trace => simulateScenario(wf, data, { scenarioId });
const happy = trace('happy');
const input = (t: Trace | null, cursor: number, more: Partial<ReplayInput> = {}): ReplayInput => ({
  trace: t,
  frames: t ? framesOf(t.events) : [],
  cursor,
  breakpoints: new Set(),
  waitingAt: null,
  ...more,
});

describe('frames', () => {
  it('cut the events at each step entered, in the order of the path, covering every event once', () => {
    const frames = framesOf(happy.events);
    expect(frames.map((f) => f.nodeId)).toEqual(happy.path.map((p) => p.nodeId));
    expect(frames[0].start).toBe(0);
    frames.slice(1).forEach((f, i) => expect(f.start).toBe(frames[i].end));
    expect(frames.at(-1)!.end).toBe(happy.events.length);
    expect(shownEventCount(frames, 0)).toBe(0);
    expect(shownEventCount(frames, 2)).toBe(frames[1].end);
    expect(shownEventCount(frames, 99)).toBe(happy.events.length);
  });

  it('show the events of a run that stopped before any step', () => {
    const none = { ...SUPPORT, nodes: SUPPORT.nodes.filter((n) => n.kind !== 'intake') };
    const t = trace('happy', none);
    expect(t.stopCode).toBe('no-intake');
    expect(framesOf(t.events)).toEqual([{ nodeId: null, start: 0, end: 1 }]);
  });

  it('find the step of an event', () => {
    const frames = framesOf(happy.events);
    expect(frameOfEvent(frames, 0)).toBe(1);
    expect(frameOfEvent(frames, frames[3].start + 1)).toBe(4);
    expect(frameOfEvent(frames, happy.events.length - 1)).toBe(frames.length);
  });
});

describe('the cursor', () => {
  it('moves one step at a time and says when it enters a step with a breakpoint', () => {
    const frames = framesOf(happy.events);
    const breakpoints = new Set(['n8']);
    const seen: (string | null)[] = [];
    let cursor = 0;
    let atEntry = false;
    while (!replayAtEnd(frames, cursor, atEntry)) {
      const next = advance(frames, cursor, breakpoints, atEntry);
      seen.push(next.atBreakpoint);
      ({ cursor, atEntry } = next);
    }
    // One extra move: the step with the breakpoint is entered first, and runs on the next move.
    expect(seen).toHaveLength(frames.length + 1);
    expect(seen.indexOf('n8')).toBe(happy.path.findIndex((p) => p.nodeId === 'n8'));
    expect(seen.filter((s) => s !== null)).toEqual(['n8']);
    expect(advance(frames, frames.length, breakpoints)).toEqual({ cursor: frames.length, atEntry: false, atBreakpoint: null });
  });

  it('pauses at a breakpoint on entry: the step is current, none of its own events are shown yet', () => {
    const frames = framesOf(happy.events);
    const at = happy.path.findIndex((p) => p.nodeId === 'n6');
    const paused = advance(frames, at, new Set(['n6']));
    expect(paused).toEqual({ cursor: at + 1, atEntry: true, atBreakpoint: 'n6' });
    const frame = frames[at];
    expect(shownEventCount(frames, paused.cursor, true)).toBe(frame.start + 1);
    expect(happy.events[frame.start]).toMatchObject({ type: 'step.entered', nodeId: 'n6' });
    expect(replayAtEnd(frames, paused.cursor, true)).toBe(false);

    const onEntry = input(happy, paused.cursor, { atEntry: true });
    expect(nodeSims(onEntry, new Map()).get('n6')).toMatchObject({ state: 'current', visits: 1 });
    // The link out of the paused step is not taken yet; the one into it is.
    const leaving = happy.path.find((p) => p.nodeId === 'n6')!;
    const into = SUPPORT.edges.find((e) => e.target === 'n6')!;
    const out = SUPPORT.edges.find((e) => e.source === 'n6' && e.sourceHandle === leaving.handle)!;
    expect(takenEdges(onEntry, SUPPORT.edges).get(into.id)).toBe('last');
    expect(takenEdges(onEntry, SUPPORT.edges).has(out.id)).toBe(false);

    // The next move runs the step: same cursor, its events shown, and no second pause there.
    const ran = advance(frames, paused.cursor, new Set(['n6']), true);
    expect(ran).toEqual({ cursor: at + 1, atEntry: false, atBreakpoint: null });
    expect(shownEventCount(frames, ran.cursor, ran.atEntry)).toBe(frame.end);
    expect(takenEdges(input(happy, ran.cursor), SUPPORT.edges).get(out.id)).toBe('last');
  });

  it('waits longer at lower speeds', () => {
    expect(stepInterval(1)).toBe(BASE_STEP_MS);
    expect(stepInterval(2)).toBe(BASE_STEP_MS / 2);
    expect(stepInterval(0.5)).toBe(BASE_STEP_MS * 2);
    expect(stepInterval(8)).toBeLessThan(stepInterval(4));
    expect(stepInterval(0)).toBe(BASE_STEP_MS);
  });
});

describe('what the canvas shows', () => {
  it('marks the current step, the visited ones, and leaves the rest idle', () => {
    const at3 = nodeSims(input(happy, 3), new Map());
    expect(at3.get('n3')).toMatchObject({ state: 'current', visits: 1, waiting: false });
    expect(at3.get('n1')).toMatchObject({ state: 'visited' });
    expect(at3.get('n2')).toMatchObject({ state: 'visited' });
    expect(at3.has('n6')).toBe(false);
    expect([...at3.keys()].sort()).toEqual(['n1', 'n2', 'n3']);
    expect(IDLE_SIM.state).toBe('idle');
    expect(nodeSims(input(null, 0), new Map()).size).toBe(0);
  });

  it('keeps the state object of every step whose state did not change', () => {
    const at3 = nodeSims(input(happy, 3), new Map());
    const at4 = nodeSims(input(happy, 4), at3);
    expect(at4.get('n1')).toBe(at3.get('n1'));
    expect(at4.get('n2')).toBe(at3.get('n2'));
    expect(at4.get('n3')).not.toBe(at3.get('n3'));
    expect(at4.get('n3')).toMatchObject({ state: 'visited' });
    expect(Object.isFrozen(at4.get('n6'))).toBe(true);
  });

  it('shows breakpoints with or without a run, and "waiting" only once the replay reached the wait', () => {
    expect(nodeSims(input(null, 0, { breakpoints: new Set(['n9']) }), new Map()).get('n9')).toEqual({ state: null, waiting: false, error: false, breakpoint: true, visits: 0, changed: false });
    const frames = framesOf(happy.events);
    const gate = frames.findIndex((f) => f.nodeId === 'n8') + 1;
    const partial = { ...happy, events: happy.events.slice(0, frames[gate - 1].start + 2) };
    const atGate = nodeSims(input(partial, gate, { waitingAt: 'n8' }), new Map());
    expect(atGate.get('n8')).toMatchObject({ state: 'current', waiting: true });
    expect(nodeSims(input(partial, gate - 1, { waitingAt: 'n8' }), new Map()).has('n8')).toBe(false);
  });

  it('marks a step whose call was denied', () => {
    const denied = {
      ...SUPPORT,
      connections: SUPPORT.connections.map((c) => (c.id === 'helpdesk' ? { ...c, grants: c.grants.filter((g) => g !== 'tickets.reply') } : c)),
    };
    const t = trace('happy', denied);
    const end = nodeSims(input(t, framesOf(t.events).length), new Map());
    expect(end.get('n9')).toMatchObject({ state: 'visited', error: true });
    expect(end.get('n16')).toMatchObject({ state: 'current', error: false });
    const call = t.events.findIndex((e) => e.type === 'call' && e.result === 'denied');
    expect(describeEvent(t.events[call], t)).toMatchObject({ denied: true, tone: 'danger', title: 'tickets.reply on helpdesk: denied (403): not granted' });
  });

  it('marks the links taken so far, the latest as `last`', () => {
    const frames = framesOf(happy.events);
    const end = takenEdges(input(happy, frames.length), SUPPORT.edges);
    expect([...end.keys()].sort()).toEqual(['e1', 'e11', 'e14', 'e17', 'e19', 'e2', 'e6', 'e8']);
    expect(end.get('e19')).toBe('last');
    expect(end.get('e1')).toBe('taken');
    const two = takenEdges(input(happy, 2), SUPPORT.edges);
    expect([...two.entries()]).toEqual([
      ['e1', 'taken'],
      ['e2', 'last'],
    ]);
    expect(takenEdges(input(null, 0), SUPPORT.edges).size).toBe(0);
  });
});

describe('the timeline in words', () => {
  it('says what happened, on the virtual clock', () => {
    const decided = happy.events.find((e) => e.type === 'approval.decided')!;
    expect(describeEvent(decided, happy)).toMatchObject({ title: 'Approved by the scenario', tone: 'ok' });
    const sent = happy.events.find((e) => e.type === 'outbox')!;
    expect(describeEvent(sent, happy).title).toBe('Would send a message to maria.lopez@example.com');
    expect(describeEvent(happy.events.at(-1)!, happy)).toMatchObject({ title: 'Ended: resolved', tone: 'ok' });
    expect(clockText(0)).toBe('0:00:00');
    expect(clockText(3_723_000)).toBe('1:02:03');
    expect(clockText(90_061_000)).toBe('1 d 1:01:01');
  });
});

describe('the timeline names what the run’s document names', () => {
  const words = (t: Trace, wf: Workflow) => {
    const names = eventNames(wf);
    return t.events.map((e, i) => describeEvent(e, t, i, names));
  };

  it('names a decision’s rule, an output, an action and a step’s kind in words, with no ids', () => {
    const billing = trace('billing');
    const lines = words(billing, SUPPORT);
    const titles = lines.map((l) => l.title);
    expect(titles).toContain('“Billing” holds');
    expect(titles).toContain('Leaves by “Billing”');
    expect(titles).toContain('Leaves by “ok”');
    expect(lines.find((l) => l.title === 'Classify ticket')?.detail).toBe('AI step');
    const read = lines.find((l) => l.title.startsWith('Read tickets'));
    expect(read).toMatchObject({ title: 'Read tickets (Help desk): done', detail: 'tickets.read as svc-ai-triage' });
    // The rule's id ("billing") and the steps' ids never lead a line.
    for (const l of lines) expect(l.title).not.toMatch(/\bn\d+\b|“billing”/);
  });

  it('names a rule without a name by its place, and an action the catalog does not know by its scope', () => {
    const unnamed = setBranchLabel(SUPPORT, 'n3', 0, '');
    const titles = words(trace('billing', unnamed), unnamed).map((l) => l.title);
    expect(titles).toContain('“Rule 1” holds');
    const denied = {
      ...SUPPORT,
      connections: SUPPORT.connections.map((c) => (c.id === 'helpdesk' ? { ...c, grants: c.grants.filter((g) => g !== 'tickets.reply') } : c)),
    };
    const t = trace('happy', denied);
    const call = t.events.findIndex((e) => e.type === 'call' && e.result === 'denied');
    expect(describeEvent(t.events[call], t, call, eventNames(denied))).toMatchObject({ denied: true, title: 'Reply to the customer (Help desk): denied (403): not granted' });
  });
});
