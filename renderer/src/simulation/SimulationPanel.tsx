// The Simulation tab: choose what the run starts from (a scenario, a sample record, a typed input),
// run it in the backend, watch the replay on the canvas, decide at approvals, read what would change,
// and reopen earlier runs. Everything the run produced is shown as text.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './simulation.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { addScenario } from '../../../shared/simulation/scenario-edit';
import { useApp, useDoc } from '../app/context';
import { Button, Field, Section } from '../panels/controls';
import { useSim } from './hooks';
import { ScenarioEditor } from './ScenarioEditor';
import { inputText, parseInput, parseSeed, sourcesOf, startParams, type SourceOption } from './scenarios';
import { SimIcon } from './SimIcons';
import { ApprovalsChoice } from './ApprovalsChoice';
import { eventNames } from './event-names';
import { BreakpointsSection, HistorySection } from './SimHistory';
import { PlayerSection } from './SimPlayer';
import { ChangesSection } from './SimResults';

export function SimulationPanel() {
  const app = useApp();
  const workflow = useDoc((s) => s.settled)!;
  const shown = useSim((s) => s.shown !== null);
  // Cheap when nothing relevant changed: samples are asked again only for a new intake, the history for a new workflow id.
  useEffect(() => {
    void app.sim.loadSamples(workflow);
    if (workflow.id) void app.sim.loadHistory();
  }, [app, workflow]);
  return (
    <div className="fg-panel sim-panel" data-testid="simulation-panel">
      <p className="fg-panel-hint sim-intro">Rehearse a run offline, against mock systems with sample data: nothing is sent, no real system is touched.</p>
      <SetupSection workflow={workflow} />
      <PlayerSection />
      {shown ? <ChangesSection /> : null}
      <BreakpointsSection workflow={workflow} />
      <HistorySection />
    </div>
  );
}

function scriptedText(option: SourceOption, wf: Workflow): string | null {
  const s = option.scenario;
  if (!s) return null;
  const label = (id: string) => displayText(wf.nodes.find((n) => n.id === id)?.label ?? id, 40, id);
  const names = eventNames(wf);
  // A fault's key is "connection:scope": named by the action's words and the connection's name.
  const action = (key: string) => {
    const at = key.indexOf(':');
    const [connection, scope] = at < 0 ? ['', key] : [key.slice(0, at), key.slice(at + 1)];
    const words = names.action(connection, scope);
    return words ? `“${words}” on ${names.connection(connection)}` : key;
  };
  const parts = [
    ...Object.entries(s.decisions).map(([id, d]) => `“${label(id)}” ${d}`),
    ...Object.keys(s.faults.ai).map((id) => `“${label(id)}” AI ${s.faults.ai[id] === 'error' ? 'unavailable' : 'unsure'}`),
    ...Object.keys(s.faults.actions).map((key) => `${action(key)} fails`),
  ];
  return parts.length ? parts.join(' · ') : null;
}

