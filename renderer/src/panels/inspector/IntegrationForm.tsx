import { useState } from 'react';
import { variablesAt } from '../../../../shared/model/variables';
import { Button, Field, TextInput } from '../controls';
import { chooseAction, chooseConnection, removeInput, setInput } from '../../../../shared/model/edits/node-config';
import { ActionSelect, ConnectionSelect, connectorOf } from './pickers';
import { TemplateLine } from './templates';
import { typingKey, type FormProps, type NodeOf } from './types';

/** The inputs the form shows: the chosen action's own, then any other mapped ones (kept, never dropped). */
export function inputNames(declared: readonly string[], mapped: Record<string, string>): { declared: string[]; other: string[] } {
  return { declared: [...declared], other: Object.keys(mapped).filter((k) => !declared.includes(k)) };
}

/** Why a typed input name cannot be added (null when it can, or when nothing is typed yet). */
export function inputNameProblem(text: string, existing: Record<string, string>): string | null {
  const name = text.trim();
  if (!name) return null;
  if (/\s/.test(name)) return 'An input name has no spaces.';
  if (Object.hasOwn(existing, name)) return `"${name}" is already mapped.`;
  return null;
}

export function IntegrationForm({ wf, node, onChange, onSelectConnection }: FormProps<NodeOf<'integration'>> & { onSelectConnection(id: string): void }) {
  const c = node.config;
  const id = node.id;
  const variables = variablesAt(wf, id);
  const connector = connectorOf(wf, c.connection);
  const action = connector?.actions.find((a) => a.scope === c.action);
  const names = inputNames(action?.inputs ?? [], c.inputs);
  const all = [...names.declared, ...names.other];
  const [active, setActive] = useState<string | null>(null);
  const chipsFor = active && all.includes(active) ? active : all[0];
  const [newInput, setNewInput] = useState('');
  const newProblem = inputNameProblem(newInput, c.inputs);
  const connectionExists = wf.connections.some((x) => x.id === c.connection);

  const line = (name: string, removable: boolean) => (
    <li key={name} className="fg-panel-list-item">
      <div className="fg-panel-row">
        <span className="fg-panel-input-name fg-panel-mono">{name}</span>
        {removable ? (
          <Button kind="icon" title="Remove this input" testId={`remove-input-${name}`} onClick={() => onChange(removeInput(wf, id, name))}>
            ×
          </Button>
        ) : null}
      </div>
      <TemplateLine
        value={Object.hasOwn(c.inputs, name) ? c.inputs[name] : ''}
        variables={variables}
        placeholder={`{{…}} or text`}
        showChips={chipsFor === name}
        onFocus={() => setActive(name)}
        onType={(text) => onChange(setInput(wf, id, name, text), typingKey(id, `inputs.${name}`))}
        onInsert={(text) => onChange(setInput(wf, id, name, text))}
        ariaLabel={`Input ${name}`}
        testId={`field-input-${name}`}
      />
    </li>
  );

  return (
    <>
      <Field label="Connection" group>
        <div className="fg-panel-row">
          <ConnectionSelect wf={wf} value={c.connection} onChange={(cid) => onChange(chooseConnection(wf, id, cid))} testId="field-connection" />
          {connectionExists ? (
            <Button kind="link" testId="edit-connection" onClick={() => onSelectConnection(c.connection)}>
              Edit connection
            </Button>
          ) : null}
        </div>
        {!wf.connections.length ? <span className="fg-panel-hint">Add a connection in the Connections panel first.</span> : null}
      </Field>
      {c.connection ? (
        <Field label="Action" group>
          <ActionSelect wf={wf} connectionId={c.connection} value={c.action} onChange={(scope) => onChange(chooseAction(wf, id, scope))} testId="field-action" />
        </Field>
      ) : null}
      {c.connection && c.action ? (
        <Field label="Inputs" hint="Text, or {{variables}} from earlier steps." group>
          {all.length === 0 ? <span className="fg-panel-empty">This action declares no inputs.</span> : null}
          <ul className="fg-panel-list">{names.declared.map((n) => line(n, false))}</ul>
          {names.other.length ? (
            <>
              <span className="fg-panel-sublabel">{action?.inputs?.length ? 'Other inputs (not used by this action)' : 'Other inputs'}</span>
              <ul className="fg-panel-list">{names.other.map((n) => line(n, true))}</ul>
            </>
          ) : null}
          <div className="fg-panel-row">
            <TextInput value={newInput} onChange={setNewInput} placeholder="another input name" ariaLabel="New input name" mono invalid={!!newProblem} testId="field-new-input" />
            <Button
              testId="add-input"
              disabled={!newInput.trim() || !!newProblem}
              onClick={() => {
                onChange(setInput(wf, id, newInput.trim(), ''));
                setNewInput('');
              }}
            >
              + Add input
            </Button>
          </div>
          {newProblem ? <span className="fg-panel-error">{newProblem}</span> : null}
        </Field>
      ) : null}
    </>
  );
}
