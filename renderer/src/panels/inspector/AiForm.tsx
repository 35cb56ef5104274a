import { resolveAction } from '../../../../shared/connectors/lookup';
import { isVariableName } from '../../../../shared/model/prompt';
import { AI_TASKS, type AiTask } from '../../../../shared/model/schema';
import { variablesAt } from '../../../../shared/model/variables';
import { Button, DraftInput, Field, Select, TextInput } from '../controls';
import { splitList } from '../../../../shared/model/edits/lists';
import { addAiLabel, patchConfig, removeAiLabel, setAiLabel } from '../../../../shared/model/edits/node-config';
import { parseConfidence } from '../../../../shared/model/edits/values';
import { ActionRefs } from './ActionRefs';
import { FieldNames } from './FieldNames';
import { TemplateArea } from './templates';
import { typingKey, type FormProps, type NodeOf } from './types';

const TASK_TEXT: Record<AiTask, string> = {
  classify: 'Classify: pick one of the labels',
  summarize: 'Summarize',
  draft: 'Draft a text (a reply, a note)',
  extract: 'Extract fields',
  retrieve: 'Retrieve from knowledge sources',
  route: 'Route: pick the next path',
};

/** Tool actions an AI in act mode would run without anyone reviewing them. */
export function unreviewedTools(wf: FormProps['wf'], node: NodeOf<'ai'>): string[] {
  if (node.config.mode !== 'act') return [];
  return node.config.tools.flatMap((ref) => {
    const r = resolveAction(wf, ref);
    return r.ok && r.action.effect !== 'read' ? [`${r.action.label || r.action.scope} (${r.action.effect})`] : [];
  });
}

export function AiForm(props: FormProps<NodeOf<'ai'>>) {
  const { wf, node, onChange } = props;
  const c = node.config;
  const id = node.id;
  const variables = variablesAt(wf, id);
  const hasLabels = c.task === 'classify' || c.task === 'route';
  const unreviewed = unreviewedTools(wf, node);
  return (
    <>
      <Field label="Task">
        <Select
          value={c.task}
          options={AI_TASKS.map((t) => ({ value: t, label: TASK_TEXT[t] }))}
          onChange={(v) => onChange(patchConfig(wf, id, 'ai', { task: v as AiTask }))}
          testId="field-task"
        />
      </Field>
      <Field label="Prompt" hint="Click a variable to insert it at the cursor." group>
        <TemplateArea
          value={c.prompt}
          variables={variables}
          placeholder="What the AI should do, e.g. Classify this ticket: {{subject}}"
          onType={(text) => onChange(patchConfig(wf, id, 'ai', { prompt: text }), typingKey(id, 'prompt'))}
          onInsert={(text) => onChange(patchConfig(wf, id, 'ai', { prompt: text }))}
          testId="field-prompt"
        />
      </Field>
      <Field
        label="Output variable"
        hint={`Later steps read the result as {{${c.output || 'name'}}}.`}
        warning={!c.output.trim() ? 'Name the output so later steps can use it.' : !isVariableName(c.output) ? 'Use letters, digits, "_" or "-", starting with a letter.' : null}
      >
        <TextInput value={c.output} mono invalid={!isVariableName(c.output)} onChange={(v) => onChange(patchConfig(wf, id, 'ai', { output: v }), typingKey(id, 'output'))} testId="field-output" />
      </Field>
      {hasLabels ? (
        <Field label="Labels" hint="The mock AI picks the label whose keywords appear in the input." group>
          {c.labels.length === 0 ? <span className="fg-panel-warning">Add at least one label to choose from.</span> : null}
          <ul className="fg-panel-list">
            {c.labels.map((label, i) => (
              <li key={i} className="fg-panel-list-item fg-panel-card">
                <div className="fg-panel-row">
                  <TextInput
                    value={label.name}
                    placeholder="label"
                    ariaLabel={`Label ${i + 1}`}
                    invalid={!label.name.trim()}
                    onChange={(v) => onChange(setAiLabel(wf, id, i, { name: v }), typingKey(id, `labels.${i}.name`))}
                    testId={`field-labels-${i}-name`}
                  />
                  <Button kind="icon" title="Remove this label" testId={`remove-label-${i}`} onClick={() => onChange(removeAiLabel(wf, id, i))}>
                    ×
                  </Button>
                </div>
                <DraftInput
                  text={label.keywords.join(', ')}
                  parse={(t) => ({ ok: true, value: splitList(t) })}
                  format={(v) => v.join(', ')}
                  onCommit={(keywords) => onChange(setAiLabel(wf, id, i, { keywords }), typingKey(id, `labels.${i}.keywords`))}
                  placeholder="keywords, separated by commas"
                  ariaLabel={`Keywords of label ${i + 1}`}
                  testId={`field-labels-${i}-keywords`}
                />
              </li>
            ))}
          </ul>
          <div>
            <Button testId="add-label" onClick={() => onChange(addAiLabel(wf, id))}>
              + Add label
            </Button>
          </div>
        </Field>
      ) : null}
      {c.task === 'extract' ? (
        <FieldNames wf={wf} nodeId={id} names={c.fields ?? []} label="Fields to extract" hint={`Read later as {{${c.output || 'output'}.field}}.`} onChange={onChange} />
      ) : null}
      <Field label="Confidence threshold" hint="Below it, the item leaves by the low confidence output." group>
        <div className="fg-panel-row">
          <input
            className="fg-panel-range"
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={c.confidenceThreshold}
            aria-label="Confidence threshold"
            data-testid="field-confidenceThreshold-range"
            onChange={(e) => onChange(patchConfig(wf, id, 'ai', { confidenceThreshold: Number(e.target.value) }), typingKey(id, 'confidenceThreshold'))}
          />
          <div className="fg-panel-number">
            <DraftInput
              text={String(c.confidenceThreshold)}
              parse={parseConfidence}
              format={String}
              inputMode="decimal"
              ariaLabel="Confidence threshold value"
              onCommit={(v) => onChange(patchConfig(wf, id, 'ai', { confidenceThreshold: v }), typingKey(id, 'confidenceThreshold'))}
              testId="field-confidenceThreshold"
            />
          </div>
        </div>
      </Field>
      <ActionRefs {...props} list="sources" />
      <ActionRefs {...props} list="tools" />
      <Field
        label="Mode"
        hint={c.mode === 'act' ? 'Act: the AI calls its tools itself, including ones that write or send, without anyone reviewing first.' : 'Suggest: the AI only drafts; a person or a later step decides what is done.'}
        warning={unreviewed.length ? `Runs without review: ${unreviewed.join(', ')}.` : null}
      >
        <Select
          value={c.mode}
          options={[
            { value: 'suggest', label: 'Suggest (draft only)' },
            { value: 'act', label: 'Act (may call its tools)' },
          ]}
          onChange={(v) => onChange(patchConfig(wf, id, 'ai', { mode: v as 'suggest' | 'act' }))}
          testId="field-mode"
        />
      </Field>
      <Field
        label="AI provider"
        hint={c.provider === 'external' ? 'External: runs call the AI provider set up in Settings; the data this step reads is sent to it.' : 'Mock: a deterministic offline stand-in driven by the labels and templates here.'}
      >
        <Select
          value={c.provider}
          options={[
            { value: 'mock', label: 'Mock (offline)' },
            { value: 'external', label: 'External provider' },
          ]}
          onChange={(v) => onChange(patchConfig(wf, id, 'ai', { provider: v as 'mock' | 'external' }))}
          testId="field-provider"
        />
      </Field>
    </>
  );
}
