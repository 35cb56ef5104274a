// The Log side of the Run tab: compare the design with an event log of the real process. Choose a
// CSV or XES export; see first the cases that skipped an approval, then how well the log fits, the
// cases that left the design (a click shows the case's path on the canvas), which activity is which
// step (editable, saved in the workflow), and "Calibrate simulation", after which batches follow the log.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './conformance.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { minutesText } from '../../../shared/simulation/batch-text';
import { parseSimulationSection } from '../../../shared/simulation/scenario';
import { plural, thousands } from '../../../shared/text';
import { useApp, useDoc } from '../app/context';
import { Button, Section } from '../panels/controls';
import { useLog } from './hooks';
import type { Violation } from '../../../shared/conformance/conform';
import { MAX_LISTED_CASES } from './limits';
import type { ColumnsNeeded, LogActivity, LogColumns, LogView } from './log-view';
import { loadSampleLog, SAMPLE_LOG_NAME, sampleFits } from './sample-log';
import { calibrationSummary } from './store';

const ACCEPT = '.csv,.tsv,.txt,.xes,.xml,text/csv,text/plain,application/xml';

export function LogPanel() {
  const app = useApp();
  const status = useLog((s) => s.status);
  const fileName = useLog((s) => s.fileName);
  const pickPending = useLog((s) => s.pickPending);
  const fitsSample = useDoc((s) => (s.settled ? sampleFits(s.settled) : false));
  const input = useRef<HTMLInputElement>(null);
  // File → Compare with a Log… asks for the chooser, before or after this panel is shown.
  useEffect(() => {
    if (pickPending && app.log.takePick()) input.current?.click();
  }, [pickPending, app]);
  const choose = () => input.current?.click();
  return (
    <div className="fg-panel log-panel" data-testid="log-panel">
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="log-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void app.log.openFile(file);
        }}
      />
      {status === 'empty' ? (
        <div className="log-empty">
          <p className="fg-panel-hint">
            Compare the design with how the process really runs: choose an event log exported from your help desk, CRM or ticket system — one row per activity, with a case id and a time (CSV), or an
            XES file. Flowgate replays each case on the workflow, shows where reality leaves the design and which cases skipped an approval, and can set the simulation's numbers from it.
          </p>
          <Button testId="log-choose" kind="primary" onClick={choose}>
            Choose a log…
          </Button>
          <p className="fg-panel-hint">The log is read on this computer and never sent anywhere.</p>
          {fitsSample ? (
            <p className="fg-panel-hint">
              No log at hand?{' '}
              <button type="button" className="log-link-button" data-testid="log-sample" onClick={() => void loadSampleLog().then((text) => app.log.load(SAMPLE_LOG_NAME, text))}>
                Try the sample log
              </button>{' '}
              of 200 support tickets, with a few cases that leave the design.
            </p>
          ) : null}
        </div>
      ) : (
        <div className="log-file-bar">
          <span className="log-file-name" title={fileName ?? ''}>
            {displayText(fileName ?? '', 80)}
          </span>
          <Button testId="log-choose" onClick={choose}>
            Choose another…
          </Button>
          <Button testId="log-close" onClick={() => app.log.close()}>
            Close
          </Button>
        </div>
      )}
      <LogBody />
    </div>
  );
}

function LogBody() {
  const status = useLog((s) => s.status);
  const error = useLog((s) => s.error);
  const retryable = useLog((s) => s.retryable);
  const columns = useLog((s) => s.columnsNeeded);
  const view = useLog((s) => s.view);
  const app = useApp();
  if (status === 'reading') {
    return (
      <p className="log-status" role="status" data-testid="log-reading">
        Reading and replaying the log…
      </p>
    );
  }
  if (status === 'failed') {
    return (
      <div className="log-error" role="alert" data-testid="log-error">
        <p>{error}</p>
        {retryable ? (
          <Button testId="log-retry" onClick={() => void app.log.retry()}>
            Try again
          </Button>
        ) : null}
      </div>
    );
  }
  if (status === 'columns' && columns) return <ColumnsForm needed={columns} />;
  if (status === 'ready' && view) return <Comparison view={view} />;
  return null;
}

