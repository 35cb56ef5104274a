// What a connector call does to the run's copy of the data: reads return records, writes change the
// copy (recorded as before/after), sends produce an outbox message, triggers are recorded. Nothing
// leaves the process. The behaviour is generic, driven by the action's effect, data set and verb, so
// that custom connectors get the same mock as the built-in ones.
import type { CompiledCall } from './compile';
import type { DataRecord } from './datasets';
import { search, type RunStore } from './store';
import type { ChangeKind } from './trace';
import { textOf } from './variables';

export interface ChangeDraft {
  kind: ChangeKind;
  dataset: string | null;
  recordId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface MessageDraft {
  to: string | null;
  subject: string | null;
  body: string;
}

export type Performed =
  | { ok: true; value: unknown; change: ChangeDraft | null; message: MessageDraft | null }
  | { ok: false; message: string };

/** Reads return at most this many records when they list rather than look up. */
export const LIST_LIMIT = 10;

const QUERY_KEYS = ['query', 'q', 'search'];
const NOTE_VERBS = new Set(['comment', 'note', 'notes', 'log', 'annotate']);
const CLOSE_VERBS = new Set(['close', 'resolve', 'solve']);

type Input = Record<string, unknown>;

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** The input that names the record the call is about: [key, id]. */
export function idOf(call: CompiledCall, input: Input): [string, string] | null {
  for (const key of call.idKeys) {
    const v = input[key];
    if (typeof v === 'string' && v) return [key, v];
    if (typeof v === 'number') return [key, String(v)];
  }
  return null;
}

function withoutIds(call: CompiledCall, input: Input): Input {
  const out: Input = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && !call.idKeys.includes(k)) out[k] = v;
  return out;
}

function notFound(call: CompiledCall, id: string): Performed {
  return { ok: false, message: `${call.dataset} has no record "${id}" (404).` };
}

function sameText(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a !== 'string' && typeof a !== 'number') || (typeof b !== 'string' && typeof b !== 'number')) return false;
  return String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
}

/** "department=Sales, status=active" → [["department","Sales"],["status","active"]] */
function parseFilter(text: string): [string, string][] {
  return text
    .split(/[,&;]/)
    .map((part) => part.split('='))
    .filter((kv) => kv.length === 2 && kv[0].trim() && kv[1].trim())
    .map(([k, v]) => [k.trim(), v.trim()]);
}

export function read(call: CompiledCall, input: Input, store: RunStore, runInput: Input): Performed {
  const ds = call.dataset;
  // A custom system with no sample data behind it answers with the item the run is about.
  if (!ds || !store.has(ds)) return { ok: true, value: runInput, change: null, message: null };
  const id = idOf(call, input);
  if (id) {
    const record = store.find(ds, id[1]);
    return record ? { ok: true, value: record, change: null, message: null } : notFound(call, id[1]);
  }
  const records = store.records(ds);
  for (const key of QUERY_KEYS) {
    const q = input[key];
    if (typeof q === 'string' && q.trim()) return { ok: true, value: search(records, q, LIST_LIMIT, call.connector).map((h) => h.record), change: null, message: null };
  }
  const criteria: [string, unknown][] = [];
  for (const [k, v] of Object.entries(input)) {
    if (k === 'filter' && typeof v === 'string') criteria.push(...parseFilter(v));
    else if (present(v) && typeof v !== 'object' && records.some((r) => k in r)) criteria.push([k, v]);
  }
  if (criteria.length === 0) return { ok: true, value: records.slice(0, LIST_LIMIT), change: null, message: null };
  const matches = records.filter((r) => criteria.every(([k, v]) => sameText(r[k], v)));
  // Looking someone up by email (or any field that names one record) gives that record, not a list.
  const value = matches.length === 1 ? matches[0] : matches.slice(0, LIST_LIMIT);
  return { ok: true, value, change: null, message: null };
}

function picked(record: DataRecord, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = k in record ? record[k] : null;
  return out;
}

/** The fields a write sets on an existing record, by the action's verb. */
function patchFor(call: CompiledCall, fields: Input, record: DataRecord): Input {
  if (NOTE_VERBS.has(call.verb)) {
    const body = fields.body ?? fields.summary ?? fields.text ?? fields.notes ?? textOf(fields);
    const notes = Array.isArray(record.notes) ? record.notes : [];
    return { notes: [...notes, { by: call.identity || call.connection, body: textOf(body) }] };
  }
  if (CLOSE_VERBS.has(call.verb)) return { status: 'closed', ...fields };
  if (call.effect === 'approve') {
    const { approver, ...rest } = fields;
    return { status: 'approved', approvedBy: approver ?? (call.identity || call.connection), ...rest };
  }
  // An update that carries its fields as one object (`fields: {…}`) sets those fields.
  const nested = fields.fields;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    const { fields: _, ...rest } = fields;
    return { ...(nested as Input), ...rest };
  }
  return fields;
}

