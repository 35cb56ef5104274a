// The Batch side of the Run tab: run many simulated items through the workflow at once (how many,
// from which inputs, at which fault rates, from which seed), follow the batch's progress and cancel it,
// read the results, paint them on the canvas, and compare kept batches.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './batch.css';
import { useEffect, useMemo } from 'react';
import { MAX_BATCH_RUNS } from '../../../shared/simulation/batch-settings';
import { minutesText } from '../../../shared/simulation/batch-text';
import { thousands } from '../../../shared/text';
import { aiUsageText } from '../../../shared/simulation/ai-usage';
import type { Workflow } from '../../../shared/model/schema';
import { workflowSlaMinutes } from '../../../shared/simulation/scenario';
import { setWorkflowSla } from '../../../shared/simulation/scenario-edit';
import { useApp, useDoc } from '../app/context';
import { CalibrationNote } from '../conformance/CalibrationNote';
import { Button, Section } from '../panels/controls';
import { useSim } from '../simulation/hooks';
import { SimIcon } from '../simulation/SimIcons';
import { BatchHistorySection, CompareView } from './BatchHistory';
import { ResultsSection } from './BatchResults';
import { datasetValue, settingsFromForm, slaText, type FormField } from './form';
import { batchInputs, emptyInputsWarning } from './inputs';
import { secondsText } from './heat';
import { useBatch } from './hooks';
import { confirmQuestion, type AiTarget } from './store';

export function BatchPanel() {
  const app = useApp();
  const workflow = useDoc((s) => s.settled)!;
  const hasResults = useBatch((s) => s.shown !== null);
  const comparison = useBatch((s) => s.comparison !== null);
  const usesModel = useBatch((s) => s.aiTarget !== null) && externalStepCount(workflow) > 0;
  // Each time the panel opens: Settings → AI may have changed since.
  useEffect(() => void app.batch.loadAiProvider(), [app]);
  useEffect(() => {
    void app.batch.loadDatasets();
    // The intake's data set (sim.samples) decides the default inputs of a workflow without scenarios.
    void app.sim.loadSamples(workflow);
    if (workflow.id) void app.batch.loadHistory();
  }, [app, workflow]);
  return (
    <div className="fg-panel batch-panel" data-testid="batch-panel">
      <p className="fg-panel-hint batch-intro">
        {usesModel
          ? 'Run many simulated items through this workflow at once: reviewers follow their profiles and faults come at the rates you set.'
          : 'Run many simulated items through this workflow at once, offline: reviewers follow their profiles and faults come at the rates you set. The same seed gives the same results.'}
      </p>
      <CalibrationNote workflow={workflow} />
      <SetupSection workflow={workflow} />
      <ProgressSection />
      {hasResults ? <ResultsSection /> : null}
      <BatchHistorySection />
      {comparison ? <CompareView /> : null}
    </div>
  );
}

/** AI steps set to the external model (Settings → AI decide whether they reach it). */
function externalStepCount(wf: Workflow): number {
  return wf.nodes.filter((n) => n.kind === 'ai' && (n.config as { provider?: string }).provider === 'external').length;
}

/** Percent fields side by side. */
const FAULTS: { field: FormField; label: string; testId: string; hint: string }[] = [
  { field: 'aiUnavailable', label: 'AI unavailable', testId: 'batch-fault-ai-unavailable', hint: 'Share of AI steps that get no answer: they wait the 30 s timeout and leave by “error”.' },
  { field: 'aiUnsure', label: 'AI unsure', testId: 'batch-fault-ai-unsure', hint: 'Share of AI steps whose answer is unsure: they leave by “low confidence”.' },
  { field: 'connectorFailure', label: 'Connector fails', testId: 'batch-fault-connector', hint: 'Share of connector actions that fail: the step leaves by “error”.' },
];