/** "the case id, the activity and the timestamp". */
function wordList(words: string[]): string {
  const the = words.map((w) => `the ${w}`);
  return the.length < 2 ? (the[0] ?? '') : `${the.slice(0, -1).join(', ')} and ${the[the.length - 1]}`;
}

/** Names the columns of a CSV export whose headers Flowgate could not tell. */
function ColumnsForm({ needed }: { needed: ColumnsNeeded }) {
  const app = useApp();
  const [chosen, setChosen] = useState<LogColumns>(needed.guessed);
  const fields: { field: 'caseId' | 'activity' | 'time' | 'outcome'; label: string; optional?: boolean }[] = [
    { field: 'caseId', label: 'Case id' },
    { field: 'activity', label: 'Activity' },
    { field: 'time', label: 'Time (when it was done)' },
    { field: 'outcome', label: 'Outcome', optional: true },
  ];
  const ready = !!chosen.caseId && !!chosen.activity && !!chosen.time;
  return (
    <Section title="Which column is which?" testId="log-columns">
      <p className="fg-panel-hint">
        Flowgate could not tell which column holds {wordList(needed.missing)}. Choose {needed.missing.length === 1 ? 'it' : 'them'}; the log is then read again.
      </p>
      {fields.map(({ field, label, optional }) => (
        <label key={field} className="fg-panel-field">
          <span className="fg-panel-label">{label}</span>
          <select
            className="fg-panel-input"
            value={chosen[field] ?? ''}
            data-testid={`log-column-${field}`}
            onChange={(e) => setChosen({ ...chosen, [field]: e.target.value || undefined })}
          >
            <option value="">{optional ? 'None' : 'Choose a column'}</option>
            {needed.headers.map((h, i) => (
              <option key={`${i}:${h}`} value={h}>
                {displayText(h, 60) || `Column ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      ))}
      <Button testId="log-columns-apply" disabled={!ready} onClick={() => void app.log.setColumns(chosen)}>
        Read the log
      </Button>
    </Section>
  );
}

function Comparison({ view }: { view: LogView }) {
  const r = view.result;
  const stale = useLog((s) => s.stale);
  const busy = useLog((s) => s.busy);
  return (
    <div className={`log-comparison${stale || busy ? ' is-updating' : ''}`} aria-busy={stale || busy}>
      {r.violations.length > 0 ? <Violations view={view} /> : null}
      <Summary view={view} />
      {r.deviatingCases.length > 0 ? <DeviatingCases view={view} /> : null}
      <Activities view={view} />
      <Calibrate view={view} />
      {r.warnings.length > 0 || r.unalignedCases.length > 0 ? (
        <Section title="Notes">
          <ul className="log-notes">
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
            {r.unalignedCases.map((c) => (
              <li key={c.caseId}>
                Case {c.caseId} was not replayed: {c.reason}.
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

function when(iso: string): string {
  // As the log has it, in UTC, to the minute: "2024-06-03 08:57".
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function labelOf(wf: Workflow, nodeId: string): string {
  const node = wf.nodes.find((n) => n.id === nodeId);
  return displayText(node?.label || nodeId, 60, nodeId);
}

function Violations({ view }: { view: LogView }) {
  const app = useApp();
  const workflow = useDoc((s) => s.settled)!;
  const selected = useLog((s) => s.selectedCase);
  // One line per case: the sensitive steps it did without approval, in order.
  const byCase = useMemo(() => {
    const cases = new Map<string, Violation[]>();
    for (const v of view.result.violations) {
      const list = cases.get(v.caseId);
      if (list) list.push(v);
      else cases.set(v.caseId, [v]);
    }
    return [...cases.entries()];
  }, [view]);
  const shown = byCase.slice(0, 50);
  const steps = (list: Violation[]) => [...new Map(list.map((v) => [v.nodeId, `“${labelOf(workflow, v.nodeId)}” (${v.action})`])).values()].join(' and ');
  const gates = (list: Violation[]) => [...new Set(list.flatMap((v) => v.approvalNodeIds))].map((id) => `“${labelOf(workflow, id)}”`).join(' or ');
  return (
    <section className="log-violations" role="region" aria-label="Approvals skipped" data-testid="log-violations">
      <h3 className="log-violations-title">{plural(byCase.length, 'case')} did a sensitive step without its approval</h3>
      <ul>
        {shown.map(([caseId, list]) => (
          <li key={caseId}>
            <button
              type="button"
              className={`log-violation${selected === caseId ? ' is-selected' : ''}`}
              aria-pressed={selected === caseId}
              data-testid={`log-violation-${caseId}`}
              onClick={() => app.log.selectCase(selected === caseId ? null : caseId)}
            >
              <strong>{displayText(caseId, 40)}</strong> did {steps(list)} without {gates(list)} · {when(list[0].at)}
            </button>
          </li>
        ))}
      </ul>
      {byCase.length > shown.length ? <p className="fg-panel-hint">and {plural(byCase.length - shown.length, 'more case')}</p> : null}
    </section>
  );
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')} %`;
}

function Summary({ view }: { view: LogView }) {
  const app = useApp();
  const overlay = useLog((s) => s.overlay);
  const r = view.result;
  const id = useId();
  return (
    <Section title="How the log fits the design" testId="log-summary">
      <dl className="log-figures">
        <div>
          <dt>Fitness</dt>
          <dd data-testid="log-fitness" title="1 − the cost of explaining the cases on the design / the most it could cost (docs/CONFORMANCE.md)">
            {percent(r.fitness)}
          </dd>
        </div>
        <div>
          <dt>Cases that follow the design</dt>
          <dd data-testid="log-fitting">
            {thousands(r.fittingCases)} of {thousands(r.cases)}
          </dd>
        </div>
        <div>
          <dt>Events</dt>
          <dd>{thousands(r.events)}</dd>
        </div>
        <div>
          <dt>Cycle time</dt>
          <dd>
            {minutesText(r.cycleTime.median)} median · {minutesText(r.cycleTime.p90)} p90
          </dd>
        </div>
      </dl>
      <label className="log-overlay-toggle" htmlFor={id}>
        <input id={id} type="checkbox" checked={overlay} data-testid="log-overlay" onChange={(e) => app.log.setOverlay(e.target.checked)} />
        Show on the canvas
      </label>
    </Section>
  );
}

function deviationWords(d: { kind: string; activity: string }): string {
  if (d.kind === 'skipped') return `skipped ${d.activity}`;
  if (d.kind === 'not-in-design') return `${d.activity} (not in the design)`;
  return `${d.activity} out of turn`;
}

function DeviatingCases({ view }: { view: LogView }) {
  const app = useApp();
  const selected = useLog((s) => s.selectedCase);
  const all = view.result.deviatingCases;
  const listed = all.slice(0, MAX_LISTED_CASES);
  return (
    <Section title={`Cases that left the design (${thousands(all.length)})`} testId="log-cases">
      <p className="fg-panel-hint">Click a case to see its path on the canvas.</p>
      <div className="log-table-wrap">
        <table className="log-table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Fitness</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((c) => (
              <tr
                key={c.caseId}
                className={selected === c.caseId ? 'is-selected' : undefined}
                aria-selected={selected === c.caseId}
                tabIndex={0}
                data-testid={`log-case-${c.caseId}`}
                onClick={() => app.log.selectCase(selected === c.caseId ? null : c.caseId)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter' && e.key !== ' ') return;
                  e.preventDefault();
                  app.log.selectCase(selected === c.caseId ? null : c.caseId);
                }}
              >
                <td className="log-case-id">{displayText(c.caseId, 40)}</td>
                <td className="log-num">{percent(c.fitness)}</td>
                <td>{c.deviations.map((d) => displayText(deviationWords(d), 80)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {all.length > listed.length ? <p className="fg-panel-hint">The first {thousands(listed.length)} are listed; `flowgate conform` lists them all.</p> : null}
    </Section>
  );
}

/** How an activity came to be the step it is (or not): a note under its choice. */
function matchWords(a: LogActivity): string {
  if (a.by === 'map') return 'Your choice, saved in the workflow';
  if (a.by === 'id') return "Matched by the step's id";
  if (a.by === 'label') return "Matched by the step's name";
  return a.note ? `Not matched: ${a.note}` : 'No step has this name';
}

function Activities({ view }: { view: LogView }) {
  const app = useApp();
  const workflow = useDoc((s) => s.settled)!;
  const steps = useMemo(() => workflow.nodes.map((n) => ({ id: n.id, label: `${displayText(n.label || n.id, 50, n.id)} (${n.kind})` })), [workflow.nodes]);
  const unmatched = view.activities.filter((a) => a.nodeId === null).length;
  return (
    <Section title="Activities and steps" testId="log-activities">
      <p className="fg-panel-hint">
        {unmatched
          ? `${plural(unmatched, 'activity', 'activities')} of the log ${unmatched === 1 ? 'is' : 'are'} no step of the design: choose one if it is, or leave it as something the design does not have.`
          : 'Each activity of the log is a step of the design.'}{' '}
        Your choices are saved in the workflow.
      </p>
      <ul className="log-mapping">
        {view.activities.map((a) => (
          <li key={a.activity} className={a.nodeId === null ? 'is-unmatched' : undefined} data-testid={`log-activity-${a.activity}`}>
            <div className="log-mapping-head">
              <span className="log-mapping-activity">{displayText(a.activity, 60) || '(empty)'}</span>
              <span className="log-num">{plural(a.events, 'event')}</span>
            </div>
            <select
              className="fg-panel-input"
              aria-label={`Step of “${displayText(a.activity, 60)}”`}
              value={a.nodeId ?? ''}
              data-testid={`log-map-${a.activity}`}
              onChange={(e) => app.log.mapActivity(a.activity, e.target.value || null)}
            >
              <option value="">{a.by === 'map' ? 'As Flowgate matches it' : 'Not in the design'}</option>
              {steps.map((st) => (
                <option key={st.id} value={st.id}>
                  {st.label}
                </option>
              ))}
            </select>
            <span className="log-by">{matchWords(a)}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Calibrate({ view }: { view: LogView }) {
  const app = useApp();
  const workflow = useDoc((s) => s.settled)!;
  const stale = useLog((s) => s.stale);
  const busy = useLog((s) => s.busy);
  const source = useMemo(() => {
    try {
      return parseSimulationSection(workflow.simulation).calibration ?? null;
    } catch {
      return null;
    }
  }, [workflow.simulation]);
  const fromThis = source !== null && source.log === view.fileName && source.cases === view.result.cases && source.events === view.result.events;
  const notes = view.calibration.notes;
  return (
    <Section title="Calibrate the simulation" testId="log-calibrate">
      <p className="fg-panel-hint">
        Write what the log says into the workflow's simulation — {calibrationSummary(view)} — so that a batch predicts the real process: steps leave by their outputs as often as in the log and take
        as long. One undo step.
      </p>
      {notes.map((n) => (
        <p key={n} className="fg-panel-warning">
          {n}
        </p>
      ))}
      <div className="log-calibrate-row">
        <Button testId="log-calibrate-button" kind="primary" disabled={stale || busy} onClick={() => app.log.calibrate()}>
          Calibrate simulation
        </Button>
        {fromThis ? (
          <span className="log-calibrated" data-testid="log-calibrated">
            Batches use the numbers from this log.{' '}
            <button type="button" className="log-link-button" onClick={() => app.batch.setMode('batch')}>
              Run a batch
            </button>
          </span>
        ) : source ? (
          <span className="fg-panel-hint">Now calibrated from {displayText(source.log, 60)} ({plural(source.cases, 'case')}).</span>
        ) : null}
      </div>
    </Section>
  );
}
