// The editor of one scenario of the workflow: its name and input, the decision scripted at each
// approval step, the faults of its AI steps and connector actions, and the reviewer profiles (shared by
// every scenario). Each change is one pure edit (shared/simulation/scenario-edit.ts) handed to the
// document store, so it can be undone; what the simulator would refuse is said inline and not stored.
import { useState, type ReactNode } from 'react';
import { displayText } from '../../../shared/model/display-text';
import type { Workflow } from '../../../shared/model/schema';
import { AI_FAULTS, DECISIONS, parseSimulationSection, type AiFault, type Decision, type ReviewerProfile, type Scenario } from '../../../shared/simulation/scenario';
import {
  actionsUsed,
  DEFAULT_PROFILE,
  profileFields,
  profileKey,
  removeScenario,
  renameScenario,
  reviewerProfileProblem,
  reviewersOf,
  scenarioNameProblem,
  setReviewerProfile,
  setScenarioActionFault,
  setScenarioAiFault,
  setScenarioDecision,
  setScenarioInput,
  type ProfileFields,
  type ScenarioEdit,
} from '../../../shared/simulation/scenario-edit';
import { Button, DraftInput, Field, Select, cls, type Option } from '../panels/controls';
import { parseNumber } from '../../../shared/model/edits/values';
import { inputText, parseInput } from './scenarios';

export interface ScenarioEditorProps {
  workflow: Workflow;
  scenario: Scenario;
  onChange(next: Workflow, coalesceKey?: string): void;
  /** After the scenario was deleted (the panel then starts from another one). */
  onRemoved?(): void;
}

const DECISION_OPTIONS: Option[] = [
  { value: '', label: 'Not scripted: the reviewer’s profile, else you' },
  ...DECISIONS.map((d) => ({ value: d, label: { approved: 'Approved', rejected: 'Rejected', timeout: 'Times out' }[d] })),
];
const AI_FAULT_OPTIONS: Option[] = [{ value: '', label: 'Works' }, ...AI_FAULTS.map((f) => ({ value: f, label: f === 'error' ? 'Unavailable' : 'Unsure' }))];
const ACTION_FAULT_OPTIONS: Option[] = [
  { value: '', label: 'Works' },
  { value: 'error', label: 'Fails' },
];

export function ScenarioEditor({ workflow, scenario, onChange, onRemoved }: ScenarioEditorProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const id = scenario.id;
  const apply = (edit: ScenarioEdit, coalesceKey?: string) => {
    if (!edit.ok) return setRefusal(edit.reason);
    setRefusal(null);
    onChange(edit.workflow, coalesceKey);
  };
  const remove = () => {
    const edit = removeScenario(workflow, id);
    apply(edit);
    if (edit.ok) onRemoved?.();
  };
  const nodeLabel = (nodeId: string) => displayText(workflow.nodes.find((n) => n.id === nodeId)?.label ?? nodeId, 60, nodeId);
  const connectionLabel = (connId: string) => displayText(workflow.connections.find((c) => c.id === connId)?.label ?? connId, 60, connId);

  const approvals = workflow.nodes.filter((n) => n.kind === 'approval').map((n) => n.id);
  const decisionRows = [...approvals, ...Object.keys(scenario.decisions).filter((k) => !approvals.includes(k))];
  const aiSteps = workflow.nodes.filter((n) => n.kind === 'ai').map((n) => n.id);
  const aiRows = [...aiSteps, ...Object.keys(scenario.faults.ai).filter((k) => !aiSteps.includes(k))];
  const used = actionsUsed(workflow);
  const actionRows = [
    ...used.map((a) => ({ key: a.key, connection: a.connection, action: a.action, steps: a.nodeIds })),
    ...Object.keys(scenario.faults.actions)
      .filter((k) => !used.some((a) => a.key === k))
      .map((k) => ({ key: k, connection: k.slice(0, k.indexOf(':')), action: k.slice(k.indexOf(':') + 1), steps: [] as string[] })),
  ];

  return (
    <div className="sim-editor-body">
      {refusal ? (
        <span className="fg-panel-error" role="alert" data-testid="scenario-refusal">
          {refusal}
        </span>
      ) : null}
      <Field label="Name">
        <DraftInput
          text={scenario.name}
          parse={(t) => {
            const problem = scenarioNameProblem(t);
            return problem ? { ok: false, error: problem } : { ok: true, value: t };
          }}
          format={(v) => v}
          onCommit={(v) => apply(renameScenario(workflow, id, v), `scenario:${id}:name`)}
          testId="scenario-name"
        />
      </Field>
      <InputField key={id} input={scenario.input} onCommit={(v) => apply(setScenarioInput(workflow, id, v), `scenario:${id}:input`)} />

      <Field label="Decisions at approvals" group hint={decisionRows.length ? 'What the reviewer decides in this scenario.' : undefined}>
        {decisionRows.length ? (
          <div className="sim-editor-rows">
            {decisionRows.map((nodeId) => (
              <Row key={nodeId} label={nodeLabel(nodeId)} missing={!approvals.includes(nodeId) ? 'no approval step has this id' : null}>
                <Select
                  value={scenario.decisions[nodeId] ?? ''}
                  options={approvals.includes(nodeId) ? DECISION_OPTIONS : DECISION_OPTIONS.slice(0, 1)}
                  ariaLabel={`Decision at ${nodeLabel(nodeId)}`}
                  testId={`scenario-decision-${nodeId}`}
                  onChange={(v) => apply(setScenarioDecision(workflow, id, nodeId, (v || null) as Decision | null))}
                />
              </Row>
            ))}
          </div>
        ) : (
          <p className="fg-panel-empty">This workflow has no approval step.</p>
        )}
      </Field>

      <Field
        label="Faults"
        group
        hint="Make things go wrong in this scenario, to rehearse the error paths: an unavailable AI or a failing action leaves by “error”, an unsure AI by “low confidence”."
      >
        {aiRows.length || actionRows.length ? (
          <div className="sim-editor-rows">
            {aiRows.map((nodeId) => (
              <Row key={nodeId} label={`AI: ${nodeLabel(nodeId)}`} missing={!aiSteps.includes(nodeId) ? 'no AI step has this id' : null}>
                <Select
                  value={scenario.faults.ai[nodeId] ?? ''}
                  options={aiSteps.includes(nodeId) ? AI_FAULT_OPTIONS : AI_FAULT_OPTIONS.slice(0, 1)}
                  ariaLabel={`Fault of the AI step ${nodeLabel(nodeId)}`}
                  testId={`scenario-fault-ai-${nodeId}`}
                  onChange={(v) => apply(setScenarioAiFault(workflow, id, nodeId, (v || null) as AiFault | null))}
                />
              </Row>
            ))}
            {actionRows.map((a) => (
              <Row
                key={a.key}
                label={`${a.action} on ${connectionLabel(a.connection)}`}
                detail={a.steps.length ? a.steps.map(nodeLabel).join(', ') : null}
                missing={a.steps.length ? null : 'no step calls this action'}
              >
                <Select
                  value={scenario.faults.actions[a.key] ?? ''}
                  options={ACTION_FAULT_OPTIONS}
                  ariaLabel={`Fault of ${a.action} on ${connectionLabel(a.connection)}`}
                  testId={`scenario-fault-action-${a.key}`}
                  onChange={(v) => apply(setScenarioActionFault(workflow, id, a.key, v === 'error' ? 'error' : null))}
                />
              </Row>
            ))}
          </div>
        ) : (
          <p className="fg-panel-empty">No AI step and no connector action to make fail.</p>
        )}
      </Field>

      <ReviewerProfiles workflow={workflow} onChange={onChange} />

      <div className="sim-row">
        <Button kind="danger" testId="scenario-delete" title="Remove this scenario from the workflow (Undo brings it back)" onClick={remove}>
          Delete this scenario
        </Button>
      </div>
    </div>
  );
}

