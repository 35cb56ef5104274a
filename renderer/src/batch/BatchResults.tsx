// A batch's results: what ran, the key figures, the heat-map switch, the charts, and the steps where
// calls were denied or errors happened (a click shows the step on the canvas).
import { displayText } from '../../../shared/model/display-text';
import { aiUsageText } from '../../../shared/simulation/ai-usage';
import { FIGURE_MEANINGS, FIGURE_NAMES, faultsText, HAND_OFF_NOTE, minutesText, percent } from '../../../shared/simulation/batch-text';
import { thousands } from '../../../shared/text';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';
import { useApp, useDoc } from '../app/context';
import { formatDateTime } from '../app/format-date';
import { Section, cls } from '../panels/controls';
import { SegmentedRadio } from '../panels/SegmentedRadio';
import { BarChart, CycleHistogram, outcomeBars, WorkloadChart } from './BatchCharts';
import { HEAT_MODES, type HeatMode } from './heat';
import { useBatch } from './hooks';
import type { ShownBatch } from './store';

export function inputsLabel(s: ShownBatch['settings']): string {
  return s.inputs.from === 'dataset' ? `data set “${displayText(s.inputs.dataset, 40)}”` : 'scenarios';
}

function durationText(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${Math.round(ms / 100) / 10} s`;
}

export function ResultsSection() {
  const shown = useBatch((s) => s.shown)!;
  const running = useBatch((s) => s.runningId !== null || s.starting);
  const m = shown.metrics;
  const s = shown.settings;
  return (
    <Section title="Results" testId="batch-results" aside={shown.startedAt ? <span className="fg-panel-hint">{formatDateTime(shown.startedAt)}</span> : undefined}>
      {running ? <p className="fg-panel-hint batch-earlier">From the batch before; the one running takes its place when it finishes.</p> : null}
      {shown.cancelled ? (
        <p className="batch-note is-warn" data-testid="batch-cancelled">
          Cancelled: these results cover the {thousands(m.runs)} of {thousands(shown.total)} items finished before the cancel
          {shown.aiUsage ? '.' : ` — the same as the first ${thousands(m.runs)} items of the full batch.`}
        </p>
      ) : null}
      {shown.saveError ? <span className="fg-panel-warning">{shown.saveError}</span> : null}
      <p className="fg-panel-hint batch-ran" data-testid="batch-ran">
        {thousands(m.runs)} {m.runs === 1 ? 'item' : 'items'} · seed {s.seed} · {inputsLabel(s)} · faults: {faultsText(s)}
        {s.slaMinutes !== null ? ` · SLA ${minutesText(s.slaMinutes)}` : ''}
        {shown.durationMs !== null ? ` · took ${durationText(shown.durationMs)}` : ''}
      </p>
      {shown.aiUsage ? (
        <p className="batch-note" data-testid="batch-ai-usage">
          AI steps marked external ran on {displayText(shown.aiUsage.model, 60)}: {aiUsageText(shown.aiUsage)}. Its answers are not reproducible, so running this batch again with
          the same seed may give other results.
        </p>
      ) : null}
      <KeyFigures metrics={m} />
      <HeatToggle />
      <BarChart bars={outcomeBars(m)} title={FIGURE_NAMES.outcomes} subtitle="By the outcome their end step records; not the same as “Handed to a team”." testId="batch-chart-outcomes" />
      <CycleHistogram metrics={m} testId="batch-chart-cycle" />
      <WorkloadChart metrics={m} testId="batch-chart-workload" />
      <ProblemSteps metrics={m} />
    </Section>
  );
}

function KeyFigures({ metrics: m }: { metrics: BatchMetrics }) {
  const c = m.cycleTimeMinutes;
  const figures: { key: string; label: string; value: string; sub?: string; title?: string }[] = [
    {
      key: 'without',
      label: FIGURE_NAMES.withoutPerson,
      value: percent(m.completedWithoutHuman, m.runs),
      sub: thousands(m.completedWithoutHuman),
      title: FIGURE_MEANINGS.withoutPerson,
    },
    { key: 'reviewed', label: FIGURE_NAMES.reviewed, value: percent(m.reviewed, m.runs), sub: thousands(m.reviewed), title: FIGURE_MEANINGS.reviewed },
    { key: 'escalated', label: FIGURE_NAMES.escalated, value: percent(m.escalated, m.runs), sub: `${thousands(m.escalated)} passed an escalation`, title: FIGURE_MEANINGS.escalated },
    {
      key: 'p50',
      label: `${FIGURE_NAMES.cycle} p50`,
      value: minutesText(c.p50),
      sub: `p90 ${minutesText(c.p90)} · p95 ${minutesText(c.p95)} · max ${minutesText(c.max)}`,
      title: `Time from intake to end on the virtual clock: half the items took at most p50, 90 % at most p90, 95 % at most p95; max is the longest.${m.escalated ? ` ${HAND_OFF_NOTE}` : ''}`,
    },
    { key: 'denied', label: FIGURE_NAMES.denied, value: thousands(m.deniedCalls) },
    { key: 'errors', label: FIGURE_NAMES.errors, value: thousands(m.errors), sub: m.failedCalls ? `${thousands(m.failedCalls)} failed calls` : undefined },
  ];
  if (m.slaMinutes !== null && m.slaBreaches !== null) {
    figures.push({ key: 'sla', label: `Over the SLA`, value: percent(m.slaBreaches, m.runs), sub: `${thousands(m.slaBreaches)} over ${minutesText(m.slaMinutes)}` });
  }
  if (m.notEntered) {
    figures.push({
      key: 'not-entered',
      label: 'Never entered',
      value: percent(m.notEntered, m.runs),
      sub: thousands(m.notEntered),
      title: 'Items the intake could not read: they never entered the workflow, so they are in no outcome, stop or cycle time',
    });
  }
  if (m.changedAfterApproval) {
    figures.push({
      key: 'changed',
      label: 'Sent changed after approval',
      value: thousands(m.changedAfterApproval),
      sub: 'calls',
      title: 'Calls that sent content different from what the reviewer approved (gate/stale-approval)',
    });
  }
  return (
    <>
    <dl className="batch-figures" data-testid="batch-figures">
      {figures.map((f) => (
        <div key={f.key} className={cls('batch-figure', (f.key === 'denied' || f.key === 'errors' || f.key === 'changed') && f.value !== '0' && 'is-bad')} data-testid={`batch-figure-${f.key}`} title={f.title}>
          <dt>{f.label}</dt>
          <dd>
            {f.value}
            {f.sub ? <span className="fg-panel-hint"> {f.sub}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
    {m.escalated ? (
      <p className="fg-panel-hint" data-testid="batch-hand-off-note">
        {HAND_OFF_NOTE} The escalated items end there on the clock.
      </p>
    ) : null}
    </>
  );
}

const HEAT_LABELS: Record<HeatMode, string> = { off: 'Off', visits: 'Visits', time: 'Time' };
const HEAT_TITLES: Record<HeatMode, string> = {
  off: 'No heat map on the canvas',
  visits: 'Colour steps by how often items entered them; links are as wide as they were followed',
  time: 'Colour steps by how long items spent there on average; links are as wide as they were followed',
};

/** Off / visits / time: what the canvas paints from the shown batch. */
export function HeatToggle() {
  const app = useApp();
  const heat = useBatch((s) => s.heat);
  return (
    <div className="batch-heat">
      <span className="fg-panel-label" id="batch-heat-label">
        Heat map on the canvas
      </span>
      <SegmentedRadio values={HEAT_MODES} value={heat} onChange={app.batch.setHeat} labels={HEAT_LABELS} titles={HEAT_TITLES} labelledBy="batch-heat-label" testId="heatmap-toggle" choiceTestId="heatmap" />
    </div>
  );
}

function ProblemSteps({ metrics: m }: { metrics: BatchMetrics }) {
  const app = useApp();
  const workflow = useDoc((s) => s.settled)!;
  const changed = m.changedAfterApprovalByNode ?? {};
  const ids = [...new Set([...Object.keys(m.deniedCallsByNode), ...Object.keys(m.errorsByNode), ...Object.keys(changed)])];
  if (!ids.length) return null;
  const label = (id: string) => displayText(workflow.nodes.find((n) => n.id === id)?.label ?? id, 60, id);
  const onCanvas = (id: string) => workflow.nodes.some((n) => n.id === id);
  return (
    <div className="batch-problems" data-testid="batch-problem-steps">
      <h4 className="batch-subtitle">Where things went wrong</h4>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            {onCanvas(id) ? (
              <button type="button" className="fg-panel-button fg-panel-button-link" onClick={() => app.sim.focusNode(id)}>
                {label(id)}
              </button>
            ) : (
              <span>{label(id)}</span>
            )}
            {m.deniedCallsByNode[id] ? <span className="fg-panel-badge batch-badge-bad">{thousands(m.deniedCallsByNode[id])} denied</span> : null}
            {m.errorsByNode[id] ? <span className="fg-panel-badge batch-badge-warn">{thousands(m.errorsByNode[id])} errors</span> : null}
            {changed[id] ? (
              <span className="fg-panel-badge batch-badge-bad" data-testid={`batch-changed-${id}`}>
                {thousands(changed[id])} sent changed after approval
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