function SetupSection({ workflow }: { workflow: Workflow }) {
  const app = useApp();
  const form = useBatch((s) => s.form);
  const datasets = useBatch((s) => s.datasets);
  const running = useBatch((s) => s.runningId !== null);
  const starting = useBatch((s) => s.starting);
  const cancelling = useBatch((s) => s.cancelling);
  const aiProvider = useBatch((s) => s.aiProvider);
  const aiTarget = useBatch((s) => s.aiTarget);
  const intakeDataset = useSim((s) => s.samples?.dataset ?? null);
  const inputs = useMemo(() => batchInputs(workflow, intakeDataset, datasets), [workflow, intakeDataset, datasets]);
  const chosen = form.inputs ?? inputs.fallback;
  const empty = useMemo(() => emptyInputsWarning(workflow, chosen, inputs), [workflow, chosen, inputs]);

  // The default inputs: the workflow's scenarios, else the data set that fits its intake best.
  useEffect(() => {
    if (datasets === null) return;
    if (form.inputs !== null && inputs.groups.some((g) => g.options.some((o) => o.value === form.inputs))) return;
    app.batch.setField('inputs', inputs.fallback);
  }, [app, form.inputs, inputs, datasets]);

  const workflowSla = workflowSlaMinutes(workflow);
  const parsed = settingsFromForm(form, workflowSla);
  const errors = parsed.ok ? {} : parsed.errors;
  const externalSteps = externalStepCount(workflow);
  const field = (key: FormField) => ({
    value: form[key] ?? '',
    'aria-invalid': errors[key] ? true : undefined,
    onChange: (e: { target: { value: string } }) => app.batch.setField(key, e.target.value),
  });

  return (
    <Section title="Run a batch" testId="batch-setup">
      <div className="batch-row">
        <label className="fg-panel-field batch-runs">
          <span className="fg-panel-label">Items</span>
          <input className="fg-panel-input" type="number" min={1} max={MAX_BATCH_RUNS} step={1} data-testid="batch-runs" {...field('runs')} />
        </label>
        <label className="fg-panel-field batch-seed">
          <span className="fg-panel-label">Seed</span>
          <input className="fg-panel-input fg-panel-mono" type="number" step={1} data-testid="batch-seed" title="The same workflow, settings and seed always give the same results." {...field('seed')} />
        </label>
        <label className="fg-panel-field batch-sla">
          <span className="fg-panel-label">SLA (minutes)</span>
          <input
            className="fg-panel-input"
            type="number"
            min={0}
            step="any"
            placeholder="none"
            data-testid="batch-sla"
            title="Items whose cycle time is longer are counted as over the SLA. Empty: no SLA."
            {...field('sla')}
            value={slaText(form, workflowSla)}
          />
        </label>
      </div>
      {errors.runs ? <span className="fg-panel-error" role="alert">{errors.runs}</span> : null}
      {errors.seed ? <span className="fg-panel-error" role="alert">{errors.seed}</span> : null}
      {errors.sla ? <span className="fg-panel-error" role="alert">{errors.sla}</span> : null}
      {parsed.ok ? <WorkflowSla workflow={workflow} workflowSla={workflowSla} sla={parsed.settings.slaMinutes} /> : null}
      <label className="fg-panel-field">
        <span className="fg-panel-label">Inputs</span>
        <select className="fg-panel-input fg-panel-select" data-testid="batch-inputs" value={chosen} onChange={(e) => app.batch.setField('inputs', e.target.value)}>
          {inputs.groups.map((g, i) =>
            g.label ? (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : (
              g.options.map((o) => (
                <option key={`${i}:${o.value}`} value={o.value}>
                  {o.label}
                </option>
              ))
            ),
          )}
        </select>
        <span className="fg-panel-hint">
          {form.inputs?.startsWith('dataset:')
            ? 'Each item is a record of the data set, in an order the seed shuffles.'
            : 'Each item takes a scenario’s input in turn; its scripted decisions and faults are set aside.'}
        </span>
      </label>
      <fieldset className="batch-faults">
        <legend className="fg-panel-label">Faults (% of items)</legend>
        <div className="batch-row">
          {FAULTS.map((f) => (
            <label key={f.field} className="fg-panel-field batch-fault" title={f.hint}>
              <span className="fg-panel-hint">{f.label}</span>
              <span className="batch-percent">
                <input className="fg-panel-input" type="number" min={0} max={100} step="any" data-testid={f.testId} {...field(f.field)} />
                <span aria-hidden="true">%</span>
              </span>
            </label>
          ))}
        </div>
        {FAULTS.map((f) =>
          errors[f.field] ? (
            <span key={f.field} className="fg-panel-error" role="alert">
              {errors[f.field]}
            </span>
          ) : null,
        )}
      </fieldset>
      {externalSteps > 0 && aiProvider !== null ? (
        <p className="batch-note" data-testid="batch-ai-note">
          {aiProvider === 'openai-compatible' && aiTarget ? modelNote(externalSteps, aiTarget) : 'Settings → AI say Mock, so every AI step of a batch runs on Flowgate’s mock AI, offline.'}
        </p>
      ) : null}
      {empty ? (
        <div className="batch-note is-warn" role="alert" data-testid="batch-empty-input">
          <span>{empty.text}</span>
          {empty.suggest ? (
            <Button kind="link" testId="batch-use-fitting" onClick={() => app.batch.setField('inputs', datasetValue(empty.suggest!.name))}>
              Use “{empty.suggest.name}”
            </Button>
          ) : null}
        </div>
      ) : null}
      <ConfirmCalls />
      <div className="batch-row batch-actions">
        <Button kind="primary" testId="batch-start" disabled={!parsed.ok || running || starting} onClick={() => void app.batch.start()}>
          <SimIcon name="run" size={13} /> {starting ? 'Starting…' : running ? 'Running…' : 'Start batch'}
        </Button>
        {running ? (
          <Button testId="batch-cancel" disabled={cancelling} onClick={() => void app.batch.cancel()} title="Stop the batch; the items it finished are kept">
            <SimIcon name="stop" size={12} /> {cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : null}
      </div>
    </Section>
  );
}

/** Whether the SLA in the form is the workflow's own (`simulation.slaMinutes`), and a button to make it so. */
function WorkflowSla({ workflow, workflowSla, sla }: { workflow: Workflow; workflowSla: number | null; sla: number | null }) {
  const app = useApp();
  if (sla === workflowSla) {
    return workflowSla === null ? null : (
      <span className="fg-panel-hint" data-testid="batch-sla-workflow">
        The workflow’s own SLA: batches, reports and the command line use it unless told otherwise.
      </span>
    );
  }
  const save = () => {
    const edit = setWorkflowSla(workflow, sla);
    if (!edit.ok) return app.ui.toast('error', edit.reason);
    app.doc.commit(edit.workflow);
    app.batch.followWorkflowSla();
  };
  return (
    <span className="fg-panel-hint">
      {workflowSla === null ? 'This workflow has no SLA of its own. ' : `The workflow’s own SLA is ${minutesText(workflowSla)}. `}
      <Button kind="link" testId="batch-sla-save" onClick={save} title="Keep this SLA in the workflow file (simulation.slaMinutes), as the default of every batch and report">
        {sla === null ? 'Remove the workflow’s SLA' : 'Save as the workflow’s SLA'}
      </Button>
    </span>
  );
}

/** What the setup says when AI steps of the batch run on a model. */
function modelNote(steps: number, t: AiTarget): string {
  const which = steps === 1 ? 'The AI step set to the external model runs' : `The ${steps} AI steps set to the external model run`;
  const model = t.model ? `${t.model} at ${t.host}` : `the server at ${t.host} (no model is chosen yet in Settings → AI)`;
  return `${which} on ${model}: about one call per step and item, a few items at a time. Flowgate asks first when a batch would send more than ${thousands(t.maxCallsWithoutAsking)} calls. The model’s answers are not reproducible, so the same seed may give other results.`;
}

/** Asks before a batch sends more model calls than Settings allow without asking. */
function ConfirmCalls() {
  const app = useApp();
  const confirm = useBatch((s) => s.confirm);
  if (!confirm) return null;
  return (
    <div className="batch-note is-warn batch-confirm" role="alertdialog" aria-labelledby="batch-confirm-question" data-testid="batch-confirm-calls">
      <strong id="batch-confirm-question">{confirmQuestion(confirm)}</strong>
      <span className="fg-panel-hint">
        {confirm.local ? 'The server runs on this computer: nothing leaves it and nothing is billed.' : 'The data those steps read is sent to it, and the provider bills the calls.'} Settings → AI say when Flowgate asks.
      </span>
      <div className="batch-row batch-actions">
        <Button kind="primary" testId="batch-confirm-yes" onClick={() => void app.batch.confirmCalls()}>
          Continue
        </Button>
        <Button testId="batch-confirm-no" onClick={() => app.batch.dismissConfirm()}>
          Don’t run it
        </Button>
      </div>
    </div>
  );
}

function ProgressSection() {
  const app = useApp();
  const progress = useBatch((s) => s.progress);
  const speed = useBatch((s) => s.speed);
  const running = useBatch((s) => s.runningId !== null);
  const cancelling = useBatch((s) => s.cancelling);
  const starting = useBatch((s) => s.starting);
  const error = useBatch((s) => s.error);
  if (!progress && !starting && !error) return null;
  let text = 'Starting the batch…';
  if (progress) {
    const done = `${thousands(progress.done)} of ${thousands(progress.total)} items`;
    if (running) {
      const pace = speed ? `${thousands(Math.round(speed.rate))} items/s · about ${etaText(speed.etaSeconds)} left` : 'measuring the rate…';
      text = cancelling ? `${done} · cancelling…` : `${done} · ${pace}`;
    } else if (progress.state === 'cancelled') text = `Cancelled after ${done}.`;
    else if (progress.state === 'failed') text = `Stopped after ${done}.`;
    else text = `Finished ${thousands(progress.done)} ${progress.done === 1 ? 'item' : 'items'}.`;
  }
  const finishedState = progress && !running ? progress.state : null;
  return (
    <section className="batch-progress" data-testid="batch-progress" data-state={running ? 'running' : (finishedState ?? 'starting')} aria-live="polite">
      {progress || starting ? (
        <>
          <progress className="batch-bar" max={progress?.total || 1} value={progress ? progress.done : undefined} aria-label="Items finished" />
          <span className="batch-progress-text" data-testid="batch-progress-text">
            {text}
          </span>
          {progress && running ? (
            <span className="fg-panel-hint" data-testid={progress.aiUsage ? 'batch-ai-progress' : undefined}>
              {progress.aiUsage
                ? `AI steps marked external go to ${progress.aiUsage.model}, a few items at a time · so far ${aiUsageText(progress.aiUsage)}.`
                : progress.inWorker
                  ? 'Running in a background thread: keep working while it runs.'
                  : 'Running in the app’s backend, in slices.'}
            </span>
          ) : null}
        </>
      ) : null}
      {error ? (
        <div className="batch-error" role="alert" data-testid="batch-error">
          <span className="fg-panel-error">{error}</span>
          <Button kind="link" testId="batch-error-dismiss" onClick={() => app.batch.dismissError()}>
            Dismiss
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function etaText(seconds: number): string {
  if (seconds < 1) return 'a second';
  return secondsText(Math.ceil(seconds));
}
