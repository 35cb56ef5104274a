// The event log as conformance reads it: one event per row (CSV) or per <event> (XES), whatever the
// source. Cases are the events of one case id in time order. Nothing here knows about files.

export type LogFormat = 'csv' | 'xes';

export interface LogEvent {
  caseId: string;
  activity: string;
  /** When the activity was done (completed), milliseconds since 1970 UTC. */
  time: number;
  /** When it started, when the log says (a start column, or an XES `start` paired with its `complete`). */
  start?: number;
  resource?: string;
  /** What came of it, when the log says (an outcome column or attribute): `approved`, `error`… as written. */
  outcome?: string;
}

export interface EventLog {
  format: LogFormat;
  events: LogEvent[];
  /** Which column or attribute gave each field (CSV: the header names; XES: the attribute keys). */
  fields: LogFields;
  /** Events left out on purpose, counted so that nothing disappears silently (XES lifecycle events other than start/complete). */
  ignoredEvents: number;
}

export interface LogFields {
  caseId: string;
  activity: string;
  time: string;
  start?: string;
  resource?: string;
  outcome?: string;
}

export interface LogCase {
  id: string;
  /** In time order; events at the same time keep their order in the file. */
  events: LogEvent[];
}

/** A log that cannot be read; the message names the row or element, in plain words. */
export class LogReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogReadError';
  }
}

/**
 * The cases of a log, each in time order, ordered by when they started (then by their order in the
 * file): the same events give the same cases in the same order whatever order the file lists them in.
 */
export function casesOf(log: Pick<EventLog, 'events'>): LogCase[] {
  const byId = new Map<string, LogEvent[]>();
  for (const e of log.events) {
    const list = byId.get(e.caseId);
    if (list) list.push(e);
    else byId.set(e.caseId, [e]);
  }
  const cases: LogCase[] = [];
  for (const [id, events] of byId) {
    // Array.prototype.sort is stable, so same-time events keep their file order.
    if (!isSorted(events)) events.sort((a, b) => a.time - b.time);
    cases.push({ id, events });
  }
  return cases.sort((a, b) => a.events[0].time - b.events[0].time);
}

function isSorted(events: readonly LogEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i].time < events[i - 1].time) return false;
  return true;
}
