// Trace events in plain words, for the timeline. Values from the run (labels, messages, outputs) are
// returned as text and rendered as text, never as HTML.
import { displayText } from '../../../shared/model/display-text';
import type { DecidedBy, Trace, TraceEvent } from '../../../shared/simulation/trace';
import { ID_NAMES, type EventNames } from './event-names';

export type Tone = 'plain' | 'info' | 'ok' | 'warn' | 'danger';

export interface EventLine {
  title: string;
  detail: string | null;
  tone: Tone;
  /** A call the connection's grants refused (403). */
  denied: boolean;
  /** Texts quoted in full under the line: a reviewer's note, the draft they edited. */
  quotes?: Quote[];
}

export interface Quote {
  /** The run variable quoted (`reviewNote`, `draft`). */
  variable: string;
  label: string;
  text: string;
}

/** The variable a reviewer's note becomes (see electron/backend/simulation/live-runs.ts). */
const NOTE_VARIABLE = 'reviewNote';
/** Long enough for a whole reply; a quote longer than this is cut with an ellipsis. */
const QUOTE_CHARS = 4000;

/** Virtual time since the run started: `0:04:05`, or `1 d 2:03:04` past a day. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return days ? `${days} d ${hms}` : hms;
}

/** 4.66 → "5 min", 250 → "4 h 10 min". */
export function minutesText(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

const BY: Record<DecidedBy, string> = { user: 'you', scenario: 'the scenario', profile: "the reviewer's profile", default: 'default (approve)' };
const DECISION: Record<string, string> = { approved: 'Approved', rejected: 'Rejected', timeout: 'Timed out' };
const CALL_RESULT: Record<string, string> = { ok: 'done', denied: 'denied (403): not granted', failed: 'failed', 'not-found': 'not found', unknown: 'does not exist' };

/** Text quoted as it was written, line by line, without control or bidi characters. */
function quoteText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  const lines = text.split(/\r?\n/).map((l) => displayText(l, QUOTE_CHARS));
  const joined = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return Array.from(joined).length > QUOTE_CHARS ? `${Array.from(joined).slice(0, QUOTE_CHARS - 1).join('')}…` : joined;
}

/**
 * What the reviewer wrote with a decision: the note, and each variable they edited (the draft), with
 * its new text. The values are in the `variables` event the decision set just before it.
 */
function decisionQuotes(e: Extract<TraceEvent, { type: 'approval.decided' }>, trace: Trace, index: number): Quote[] {
  if (!e.edited.length) return [];
  let set: Record<string, unknown> = {};
  for (let i = index - 1; i >= 0; i--) {
    const prev = trace.events[i];
    if (prev.type === 'variables' && prev.nodeId === e.nodeId) {
      set = prev.set;
      break;
    }
    if (prev.type === 'step.entered') break;
  }
  const quotes: Quote[] = [];
  for (const key of e.edited) {
    if (key === NOTE_VARIABLE) continue;
    quotes.push({ variable: key, label: `Edited ${key}`, text: key in set ? quoteText(set[key]) : '(not recorded)' });
  }
  if (e.edited.includes(NOTE_VARIABLE)) quotes.unshift({ variable: NOTE_VARIABLE, label: 'Note', text: NOTE_VARIABLE in set ? quoteText(set[NOTE_VARIABLE]) : '(not recorded)' });
  return quotes;
}

/** Event index → the approval record of the decision it is: the n-th decision is the n-th record. */
const decisionRecords = new WeakMap<Trace, Map<number, Trace['approvals'][number]>>();

function approvalRecordAt(trace: Trace, index: number): Trace['approvals'][number] | undefined {
  let map = decisionRecords.get(trace);
  if (!map) {
    map = new Map();
    let n = 0;
    trace.events.forEach((e, i) => {
      if (e.type === 'approval.decided' && n < trace.approvals.length) map!.set(i, trace.approvals[n++]);
    });
    decisionRecords.set(trace, map);
  }
  return map.get(index);
}

/** A step's label as the run's events name it (the step entered), else its id. */
function stepLabelIn(trace: Trace, nodeId: string): string {
  const entered = trace.events.find((e) => e.type === 'step.entered' && e.nodeId === nodeId);
  return entered?.type === 'step.entered' ? displayText(entered.label, 80, nodeId) : nodeId;
}

function short(value: unknown, max = 90): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return displayText(value, max);
  if (Array.isArray(value)) return displayText(value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', '), max);
  return displayText(JSON.stringify(value), max);
}

