// Breakpoints (steps where the replay pauses) and the run history of the workflow (reopen, delete).
import { useMemo } from 'react';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { useApp, useUi } from '../app/context';
import { formatDateTime } from '../app/format-date';
import { Button, Section, cls } from '../panels/controls';
import { minutesText } from './describe';
import { useSim } from './hooks';

export function BreakpointsSection({ workflow }: { workflow: Workflow }) {
  const app = useApp();
  const breakpoints = useSim((s) => s.breakpoints);
  const selectedNodes = useUi((s) => s.selectedNodes);
  const selected = useMemo(() => (selectedNodes.size === 1 ? workflow.nodes.find((n) => selectedNodes.has(n.id)) ?? null : null), [workflow.nodes, selectedNodes]);
  const label = (id: string) => displayText(workflow.nodes.find((n) => n.id === id)?.label ?? id, 60, id);
  const list = [...breakpoints].filter((id) => workflow.nodes.some((n) => n.id === id));
  return (
    <Section title="Breakpoints" testId="sim-breakpoints">
      <span className="fg-panel-hint">The replay pauses when the token enters a step with a breakpoint.</span>
      {selected ? (
        <Button testId="sim-breakpoint-toggle" onClick={() => app.sim.toggleBreakpoint(selected.id)}>
          {breakpoints.has(selected.id) ? `Remove the breakpoint at “${label(selected.id)}”` : `Pause at “${label(selected.id)}”`}
        </Button>
      ) : (
        <span className="fg-panel-hint">Select one step on the canvas to add a breakpoint there.</span>
      )}
      {list.length ? (
        <ul className="fg-panel-chips">
          {list.map((id) => (
            <li key={id} className="fg-panel-chip sim-bp-chip" data-testid={`sim-breakpoint-${id}`}>
              <span className="sim-bp-dot is-inline" aria-hidden="true" />
              {label(id)}
              <button type="button" className="fg-panel-chip-remove" aria-label={`Remove the breakpoint at ${label(id)}`} title="Remove" onClick={() => app.sim.toggleBreakpoint(id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

export function HistorySection() {
  const app = useApp();
  const history = useSim((s) => s.history);
  const warnings = useSim((s) => s.historyWarnings);
  const openId = useSim((s) => (s.shown ? s.shown.runId : null));
  return (
    <Section title="Run history" testId="sim-history" aside={history.length ? <span className="tab-badge">{history.length}</span> : undefined}>
      {warnings.map((w) => (
        <span key={w} className="fg-panel-warning">
          {w}
        </span>
      ))}
      {history.length ? (
        <ul className="sim-history">
          {history.map((r) => (
            <li key={r.id} className={cls('sim-history-item', r.id === openId && 'is-open')}>
              <button type="button" className="sim-history-open" data-testid={`sim-history-${r.id}`} title="Reopen and replay this run" onClick={() => void app.sim.reopen(r.id)}>
                <span className="sim-history-title">
                  {displayText(r.scenario.name || r.scenario.id, 60, r.scenario.id)}
                  <span className={cls('fg-panel-badge', r.outcome ? 'sim-badge-ok' : 'sim-badge-stopped')}>{r.outcome ? displayText(r.outcome, 30) : 'stopped'}</span>
                  {r.deniedCalls ? <span className="fg-panel-badge sim-badge-denied">{r.deniedCalls} denied</span> : null}
                </span>
                <span className="fg-panel-hint">
                  {formatDateTime(r.startedAt)} · seed {r.seed} · {r.steps} steps · {minutesText(r.elapsedMinutes)}
                  {r.approvals === 'ask' ? ' · decided by you' : ''}
                </span>
              </button>
              <button type="button" className="fg-panel-button fg-panel-button-icon" data-testid={`sim-history-delete-${r.id}`} aria-label="Delete this run" title="Delete this run" onClick={() => void app.sim.deleteRun(r.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="fg-panel-empty">Finished runs of this workflow are kept here, to reopen and replay.</p>
      )}
    </Section>
  );
}
