import { INTAKE_SOURCES } from '../../../../shared/model/schema';
import { Field, Select } from '../controls';
import { chooseAction, chooseConnection, patchConfig } from '../../../../shared/model/edits/node-config';
import { FieldNames } from './FieldNames';
import { ActionSelect, ConnectionSelect } from './pickers';
import type { FormProps, NodeOf } from './types';

const SOURCE_TEXT: Record<(typeof INTAKE_SOURCES)[number], string> = {
  form: 'A form is submitted',
  email: 'An email arrives',
  ticket: 'A ticket is opened',
  webhook: 'A system calls a webhook',
  schedule: 'On a schedule',
  manual: 'Someone starts it by hand',
};

export function IntakeForm({ wf, node, onChange }: FormProps<NodeOf<'intake'>>) {
  const c = node.config;
  return (
    <>
      <Field label="Starts when">
        <Select
          value={c.source}
          options={INTAKE_SOURCES.map((s) => ({ value: s, label: SOURCE_TEXT[s] }))}
          onChange={(v) => onChange(patchConfig(wf, node.id, 'intake', { source: v as (typeof INTAKE_SOURCES)[number] }))}
          testId="field-source"
        />
      </Field>
      <Field label="Read from connection" hint="Optional: the system the item is read from. Reading it needs a read grant on that connection.">
        <ConnectionSelect wf={wf} value={c.connection ?? ''} allowNone onChange={(id) => onChange(chooseConnection(wf, node.id, id))} testId="field-connection" />
      </Field>
      {c.connection ? (
        <Field label="Read action">
          <ActionSelect
            wf={wf}
            connectionId={c.connection}
            value={c.action ?? ''}
            allowNone
            filter={(a) => a.effect === 'read'}
            onChange={(scope) => onChange(chooseAction(wf, node.id, scope))}
            testId="field-action"
          />
        </Field>
      ) : null}
      <FieldNames
        wf={wf}
        nodeId={node.id}
        names={c.fields}
        label="Fields collected"
        hint="Later steps use them as {{name}}."
        onChange={onChange}
      />
    </>
  );
}
