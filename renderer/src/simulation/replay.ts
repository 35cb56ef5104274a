// The replay of a trace on the canvas, as pure functions: the trace's events cut into frames (one per
// step the token enters), a cursor that counts the frames shown, and what the canvas draws at a cursor
// — the current step, the steps visited, the links taken. Nothing here knows React or the backend.
import type { WorkflowEdge } from '../../../shared/model/schema';
import type { Trace, TraceEvent } from '../../../shared/simulation/trace';

/** One step of the replay: the events from entering a step up to entering the next one. */
export interface Frame {
  /** The step entered (null for a run that stopped before any step, e.g. without an intake). */
  nodeId: string | null;
  /** Events [start, end) of the trace. */
  start: number;
  end: number;
}

/** Replay speeds offered, as multiples of the normal pace. */
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
export const DEFAULT_SPEED = 1;
/** Time on screen per step at normal speed. */
export const BASE_STEP_MS = 700;

export function stepInterval(speed: number): number {
  return Math.round(BASE_STEP_MS / (speed > 0 ? speed : DEFAULT_SPEED));
}

export function framesOf(events: readonly TraceEvent[]): Frame[] {
  const frames: Frame[] = [];
  events.forEach((e, i) => {
    if (e.type === 'step.entered') {
      if (frames.length) frames[frames.length - 1].end = i;
      frames.push({ nodeId: e.nodeId, start: i, end: events.length });
    } else if (!frames.length) {
      // Events before any step (a run that could not start) still get shown.
      frames.push({ nodeId: 'nodeId' in e ? e.nodeId : null, start: i, end: events.length });
    }
  });
  return frames;
}

/**
 * How many events are shown when `cursor` frames are. `atEntry`: the last of them only up to the
 * token's arrival (a breakpoint pauses before the step runs), so its own events are not shown yet.
 */
export function shownEventCount(frames: readonly Frame[], cursor: number, atEntry = false): number {
  if (cursor <= 0) return 0;
  const frame = frames[Math.min(cursor, frames.length) - 1];
  return atEntry ? Math.min(frame.start + 1, frame.end) : frame.end;
}

/** Whether the replay has shown everything there is (a step paused on entry still has its own events to show). */
export function replayAtEnd(frames: readonly Frame[], cursor: number, atEntry: boolean): boolean {
  return cursor >= frames.length && !atEntry;
}

export interface Advance {
  cursor: number;
  /** The next frame shows only the token entering its step: a breakpoint there pauses before the step runs. */
  atEntry: boolean;
  atBreakpoint: string | null;
}

/**
 * One step on. From a step paused on entry, its own events (it runs); else the token enters the next
 * step, and a breakpoint there pauses the replay on entry, before anything of that step is shown.
 */
export function advance(frames: readonly Frame[], cursor: number, breakpoints: ReadonlySet<string>, atEntry = false): Advance {
  if (atEntry && cursor > 0) return { cursor: Math.min(cursor, frames.length), atEntry: false, atBreakpoint: null };
  if (cursor >= frames.length) return { cursor: frames.length, atEntry: false, atBreakpoint: null };
  const next = cursor + 1;
  const nodeId = frames[next - 1].nodeId;
  const pause = nodeId !== null && breakpoints.has(nodeId);
  return { cursor: next, atEntry: pause, atBreakpoint: pause ? nodeId : null };
}

/** The frame whose events include event `index` (for jumping the replay to a clicked event). */
export function frameOfEvent(frames: readonly Frame[], index: number): number {
  const i = frames.findIndex((f) => index >= f.start && index < f.end);
  return i === -1 ? frames.length : i + 1;
}

export type SimNodeState = 'current' | 'visited' | 'idle';

/** What one step shows on the canvas. Objects are reused while unchanged, so a step re-renders only when its own state changes. */
export interface NodeSim {
  /** null: no run is shown. */
  state: SimNodeState | null;
  /** The run waits here for a person's decision. */
  waiting: boolean;
  /** Something went wrong here: a denied or failed call, an AI error, a stop. */
  error: boolean;
  breakpoint: boolean;
  /** Times the token entered the step so far. */
  visits: number;
  /** A call of the step sent content changed after its approval (so far in the replay). */
  changed: boolean;
}

