// Logs that record a start and a completion per activity (XES `lifecycle:transition`, or a lifecycle
// column) become one event per activity: the completion, with its start time, so that a step's duration
// is its own and not the wait before it. Only start and complete are read; the other transitions
// (schedule, assign, suspend…) are counted as ignored, never silently lost.
import type { LogEvent } from './log';

export interface RawEvent extends LogEvent {
  lifecycle?: string;
}

/** Pairs each `start` with the next `complete` of the same activity in the same case (file order). */
export function pairLifecycle(raw: RawEvent[]): { events: LogEvent[]; ignored: number } {
  if (!raw.some((e) => e.lifecycle !== undefined)) return { events: raw, ignored: 0 };
  const events: LogEvent[] = [];
  const open = new Map<string, RawEvent[]>();
  let ignored = 0;
  for (const e of raw) {
    const transition = (e.lifecycle ?? 'complete').trim().toLowerCase();
    const key = `${e.caseId}\u0000${e.activity}`;
    if (transition === 'start') {
      const list = open.get(key);
      if (list) list.push(e);
      else open.set(key, [e]);
    } else if (transition === 'complete' || transition === '') {
      const started = open.get(key)?.shift();
      events.push(strip(started && started.time <= e.time ? { ...e, start: started.time } : e));
      if (started && started.time > e.time) events.push(strip(started)); // a start after its end is its own event
    } else ignored++;
  }
  // A start never completed (an activity still running when the log was exported) stays an event.
  for (const list of open.values()) for (const e of list) events.push(strip(e));
  return { events, ignored };
}

function strip(e: RawEvent): LogEvent {
  if (e.lifecycle === undefined) return e;
  const { lifecycle: _, ...rest } = e;
  return rest;
}