function Row(props: { label: string; detail?: string | null; missing: string | null; children: ReactNode }) {
  return (
    <div className={cls('sim-editor-row', props.missing && 'is-missing')}>
      <span className="sim-editor-row-label">
        {props.label}
        {props.detail ? <span className="fg-panel-hint"> · {props.detail}</span> : null}
        {props.missing ? <span className="fg-panel-warning">{props.missing}</span> : null}
      </span>
      {props.children}
    </div>
  );
}

/** The scenario's input as JSON: stored once it is a JSON object; until then the text stays with its error. */
function InputField({ input, onCommit }: { input: Record<string, unknown>; onCommit(value: Record<string, unknown>): void }) {
  const stored = inputText(input);
  const [draft, setDraft] = useState(stored);
  const [synced, setSynced] = useState(stored);
  if (stored !== synced) {
    // Changed elsewhere (undo, the file): show the stored value.
    setSynced(stored);
    setDraft(stored);
  }
  const parsed = parseInput(draft);
  return (
    <label className="fg-panel-field">
      <span className="fg-panel-label">Input</span>
      <textarea
        className={cls('fg-panel-input', 'fg-panel-textarea', 'fg-panel-mono', !parsed.ok && 'fg-panel-invalid')}
        rows={Math.min(8, Math.max(3, draft.split('\n').length))}
        spellCheck={false}
        value={draft}
        aria-invalid={!parsed.ok || undefined}
        data-testid="scenario-input"
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const next = parseInput(text);
          if (next.ok && inputText(next.value) !== stored) {
            setSynced(inputText(next.value));
            onCommit(next.value);
          }
        }}
      />
      {parsed.ok ? (
        <span className="fg-panel-hint">Saved with the scenario, as JSON. The Input under “Input, seed and approvals” changes only the next run.</span>
      ) : (
        <span className="fg-panel-error" role="alert">
          {parsed.error}
        </span>
      )}
    </label>
  );
}