export const NO_SIM: NodeSim = Object.freeze({ state: null, waiting: false, error: false, breakpoint: false, visits: 0, changed: false });
export const IDLE_SIM: NodeSim = Object.freeze({ state: 'idle', waiting: false, error: false, breakpoint: false, visits: 0, changed: false });

export interface ReplayInput {
  trace: Trace | null;
  frames: readonly Frame[];
  cursor: number;
  breakpoints: ReadonlySet<string>;
  /** The step the run waits at for a decision, once the replay has reached it. */
  waitingAt: string | null;
  /** The current step is shown on entry only (paused at its breakpoint). */
  atEntry?: boolean;
}

function sameNode(a: NodeSim, b: NodeSim): boolean {
  return a.state === b.state && a.waiting === b.waiting && a.error === b.error && a.breakpoint === b.breakpoint && a.visits === b.visits && a.changed === b.changed;
}

/**
 * The state of every step that is not plain: visited, current, with an error or a breakpoint. Steps
 * not in the map show IDLE_SIM while a run is shown, else NO_SIM. Unchanged entries keep `prev`'s object.
 */
export function nodeSims(input: ReplayInput, prev: ReadonlyMap<string, NodeSim>): Map<string, NodeSim> {
  const { trace, frames, cursor, breakpoints, waitingAt, atEntry = false } = input;
  const shown = trace ? shownEventCount(frames, cursor, atEntry) : 0;
  const draft = new Map<string, NodeSim>();
  const entry = (id: string): NodeSim => {
    let e = draft.get(id);
    if (!e) {
      e = { ...(trace ? IDLE_SIM : NO_SIM), breakpoint: breakpoints.has(id) };
      draft.set(id, e);
    }
    return e;
  };
  for (const id of breakpoints) entry(id);
  if (trace) {
    for (let i = 0; i < shown; i++) {
      const e = trace.events[i];
      if (e.type === 'step.entered') {
        const n = entry(e.nodeId);
        n.state = 'visited';
        n.visits++;
      } else if ((e.type === 'error' || e.type === 'stopped') && e.nodeId !== null) entry(e.nodeId).error = true;
      else if (e.type === 'changed-after-approval') entry(e.nodeId).changed = true;
    }
    const current = cursor > 0 ? frames[Math.min(cursor, frames.length) - 1]?.nodeId : null;
    if (current) {
      const n = entry(current);
      n.state = 'current';
      n.waiting = waitingAt === current && replayAtEnd(frames, cursor, atEntry);
    }
  }
  const out = new Map<string, NodeSim>();
  for (const [id, n] of draft) {
    const old = prev.get(id);
    out.set(id, old && sameNode(old, n) ? old : Object.freeze(n));
  }
  return out;
}

export type EdgeSim = 'taken' | 'last';

/** The links the token took so far (the engine follows the first link of the output a step left by); the latest is `last`. */
export function takenEdges(input: ReplayInput, edges: readonly WorkflowEdge[]): Map<string, EdgeSim> {
  const out = new Map<string, EdgeSim>();
  const { trace, frames, cursor } = input;
  if (!trace) return out;
  const firstEdge = new Map<string, string>();
  for (const e of edges) {
    const key = `${e.source}\u0000${e.sourceHandle}`;
    if (!firstEdge.has(key)) firstEdge.set(key, e.id);
  }
  const shown = shownEventCount(frames, cursor, input.atEntry);
  let last: string | null = null;
  for (let i = 0; i < shown; i++) {
    const e = trace.events[i];
    if (e.type !== 'step.left') continue;
    const id = firstEdge.get(`${e.nodeId}\u0000${e.handle}`);
    if (id === undefined) continue;
    out.set(id, 'taken');
    last = id;
  }
  if (last !== null) out.set(last, 'last');
  return out;
}

/** Same entries with the same values: the canvas keeps its edges when nothing changed. */
export function sameEdgeSims(a: ReadonlyMap<string, EdgeSim>, b: ReadonlyMap<string, EdgeSim>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
