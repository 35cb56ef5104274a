import { DraftInput, Field, TextArea, TextInput } from '../controls';
import { patchConfig } from '../../../../shared/model/edits/node-config';
import { formatTimeoutHours, parseTimeoutHours } from '../../../../shared/model/edits/values';
import { ShowsField } from './ShowsField';
import { typingKey, type FormProps, type NodeOf } from './types';

export function ApprovalForm({ wf, node, onChange }: FormProps<NodeOf<'approval'>>) {
  const c = node.config;
  const id = node.id;
  return (
    <>
      <Field label="Reviewer (role)" warning={!c.reviewer.trim() ? 'Nobody is named to review: say which role decides.' : null}>
        <TextInput value={c.reviewer} placeholder="e.g. Support supervisor" invalid={!c.reviewer.trim()} onChange={(v) => onChange(patchConfig(wf, id, 'approval', { reviewer: v }), typingKey(id, 'reviewer'))} testId="field-reviewer" />
      </Field>
      <ShowsField wf={wf} nodeId={id} onChange={onChange} />
      <Field label="Instructions for the reviewer">
        <TextArea value={c.instructions} placeholder="What to check before approving" onChange={(v) => onChange(patchConfig(wf, id, 'approval', { instructions: v }), typingKey(id, 'instructions'))} testId="field-instructions" />
      </Field>
      <Field label="Timeout (hours)" hint={c.timeoutHours === null ? 'No timeout: the item waits until someone decides.' : 'After this, the item leaves by the timeout output. Leave empty for no timeout.'} group>
        <div className="fg-panel-number">
          <DraftInput
            text={formatTimeoutHours(c.timeoutHours)}
            parse={parseTimeoutHours}
            format={formatTimeoutHours}
            inputMode="decimal"
            placeholder="no timeout"
            ariaLabel="Timeout in hours"
            onCommit={(v) => onChange(patchConfig(wf, id, 'approval', { timeoutHours: v }), typingKey(id, 'timeoutHours'))}
            testId="field-timeoutHours"
          />
        </div>
      </Field>
    </>
  );
}
