import { PRIORITIES } from '../../../../shared/model/schema';
import { Field, Select, TextArea, TextInput } from '../controls';
import { chooseAction, chooseConnection, patchConfig } from '../../../../shared/model/edits/node-config';
import { ActionSelect, ConnectionSelect } from './pickers';
import { typingKey, type FormProps, type NodeOf } from './types';

export function EscalationForm({ wf, node, onChange }: FormProps<NodeOf<'escalation'>>) {
  const c = node.config;
  const id = node.id;
  return (
    <>
      <Field label="Team or queue" warning={!c.team.trim() ? 'Say who receives the item.' : null}>
        <TextInput value={c.team} placeholder="e.g. Billing team" invalid={!c.team.trim()} onChange={(v) => onChange(patchConfig(wf, id, 'escalation', { team: v }), typingKey(id, 'team'))} testId="field-team" />
      </Field>
      <Field label="Reason">
        <TextArea value={c.reason} rows={2} placeholder="Why the item is handed over" onChange={(v) => onChange(patchConfig(wf, id, 'escalation', { reason: v }), typingKey(id, 'reason'))} testId="field-reason" />
      </Field>
      <Field label="Priority">
        <Select
          value={c.priority}
          options={PRIORITIES.map((p) => ({ value: p, label: p[0].toUpperCase() + p.slice(1) }))}
          onChange={(v) => onChange(patchConfig(wf, id, 'escalation', { priority: v as (typeof PRIORITIES)[number] }))}
          testId="field-priority"
        />
      </Field>
      <Field label="Hand over through" hint="Optional: a connection whose action creates the hand-off (assign a ticket, post to a channel…).">
        <ConnectionSelect wf={wf} value={c.connection ?? ''} allowNone onChange={(cid) => onChange(chooseConnection(wf, id, cid))} testId="field-connection" />
      </Field>
      {c.connection ? (
        <Field label="Action" group>
          <ActionSelect wf={wf} connectionId={c.connection} value={c.action ?? ''} allowNone onChange={(scope) => onChange(chooseAction(wf, id, scope))} testId="field-action" />
        </Field>
      ) : null}
    </>
  );
}
