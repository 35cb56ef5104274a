// The trace as text for people: one line per thing that happened, then what would have changed and
// what would have been sent. Every piece of text from the workflow, the data or a model goes through
// `show` (the command line's terminalText), so that it stays on its line whatever it holds.
import type { Workflow } from '../model/schema';
import { clip } from './text';
import type { Trace, TraceEvent } from './trace';
import { textOf } from './variables';
import { plural } from '../text';

/** 0:04:05 on the virtual clock; days when a run takes that long. */
export function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(s)}`;
}

/** "2 h 5 min", "42 min", "1 min 30 s", "12 s". */
export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 600) return seconds % 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds / 60} min`;
  const minutes = Math.round(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? (m ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function inline(value: unknown, show: Show): string {
  if (typeof value === 'string') return `"${show(clip(flat(value), 100))}"`;
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return `[${value.map((v) => show(typeof v === 'string' ? v : textOf(v))).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${show(k)}: ${v === null ? '—' : show(clip(flat(textOf(v)), 40))}`)
      .join(', ')}}`;
  }
  return show(String(value));
}

/** What starts each line of a message body in the text trace. */
export const BODY_GUTTER = '        │ ';

/** How a piece of user text is printed (the command line's terminalText). */
export type Show = (text: string) => string;

function describe(e: TraceEvent, label: (id: string) => string, trace: Trace, show: Show): string | null {
  switch (e.type) {
    case 'step.entered':
      return `▶ ${show(e.label || e.nodeId)} (${show(e.kind)})`;
    case 'step.left':
      return `  → ${show(e.handle)}`;
    case 'call': {
      const mark = e.allowed ? (e.result === 'ok' ? '✓' : '✗') : '⛔';
      const as = e.identity ? ` as ${show(e.identity)}` : '';
      return `  ${mark} ${show(e.connection)} · ${show(e.action)}${as}${e.result === 'ok' ? '' : ` — ${show(e.result)}`}`;
    }
    case 'ai': {
      // The error event just before says what went wrong.
      if (e.error) return null;
      const conf = e.confidence === null ? '' : ` (confidence ${e.confidence.toFixed(2)}, needs ${e.threshold.toFixed(2)})`;
      return `  AI ${show(e.task)} (${show(e.provider)}) → ${inline(e.output, show)}${conf}${e.note ? `; ${show(e.note)}` : ''}`;
    }
    case 'decision':
      return `  rule: ${show(e.rule)}`;
    case 'approval.requested':
      return `  waits for ${show(e.reviewer || 'a reviewer (none named)')}${e.timeoutHours === null ? ', no timeout' : `, times out after ${e.timeoutHours} h`}`;
    case 'approval.decided': {
      const by = { scenario: 'as the scenario says', profile: "by the reviewer's profile", user: 'by you', default: 'by default: nobody decided, so the command line approved' }[e.decidedBy];
      return `  ${e.decision} ${by}, after ${duration(e.responseMinutes * 60_000)}${e.edited.length ? ` (edited: ${e.edited.map(show).join(', ')})` : ''}`;
    }
    case 'changed-after-approval':
      return `  ⚠ sends ${e.inputs.map(show).join(', ')} changed after ${label(e.approvalNodeId)} approved it`;
    case 'escalated':
      return `  escalated to ${show(e.team || 'no team')} (${show(e.priority)})${e.reason ? `: ${show(e.reason)}` : ''}`;
    case 'change': {
      const c = trace.changes.find((x) => x.id === e.changeId);
      return c ? `  ✎ ${c.kind} ${show(c.dataset ?? c.connection)}${c.recordId ? ` ${show(c.recordId)}` : ''} (${show(c.id)})` : null;
    }
    case 'outbox': {
      const m = trace.outbox.find((x) => x.id === e.messageId);
      return m ? `  ✉ to ${show(m.to ?? 'nobody named')}${m.customerFacing ? ' (customer-facing)' : ''} (${show(m.id)})` : null;
    }
    case 'error':
      return `  ! ${show(e.message)}`;
    case 'stopped':
      return `■ stopped${e.nodeId ? ` at ${label(e.nodeId)}` : ''}: ${show(e.reason)}`;
    case 'ended':
      return `■ ${label(e.nodeId)}: outcome ${show(e.outcome)}`;
    case 'variables':
      return null;
    default:
      return null;
  }
}

export function formatTraceText(trace: Trace, wf?: Pick<Workflow, 'nodes'>, show: Show = (text) => text): string {
  const labels = new Map(wf?.nodes.map((n) => [n.id, n.label || n.id]));
  const label = (id: string) => `"${show(labels.get(id) ?? id)}"`;
  const lines: string[] = [];
  const scenario = trace.scenario.name ? `"${show(trace.scenario.name)}" (${show(trace.scenario.id)})` : `"${show(trace.scenario.id)}"`;
  lines.push(`${show(trace.workflow.name)} · scenario ${scenario} · seed ${trace.seed}`, '');
  let lastAt = -1;
  // The n-th decision in the events is the n-th approval record: what that reviewer was shown.
  let decisions = 0;
  for (const e of trace.events) {
    const text = describe(e, label, trace, show);
    if (text === null) continue;
    const at = e.atMs === lastAt ? ''.padStart(9) : clock(e.atMs).padStart(9);
    lastAt = e.atMs;
    lines.push(`${at}  ${text}`);
    if (e.type === 'approval.decided') {
      const shown = Object.keys(trace.approvals[decisions++]?.shown ?? {});
      if (shown.length) lines.push(`${''.padStart(9)}    the reviewer was shown ${shown.map(show).join(', ')}`);
    }
  }
  lines.push('');
  const took = `after ${duration(trace.elapsedMs)} on the virtual clock, in ${plural(trace.steps, 'step')}`;
  lines.push(trace.outcome !== null ? `Outcome: ${show(trace.outcome)}, ${took}.` : `Stopped, ${took}: ${show(trace.stopped ?? '')}`);
  const denied = trace.calls.filter((c) => !c.allowed).length;
  const changed = trace.calls.filter((c) => c.approvedContentChanged).length;
  lines.push(
    `Calls: ${trace.calls.length}${denied ? ` (${denied} denied)` : ''}${changed ? ` · ${plural(changed, 'call')} sent changed after approval` : ''} · changes: ${trace.changes.length} · outbox: ${plural(trace.outbox.length, 'message')}`,
  );
  if (trace.changes.length) {
    lines.push('', 'What would have changed:');
    for (const c of trace.changes) {
      lines.push(`  ${show(c.id)}  ${c.kind} ${c.dataset ? show(c.dataset) : `(${show(c.connection)})`}${c.recordId ? ` ${show(c.recordId)}` : ''} via ${show(c.connection)} · ${show(c.action)}`);
      if (c.before) lines.push(`        before ${inline(c.before, show)}`);
      if (c.after) lines.push(`        after  ${inline(c.after, show)}`);
    }
  }
  if (trace.outbox.length) {
    lines.push('', 'What would have been sent (nothing was):');
    for (const m of trace.outbox) {
      lines.push(`  ${show(m.id)}  to ${show(m.to ?? 'nobody named')}${m.subject ? ` · ${show(m.subject)}` : ''}${m.customerFacing ? ' · customer-facing' : ''} via ${show(m.connection)} · ${show(m.action)}`);
      // A message body keeps its own lines, each behind a bar, so that no line of it passes for output.
      for (const line of m.body.split(/\r?\n/)) lines.push(`${BODY_GUTTER}${show(line)}`);
    }
  }
  const defaulted = trace.approvals.filter((a) => a.decidedBy === 'default');
  if (defaulted.length) {
    lines.push('');
    for (const a of defaulted) {
      lines.push(`Note: ${label(a.nodeId)} had neither a decision in the scenario nor a reviewer profile, so the command line approved it (use --decide ${show(a.nodeId)}=rejected to try another way).`);
    }
  }
  return `${lines.join('\n')}\n`;
}