/** Every reviewer an approval step names (and any other profile), with the profile the simulator draws decisions from. */
function ReviewerProfiles({ workflow, onChange }: { workflow: Workflow; onChange(next: Workflow, coalesceKey?: string): void }) {
  const names = reviewersOf(workflow);
  let profiles: Record<string, ReviewerProfile> = {};
  try {
    profiles = parseSimulationSection(workflow.simulation).reviewers;
  } catch {
    // The panel already says why the section is invalid; the fields then start from the defaults.
  }
  return (
    <Field
      label="Reviewer profiles (all scenarios)"
      group
      hint="Where a scenario scripts no decision, the reviewer’s profile draws one: how often they approve, reject or let it time out, and how long they take."
    >
      {names.length ? (
        names.map((name) => {
          const key = profileKey(workflow, name);
          const profile = profiles[key];
          return (
            <ProfileEditor
              key={name}
              name={name}
              fields={profile ? profileFields(profile) : null}
              onSave={(fields) => {
                const edit = setReviewerProfile(workflow, name, fields);
                if (edit.ok) onChange(edit.workflow, `reviewer:${key}`);
                return edit.ok ? null : edit.reason;
              }}
            />
          );
        })
      ) : (
        <p className="fg-panel-empty">No approval step names a reviewer.</p>
      )}
    </Field>
  );
}

const FIELDS = ['approve', 'reject', 'timeout', 'median', 'p90'] as const;
type FieldName = (typeof FIELDS)[number];
const FIELD_LABELS: Record<FieldName, string> = { approve: 'Approve', reject: 'Reject', timeout: 'Time out', median: 'Median (min)', p90: '90% within (min)' };

function textsOf(fields: ProfileFields): Record<FieldName, string> {
  return { approve: String(fields.approve), reject: String(fields.reject), timeout: String(fields.timeout), median: String(fields.median), p90: String(fields.p90) };
}

/** One reviewer's profile: five numbers, stored together once they make a valid profile (probabilities adding up to 1). */
function ProfileEditor({ name, fields, onSave }: { name: string; fields: ProfileFields | null; onSave(fields: ProfileFields | null): string | null }) {
  const stored = fields ? JSON.stringify(fields) : '';
  const [texts, setTexts] = useState(() => textsOf(fields ?? DEFAULT_PROFILE));
  const [synced, setSynced] = useState(stored);
  const [refusal, setRefusal] = useState<string | null>(null);
  if (stored !== synced) {
    setSynced(stored);
    setTexts(textsOf(fields ?? DEFAULT_PROFILE));
  }
  const testId = (f: string) => `reviewer-${name}-${f}`;
  if (!fields) {
    return (
      <div className="sim-profile" data-testid={`reviewer-${name}`}>
        <span className="sim-profile-name">{displayText(name, 60)}</span>
        <span className="fg-panel-hint">No profile: scenarios decide this reviewer’s approvals, else you do.</span>
        <div className="sim-row">
          <Button testId={testId('add')} onClick={() => setRefusal(onSave(DEFAULT_PROFILE))}>
            Add a profile
          </Button>
        </div>
        {refusal ? (
          <span className="fg-panel-error" role="alert">
            {refusal}
          </span>
        ) : null}
      </div>
    );
  }

  const parsed = FIELDS.map((f) => [f, parseNumber(texts[f])] as const);
  const unreadable = parsed.find(([, p]) => !p.ok);
  const values = Object.fromEntries(parsed.map(([f, p]) => [f, p.ok ? p.value : Number.NaN])) as unknown as ProfileFields;
  const problem = unreadable ? `${FIELD_LABELS[unreadable[0]]}: ${(unreadable[1] as { error: string }).error}` : reviewerProfileProblem(values);
  const change = (f: FieldName, text: string) => {
    const next = { ...texts, [f]: text };
    setTexts(next);
    const nums = FIELDS.map((k) => parseNumber(next[k]));
    if (nums.some((n) => !n.ok)) return;
    const candidate = Object.fromEntries(FIELDS.map((k, i) => [k, (nums[i] as { value: number }).value])) as unknown as ProfileFields;
    if (reviewerProfileProblem(candidate) || JSON.stringify(candidate) === stored) return;
    setSynced(JSON.stringify(candidate));
    setRefusal(onSave(candidate));
  };
  const message = problem ?? refusal;
  return (
    <div className="sim-profile" data-testid={`reviewer-${name}`}>
      <div className="sim-profile-head">
        <span className="sim-profile-name">{displayText(name, 60)}</span>
        <Button kind="link" testId={testId('remove')} title="Remove this profile: scenarios (or you) then decide this reviewer’s approvals" onClick={() => setRefusal(onSave(null))}>
          Remove profile
        </Button>
      </div>
      <div className="sim-profile-grid">
        {FIELDS.map((f) => (
          <label key={f} className="fg-panel-field">
            <span className="fg-panel-hint">{FIELD_LABELS[f]}</span>
            <input
              className={cls('fg-panel-input', 'fg-panel-mono', problem && 'fg-panel-invalid')}
              inputMode="decimal"
              value={texts[f]}
              aria-invalid={!!problem || undefined}
              data-testid={testId(f)}
              onChange={(e) => change(f, e.target.value)}
            />
          </label>
        ))}
      </div>
      {message ? (
        <span className="fg-panel-error" role="alert" data-testid={testId('error')}>
          {message}
        </span>
      ) : null}
    </div>
  );
}