function SetupSection({ workflow }: { workflow: Workflow }) {
  const app = useApp();
  const samples = useSim((s) => s.samples);
  const source = useSim((s) => s.source);
  const text = useSim((s) => s.inputText);
  const seedText = useSim((s) => s.seedText);
  const approvals = useSim((s) => s.approvals);
  const busy = useSim((s) => s.busy);
  const live = useSim((s) => (s.shown?.kind === 'live' && s.shown.status !== 'done' ? s.shown.status : null));
  const { options, problem } = useMemo(() => sourcesOf(workflow, samples), [workflow, samples]);
  const option = options.find((o) => o.value === source) ?? options[0];
  useEffect(() => {
    // The first option (the workflow's first scenario) until the user picks; also after it was removed.
    if (!options.some((o) => o.value === source)) app.sim.choose(options[0].value, options[0].input);
  }, [app, options, source]);

  // The options fold away once a run starts, so the replay has the room; the summary still says what they are.
  const [optionsOpen, setOptionsOpen] = useState(true);
  const [editorOpen, setEditorOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  useStoredInputFollowed(option);
  const input = parseInput(text);
  const seed = parseSeed(seedText);
  const scripted = scriptedText(option, workflow);
  const groups = [
    { id: 'scenario', label: 'Scenarios of this workflow' },
    { id: 'record', label: samples?.dataset ? `Sample ${samples.dataset}` : 'Sample records' },
  ] as const;

  const run = () => {
    const document = app.doc.workflow;
    if (!document) return;
    const params = startParams(document, option, text, seedText, approvals, samples);
    if (!params.ok) return;
    setOptionsOpen(false);
    setEditorOpen(false);
    void app.sim.start(params.value);
  };

  return (
    <Section title="Start a run" testId="sim-setup">
      {problem ? <span className="fg-panel-error" role="alert">{problem}</span> : null}
      <Field label="Start from">
        <select
          className="fg-panel-input fg-panel-select"
          data-testid="sim-scenario"
          value={option.value}
          onChange={(e) => {
            const next = options.find((o) => o.value === e.target.value);
            if (next) app.sim.choose(next.value, next.input);
          }}
        >
          {groups.map((g) => {
            const inGroup = options.filter((o) => o.group === g.id);
            return inGroup.length ? (
              <optgroup key={g.id} label={g.label}>
                {inGroup.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
          {options
            .filter((o) => o.group === 'typed')
            .map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
        </select>
      </Field>
      {scripted ? (
        <span className="fg-panel-hint" data-testid="sim-scripted">
          {approvals === 'ask' && option.scenario && Object.keys(option.scenario.decisions).length
            ? `Scripted: ${scripted}. With “Ask me”, its approvals are yours to decide in this run.`
            : `Scripted: ${scripted}.`}
        </span>
      ) : null}
      <ApprovalsChoice value={approvals} onChange={app.sim.setApprovals} />
      {option.scenario ? (
        <details className="sim-options sim-scenario-editor" data-testid="sim-scenario-editor" open={editorOpen} onToggle={(e) => setEditorOpen(e.currentTarget.open)}>
          <summary data-testid="sim-scenario-editor-toggle">Edit this scenario</summary>
          {editorOpen ? <ScenarioEditor key={option.scenario.id} workflow={workflow} scenario={option.scenario} onChange={app.onPanelChange} onRemoved={() => setEditorOpen(false)} /> : null}
        </details>
      ) : null}
      <details className="sim-options" open={optionsOpen} onToggle={(e) => setOptionsOpen(e.currentTarget.open)}>
        <summary data-testid="sim-options">
          Input and seed
          {optionsOpen ? null : <span className="fg-panel-hint"> · seed {seed.ok ? seed.value : '?'}</span>}
        </summary>
        <label className="fg-panel-field">
          <span className="fg-panel-label">Input</span>
          <textarea
            className={`fg-panel-input fg-panel-textarea fg-panel-mono${input.ok ? '' : ' fg-panel-invalid'}`}
            rows={Math.min(5, Math.max(2, text.split('\n').length))}
            spellCheck={false}
            value={text}
            aria-invalid={!input.ok || undefined}
            data-testid="sim-input"
            onChange={(e) => app.sim.setInputText(e.target.value)}
          />
          {input.ok ? (
            <span className="fg-panel-hint">The item the intake receives, as JSON. A record's id is enough: the intake reads the rest from its system.</span>
          ) : (
            <span className="fg-panel-error" role="alert">
              {input.error}
            </span>
          )}
        </label>
        <div className="sim-row">
          <label className="fg-panel-field sim-seed">
            <span className="fg-panel-label">Seed</span>
            <input
              className={`fg-panel-input fg-panel-mono${seed.ok ? '' : ' fg-panel-invalid'}`}
              inputMode="numeric"
              value={seedText}
              data-testid="sim-seed"
              title="The same workflow, input and seed always give the same run."
              onChange={(e) => app.sim.setSeedText(e.target.value)}
            />
          </label>
        </div>
      </details>
      {!seed.ok ? (
        <span className="fg-panel-error" role="alert">
          {seed.error}
        </span>
      ) : null}
      {!optionsOpen && !input.ok ? (
        <span className="fg-panel-error" role="alert">
          {input.error}
        </span>
      ) : null}
      <div className="sim-row">
        <Button kind="primary" testId="sim-run" disabled={!input.ok || !seed.ok || busy === 'starting'} onClick={run}>
          <SimIcon name="run" size={13} /> {busy === 'starting' ? 'Running…' : 'Run'}
        </Button>
        {live ? (
          <Button testId="sim-cancel" onClick={() => void app.sim.stop()} title="Stop the run in the backend; it is not kept">
            <SimIcon name="stop" size={12} /> Stop run
          </Button>
        ) : null}
        <Button testId="sim-save-scenario" disabled={!input.ok} title="Keep this input (and what the scenario scripts) as a scenario of the workflow" onClick={() => setSaving(!saving)}>
          Save as scenario…
        </Button>
      </div>
      {saving && input.ok ? (
        <SaveScenarioForm
          key={option.value}
          suggested={option.scenario ? `${option.label} (copy)` : option.group === 'record' ? option.label : ''}
          onCancel={() => setSaving(false)}
          onSave={(name) => {
            const document = app.doc.workflow;
            if (!document) return null;
            const s = option.scenario;
            const edit = addScenario(document, { name, input: input.value, decisions: s?.decisions, faults: s?.faults });
            if (!edit.ok) return edit.reason;
            app.onPanelChange(edit.workflow);
            app.sim.choose(`scenario:${edit.id}`, input.value);
            setSaving(false);
            setEditorOpen(true);
            return null;
          }}
        />
      ) : null}
    </Section>
  );
}

/** Names the new scenario; says why it cannot be saved when the simulation section refuses it. */
function SaveScenarioForm({ suggested, onSave, onCancel }: { suggested: string; onSave(name: string): string | null; onCancel(): void }) {
  const [name, setName] = useState(suggested);
  const [refusal, setRefusal] = useState<string | null>(null);
  const save = () => setRefusal(onSave(name));
  return (
    <div className="sim-save-scenario" role="group" aria-label="Save as scenario">
      <label className="fg-panel-field">
        <span className="fg-panel-label">Name of the new scenario</span>
        <input
          className="fg-panel-input"
          value={name}
          data-testid="sim-save-scenario-name"
          placeholder="e.g. Refund for a double charge"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
            else if (e.key === 'Escape') onCancel();
          }}
        />
        <span className="fg-panel-hint">It keeps the input above and what the current scenario scripts; the seed stays a choice of each run.</span>
      </label>
      {refusal ? (
        <span className="fg-panel-error" role="alert">
          {refusal}
        </span>
      ) : null}
      <div className="sim-row">
        <Button kind="primary" testId="sim-save-scenario-confirm" disabled={!name.trim()} onClick={save}>
          Save scenario
        </Button>
        <Button testId="sim-save-scenario-cancel" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/**
 * When the chosen scenario's stored input changes (its editor, undo), the run's Input follows, unless
 * it was edited for this run: otherwise the next run would send the old input as an edited copy.
 */
function useStoredInputFollowed(option: SourceOption) {
  const app = useApp();
  const stored = inputText(option.input);
  const last = useRef({ value: option.value, stored });
  useEffect(() => {
    const prev = last.current;
    last.current = { value: option.value, stored };
    if (prev.value !== option.value || prev.stored === stored) return;
    const typed = parseInput(app.sim.state.inputText);
    if (typed.ok && inputText(typed.value) === prev.stored) app.sim.setInputText(stored);
  }, [app, option.value, stored]);
}
