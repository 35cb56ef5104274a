// The workflow's own properties: what it is called, what it is for, and who owns the process.
import { setProperties } from '../../../shared/model/edits/workflow';
import type { Workflow } from '../../../shared/model/schema';
import { RulesSection } from '../analysis/RulesSection';
import { Field, Section, TextArea, TextInput } from './controls';

export interface PropertiesPanelProps {
  workflow: Workflow;
  onChange(next: Workflow, coalesceKey?: string): void;
  /** The Analysis rules section (shown when given): active findings per rule, setting changes, rule pages. */
  rules?: { counts?: ReadonlyMap<string, number>; onChange(next: Workflow): void; onOpenRule?(ruleId: string): void };
}

export function PropertiesPanel({ workflow: wf, onChange, rules }: PropertiesPanelProps) {
  return (
    <div className="fg-panel fg-panel-properties" data-testid="properties-panel">
      <Section title="Workflow">
        <Field label="Name" warning={!wf.name.trim() ? 'Give the workflow a name.' : null}>
          <TextInput value={wf.name} placeholder="e.g. Support ticket triage" onChange={(v) => onChange(setProperties(wf, { name: v }), 'wf:name')} testId="field-name" />
        </Field>
        <Field label="Description">
          <TextArea value={wf.description} rows={4} placeholder="What the workflow does and for whom" onChange={(v) => onChange(setProperties(wf, { description: v }), 'wf:description')} testId="field-description" />
        </Field>
        <Field label="Owner" hint="The person or role who answers for the process." warning={!wf.owner.trim() ? 'Nobody owns this process yet.' : null}>
          <TextInput value={wf.owner} placeholder="e.g. Support lead" onChange={(v) => onChange(setProperties(wf, { owner: v }), 'wf:owner')} testId="field-owner" />
        </Field>
        <dl className="fg-panel-facts">
          <dt>File id</dt>
          <dd className="fg-panel-mono" data-testid="workflow-id">
            {wf.id}
          </dd>
          <dt>Format</dt>
          <dd data-testid="schema-version">{`${wf.format}, version ${wf.schemaVersion}`}</dd>
        </dl>
      </Section>
      {rules ? <RulesSection workflow={wf} onChange={rules.onChange} counts={rules.counts} onOpenRule={rules.onOpenRule} /> : null}
    </div>
  );
}
