// Small phrases the checklist answers share, so that both checklists speak the same way.
import type { WorkflowIndex } from '../workflow-index/workflow-index';
import { listText, q } from '../workflow-index/wording';
import type { Connection, WorkflowNode } from '../model/schema';
import type { ChecklistItem, ConnectionField, NodeField, ReadinessTarget } from './types';

export { listText, q };

/** `"Send reply"`: a step as answers name it. */
export function stepName(ctx: WorkflowIndex, node: WorkflowNode | undefined): string {
  return q(ctx.label(node));
}

/** `Help desk`: a connection as answers name it (its label, else its id). */
export function connName(ctx: WorkflowIndex, connection: Connection | undefined): string {
  return ctx.connectionName(connection);
}

/** "Help desk (svc-ai-triage)", or the connection alone when it names no identity. */
export function connWithIdentity(ctx: WorkflowIndex, connection: Connection | undefined): string {
  const identity = typeof connection?.identity === 'string' ? connection.identity.trim() : '';
  return identity ? `${connName(ctx, connection)} (${identity})` : connName(ctx, connection);
}

/** Distinct values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Groups values under keys, keeping the order in which keys were first seen. */
export function groupBy<T, K>(values: Iterable<T>, key: (v: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const v of values) {
    const k = key(v);
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

/** Joins the parts of a many-part answer; a part's own final full stop would clash with the separator. */
export function parts(list: readonly string[]): string {
  return list.map((p) => p.replace(/\.+$/, '')).join('; ');
}

/** "a", "a or b", "a, b or c". */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** 0.7 → "70 %". */
export function percentText(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** A free-text field of the document, trimmed; '' when it is missing or not text. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Sentence case for a phrase placed at the start of an answer. */
export function capital(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/** An item's answer as a question works it out: an answer in several parts is given as a list. */
export type Draft = Omit<ChecklistItem, 'id' | 'question' | 'answer' | 'answerParts' | 'target'> & { answer: string | string[] | null };

/** One question of a checklist and how the workflow answers it. */
export interface ChecklistQuestion {
  id: string;
  question: string;
  answer: (ctx: WorkflowIndex) => Draft;
}

export const answered = (answer: string | string[]): Draft => ({ answer, missing: null, targets: [] });

/** An open item: what is missing, and every place it is fixed (duplicates dropped, order kept). */
export function open(missing: string, targets: ReadinessTarget | readonly ReadinessTarget[]): Draft {
  const list = Array.isArray(targets) ? targets : [targets as ReadinessTarget];
  const seen = new Set<string>();
  const distinct = list.filter((t) => {
    const key = JSON.stringify(t);
    return !seen.has(key) && (seen.add(key), true);
  });
  return { answer: null, missing, targets: distinct };
}

/** An open item with one sentence per offender ("A has no prompt. B has no prompt."), each a target. */
export function openEach<T>(offenders: readonly T[], sentence: (o: T) => string, target: (o: T) => ReadinessTarget): Draft {
  return open(unique(offenders.map(sentence)).join(' '), offenders.map(target));
}

export const nodeTarget = (nodeId: string, field?: NodeField): ReadinessTarget => (field ? { kind: 'node', nodeId, field } : { kind: 'node', nodeId });
export const connectionTarget = (connectionId: string, field?: ConnectionField): ReadinessTarget => (field ? { kind: 'connection', connectionId, field } : { kind: 'connection', connectionId });
