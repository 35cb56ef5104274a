// "What would change": the calls the grants refused, the records the run would have changed (field by
// field, before and after) and the messages it would have sent — up to where the replay is.
import { useMemo, type ReactNode } from 'react';
import { displayText } from '../../../shared/model/display-text';
import { aiUsageText } from '../../../shared/simulation/ai-usage';
import type { Change, OutboxMessage } from '../../../shared/simulation/trace';
import { useApp } from '../app/context';
import { Section } from '../panels/controls';
import { clockText } from './describe';
import { useSim } from './hooks';
import { shownEventCount } from './replay';

function valueText(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'string') return displayText(v, 300, '""');
  return displayText(JSON.stringify(v), 300);
}

export function ChangesSection() {
  const app = useApp();
  const run = useSim((s) => s.shown);
  const frames = useSim((s) => s.frames);
  const cursor = useSim((s) => s.cursor);
  // Paused at a breakpoint, the step has not run yet: nothing it changes is shown.
  const atEntry = useSim((s) => s.atEntry);
  const shownCount = shownEventCount(frames, cursor, atEntry);
  const shown = useMemo(() => {
    const changeIds = new Set<string>();
    const messageIds = new Set<string>();
    const denied: { index: number; nodeId: string; action: string; connection: string; identity: string }[] = [];
    if (run) {
      for (let i = 0; i < shownCount; i++) {
        const e = run.trace.events[i];
        if (e.type === 'change') changeIds.add(e.changeId);
        else if (e.type === 'outbox') messageIds.add(e.messageId);
        else if (e.type === 'call' && e.result === 'denied') denied.push({ index: i, nodeId: e.nodeId, action: e.action, connection: e.connection, identity: e.identity });
      }
    }
    return {
      changes: run ? run.trace.changes.filter((c) => changeIds.has(c.id)) : [],
      outbox: run ? run.trace.outbox.filter((m) => messageIds.has(m.id)) : [],
      denied,
    };
  }, [run, shownCount]);
  if (!run) return null;
  const label = (id: string) => displayText(run.document.nodes.find((n) => n.id === id)?.label ?? id, 60, id);
  const connectionLabel = (id: string) => displayText(run.document.connections.find((c) => c.id === id)?.label ?? id, 60, id);
  // Only a finished run replayed to its end can say "nothing"; before that it is "nothing so far".
  const finished = run.status === 'done' && cursor >= frames.length;

  return (
    <Section title="What would change" testId="sim-results">
      {run.aiUsage ? (
        <p className="fg-panel-hint" data-testid="sim-ai-usage" title={`AI steps marked external ran on ${run.aiUsage.model}; the cost is an estimate from list prices.`}>
          {aiUsageText(run.aiUsage)}
        </p>
      ) : null}
      {shown.denied.length ? (
        <div className="sim-denied" data-testid="sim-denied" role="alert">
          <strong>
            {shown.denied.length === 1 ? 'A call was denied' : `${shown.denied.length} calls were denied`}: the connection does not grant it, as a real system would refuse (403).
          </strong>
          <ul>
            {shown.denied.map((d) => (
              <li key={d.index}>
                <button type="button" className="fg-panel-button fg-panel-button-link" onClick={() => app.sim.focusNode(d.nodeId)}>
                  {label(d.nodeId)}
                </button>
                : <code>{d.action}</code> on {connectionLabel(d.connection)}
                {d.identity ? ` as ${displayText(d.identity, 60)}` : ''}
              </li>
            ))}
          </ul>
          <span className="fg-panel-hint">Grant the scope in the Connections tab if the step should be allowed, or keep the error path.</span>
        </div>
      ) : null}
      <CardBlock title="Records" testId="sim-changes" empty="No record would change" finished={finished}>
        {shown.changes.map((c) => (
          <ChangeCard key={c.id} change={c} step={label(c.nodeId)} />
        ))}
      </CardBlock>
      <CardBlock title="Outbox" testId="sim-outbox" empty="Nothing would be sent" finished={finished}>
        {shown.outbox.map((m) => (
          <MessageCard key={m.id} message={m} step={label(m.nodeId)} />
        ))}
      </CardBlock>
    </Section>
  );
}

/** A titled list of cards with its count, or the empty text when there is none yet. */
function CardBlock({ title, testId, empty, finished, children }: { title: string; testId: string; empty: string; finished: boolean; children: ReactNode[] }) {
  return (
    <div className="sim-block" data-testid={testId}>
      <h4 className="sim-subtitle">
        {title} <span className="tab-badge">{children.length}</span>
      </h4>
      {children.length ? <ul className="sim-cards">{children}</ul> : <p className="fg-panel-empty">{empty}{finished ? '.' : ' so far.'}</p>}
    </div>
  );
}

function ChangeCard({ change, step }: { change: Change; step: string }) {
  const fields = [...new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})])];
  return (
    <li className="sim-card" data-testid={`sim-change-${change.id}`}>
      <div className="sim-card-head">
        <span className={`fg-panel-badge sim-kind-${change.kind}`}>{change.kind}</span>
        <strong>
          {change.dataset ?? 'record'}
          {change.recordId ? ` ${displayText(change.recordId, 40)}` : ''}
        </strong>
        <span className="fg-panel-hint">
          {change.action} · {step} · {clockText(change.atMs)}
        </span>
      </div>
      {fields.length ? (
        <table className="sim-diff">
          <tbody>
            {fields.slice(0, 30).map((f) => (
              <tr key={f}>
                <th scope="row">{displayText(f, 40)}</th>
                {change.kind === 'update' ? <td className="sim-before">{valueText(change.before?.[f])}</td> : null}
                <td className={change.kind === 'delete' ? 'sim-before' : 'sim-after'}>{valueText(change.kind === 'delete' ? change.before?.[f] : change.after?.[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}

function MessageCard({ message, step }: { message: OutboxMessage; step: string }) {
  return (
    <li className="sim-card" data-testid={`sim-message-${message.id}`}>
      <div className="sim-card-head">
        {message.customerFacing ? <span className="fg-panel-badge fg-panel-flag-customer">customer-facing</span> : null}
        <strong>To {message.to ? displayText(message.to, 80) : 'nobody named'}</strong>
        <span className="fg-panel-hint">
          {message.action} · {step} · {clockText(message.atMs)}
        </span>
      </div>
      {message.subject ? <div className="sim-subject">{displayText(message.subject, 200)}</div> : null}
      <div className="sim-body">{message.body}</div>
    </li>
  );
}