/**
 * One event in words; `index` is its place in `trace.events` (looked up when not given). `names` turns
 * the ids the trace holds into the names the run's document gives them (see event-names.ts): a rule
 * reads as its name, an action as its own words with its scope second.
 */
export function describeEvent(e: TraceEvent, trace: Trace, index = trace.events.indexOf(e), names: EventNames = ID_NAMES): EventLine {
  const line = (title: string, detail: string | null = null, tone: Tone = 'plain', denied = false): EventLine => ({ title, detail, tone, denied });
  switch (e.type) {
    case 'step.entered':
      return line(displayText(e.label, 80, 'Unnamed step'), names.kind(e.kind), 'info');
    case 'step.left':
      return line(`Leaves by “${names.output(e.nodeId, e.handle)}”`);
    case 'variables': {
      const keys = Object.keys(e.set);
      return line(`Sets ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ` and ${keys.length - 4} more` : ''}`);
    }
    case 'call': {
      const denied = e.result === 'denied';
      const tone: Tone = e.result === 'ok' ? 'plain' : denied || e.result === 'unknown' ? 'danger' : 'warn';
      const action = names.action(e.connection, e.action);
      const what = action ? `${action} (${names.connection(e.connection)})` : `${e.action} on ${names.connection(e.connection)}`;
      const how = `${action ? `${e.action} ` : ''}as ${e.identity || 'no identity'}`;
      return line(`${what}: ${CALL_RESULT[e.result] ?? e.result}`, e.message ? `${e.message} · ${how}` : how, tone, denied);
    }
    case 'ai': {
      if (e.error) return line(`AI ${e.task}: no answer`, e.error, 'danger');
      const confidence = e.confidence === null ? '' : ` (${Math.round(e.confidence * 100)}% sure)`;
      const unsure = e.confidence !== null && e.confidence < e.threshold;
      return line(`AI ${e.task}${confidence}${unsure ? ': unsure' : ''}`, short(e.output) || null, unsure ? 'warn' : 'plain');
    }
    case 'decision':
      return line(e.rule === 'else' ? 'No rule holds: “else”' : `“${names.output(e.nodeId, e.rule)}” holds`);
    case 'approval.requested':
      return line(`Approval asked of ${e.reviewer || 'a reviewer'}`, e.timeoutHours === null ? 'no timeout' : `times out after ${e.timeoutHours} h`, 'info');
    case 'approval.decided': {
      const quotes = decisionQuotes(e, trace, index);
      const edited = e.edited.filter((k) => k !== NOTE_VARIABLE);
      const shown = Object.keys(approvalRecordAt(trace, index)?.shown ?? {});
      const what = [
        e.edited.includes(NOTE_VARIABLE) ? 'with a note' : '',
        edited.length ? `${edited.join(', ')} edited` : '',
        shown.length ? `shown ${shown.map((v) => displayText(v, 40)).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const decided = line(`${DECISION[e.decision] ?? e.decision} by ${BY[e.decidedBy] ?? e.decidedBy}`, `after ${minutesText(e.responseMinutes)}${what ? `, ${what}` : ''}`, e.decision === 'approved' ? 'ok' : 'warn');
      return quotes.length ? { ...decided, quotes } : decided;
    }
    case 'changed-after-approval':
      return line(
        `Sends ${e.inputs.map((i) => displayText(i, 40)).join(', ')} changed after approval`,
        `“${stepLabelIn(trace, e.approvalNodeId)}” approved other content: what ${e.action} sends now is not what the reviewer saw.`,
        'danger',
      );
    case 'escalated':
      return line(`Handed to ${e.team || 'a team'} (${e.priority})`, displayText(e.reason, 120) || null, 'warn');
    case 'change': {
      const c = trace.changes.find((x) => x.id === e.changeId);
      return line(c ? `Would ${c.kind} ${c.dataset ?? 'a record'}${c.recordId ? ` ${c.recordId}` : ''}` : 'Would change a record', c ? c.action : null);
    }
    case 'outbox': {
      const m = trace.outbox.find((x) => x.id === e.messageId);
      return line(`Would send a message${m?.to ? ` to ${m.to}` : ''}`, m?.subject ? displayText(m.subject, 90) : null);
    }
    case 'error':
      return line('Error', displayText(e.message, 200), 'danger');
    case 'stopped':
      return line('The run stopped', displayText(e.reason, 240), 'danger');
    case 'ended':
      return line(`Ended: ${displayText(e.outcome, 60)}`, null, 'ok');
    default:
      return line('Event');
  }
}