export function write(call: CompiledCall, input: Input, store: RunStore): Performed {
  const ds = call.dataset && store.has(call.dataset) ? call.dataset : null;
  const id = idOf(call, input);
  const fields = withoutIds(call, input);
  if (ds && id) {
    const record = store.find(ds, id[1]);
    if (!record) return notFound(call, id[1]);
    const patch = patchFor(call, fields, record);
    const keys = Object.keys(patch);
    store.put(ds, { ...record, ...patch });
    return { ok: true, value: null, change: { kind: 'update', dataset: ds, recordId: id[1], before: picked(record, keys), after: patch }, message: null };
  }
  if (ds) {
    const record = { id: store.newId(ds), ...fields };
    store.put(ds, record);
    return { ok: true, value: record, change: { kind: 'create', dataset: ds, recordId: record.id, before: null, after: record }, message: null };
  }
  // No sample data behind it: the change is recorded as asked.
  const kind = id ? 'update' : 'create';
  return { ok: true, value: null, change: { kind, dataset: call.dataset, recordId: id?.[1] ?? null, before: null, after: { ...input } }, message: null };
}

export function remove(call: CompiledCall, input: Input, store: RunStore): Performed {
  const ds = call.dataset && store.has(call.dataset) ? call.dataset : null;
  const id = idOf(call, input);
  if (ds && id) {
    const record = store.find(ds, id[1]);
    if (!record) return notFound(call, id[1]);
    store.remove(ds, id[1]);
    return { ok: true, value: null, change: { kind: 'delete', dataset: ds, recordId: id[1], before: { ...record }, after: null }, message: null };
  }
  const named = Object.entries(input).find(([k, v]) => k.endsWith('Id') && present(v));
  return { ok: true, value: null, change: { kind: 'delete', dataset: call.dataset, recordId: named ? textOf(named[1]) : null, before: null, after: null }, message: null };
}

export function trigger(call: CompiledCall, input: Input): Performed {
  const named = idOf(call, input) ?? Object.entries(input).find(([k, v]) => k.endsWith('Id') && present(v));
  const recordId = named ? textOf(named[1]) : null;
  return { ok: true, value: null, change: { kind: 'trigger', dataset: call.dataset, recordId, before: null, after: { ...input } }, message: null };
}

const TO_KEYS = ['to', 'email', 'recipient', 'user', 'channel'];
const BODY_KEYS = ['body', 'text', 'message', 'summary'];
const RECORD_EMAIL_KEYS = ['email', 'requesterEmail', 'customerEmail', 'contactEmail'];

function firstText(source: Readonly<Record<string, unknown>> | undefined, keys: readonly string[]): string | null {
  if (!source) return null;
  for (const k of keys) {
    const v = source[k];
    if (present(v) && typeof v !== 'object') return String(v);
  }
  return null;
}

export function send(call: CompiledCall, input: Input, store: RunStore): Performed {
  const ds = call.dataset && store.has(call.dataset) ? call.dataset : null;
  const id = idOf(call, input);
  let record: DataRecord | undefined;
  if (ds && id) {
    record = store.find(ds, id[1]);
    if (!record) return notFound(call, id[1]);
  }
  const to = firstText(input, TO_KEYS) ?? firstText(record, RECORD_EMAIL_KEYS);
  const recordSubject = firstText(record, ['subject', 'title', 'number']);
  const subject = firstText(input, ['subject']) ?? (recordSubject ? `Re: ${recordSubject}` : null);
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !TO_KEYS.includes(k) && k !== 'subject' && !call.idKeys.includes(k)));
  const body = firstText(input, BODY_KEYS) ?? (textOf(rest) || (record ? textOf(record.title ?? record.subject ?? record.id) : ''));
  return { ok: true, value: null, change: null, message: { to, subject, body } };
}

/** Runs a permitted, fault-free call against the run's data. */
export function perform(call: CompiledCall, input: Input, store: RunStore, runInput: Input): Performed {
  switch (call.effect) {
    case 'read':
      return read(call, input, store, runInput);
    case 'write':
    case 'approve':
      return write(call, input, store);
    case 'delete':
      return remove(call, input, store);
    case 'send':
      return send(call, input, store);
    case 'trigger':
      return trigger(call, input);
    default:
      return { ok: false, message: 'the action has no known effect' };
  }
}
