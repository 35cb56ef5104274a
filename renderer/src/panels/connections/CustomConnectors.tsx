// The workflow's own connectors: a client's in-house systems, with the actions and scopes they offer.
import { useState } from 'react';
import { DATA_CATEGORIES, EFFECTS, type Effect } from '../../../../shared/connectors/types';
import type { CustomConnector, Workflow } from '../../../../shared/model/schema';
import { Button, Checkbox, DraftInput, Field, Select, TextInput, cls } from '../controls';
import { actionScopeProblem, addCustomAction, connectionsUsingConnector, connectorIdProblem, removeCustomAction, removeCustomConnector, renameCustomConnector, toggleCategory, updateCustomAction, updateCustomConnector } from '../../../../shared/model/edits/custom-connectors';

const EFFECT_TEXT: Record<Effect, string> = {
  read: 'read: looks data up',
  write: 'write: changes records',
  send: 'send: sends a message',
  delete: 'delete: removes records',
  trigger: 'trigger: starts a process',
  approve: 'approve: decides a request',
};

/**
 * Its parent keys it by position and keeps its open/closed state by id: the id can be renamed, and a
 * new key would remount the card under the user's hands.
 */
export function CustomConnectorCard(props: {
  wf: Workflow;
  connector: CustomConnector;
  index: number;
  expanded: boolean;
  onToggle(): void;
  onRenamed?(id: string): void;
  onChange(next: Workflow, coalesceKey?: string): void;
}) {
  const { wf, connector: cc, index, expanded, onChange } = props;
  const [confirming, setConfirming] = useState(false);
  // Undo keys use the position: the id itself may be renamed.
  const key = (field: string) => `custom:${index}:${field}`;
  const description = typeof cc.description === 'string' ? cc.description : '';
  const users = connectionsUsingConnector(wf, cc.id);
  return (
    <li className="fg-panel-card" data-testid={`custom-connector-${cc.id}`}>
      <button type="button" className="fg-panel-card-head" aria-expanded={expanded} data-testid={`custom-connector-toggle-${cc.id}`} onClick={props.onToggle}>
        <span className="fg-panel-caret" aria-hidden>
          {expanded ? '▾' : '▸'}
        </span>
        <span className="fg-panel-card-title">{cc.label || cc.id}</span>
        <span className="fg-panel-card-meta">{`${cc.id} · ${cc.actions.length} ${cc.actions.length === 1 ? 'action' : 'actions'}`}</span>
      </button>
      {expanded ? (
        <div className="fg-panel-card-body">
          <Field label="Name">
            <TextInput value={cc.label} onChange={(v) => onChange(updateCustomConnector(wf, cc.id, { label: v }), key('label'))} testId="field-custom-label" />
          </Field>
          <Field label="Id" hint="Connections refer to the connector by this id; renaming it (applied when you leave the field) updates them." group>
            <DraftInput
              text={cc.id}
              parse={(t) => {
                const problem = connectorIdProblem(wf, cc.id, t.trim());
                return problem ? { ok: false, error: problem } : { ok: true, value: t.trim() };
              }}
              format={(v) => v}
              mono
              commitOnBlur
              ariaLabel="Connector id"
              onCommit={(v) => {
                onChange(renameCustomConnector(wf, cc.id, v), key('id'));
                props.onRenamed?.(v);
              }}
              testId="field-custom-id"
            />
          </Field>
          <Field label="Description">
            <TextInput value={description} placeholder="What this system is" onChange={(v) => onChange(updateCustomConnector(wf, cc.id, { description: v }), key('description'))} testId="field-custom-description" />
          </Field>
          <div className="fg-panel-field" role="group" aria-label="Actions">
            <span className="fg-panel-label">Actions</span>
            {cc.actions.length === 0 ? <span className="fg-panel-empty">No actions yet.</span> : null}
            <ul className="fg-panel-list">
              {cc.actions.map((a, i) => (
                <li key={i} className="fg-panel-card fg-panel-custom-action" data-testid={`custom-action-${i}`}>
                  <div className="fg-panel-row">
                    <div className="fg-panel-grow">
                      <DraftInput
                        text={a.scope}
                        parse={(t) => {
                          const problem = actionScopeProblem(cc, i, t.trim());
                          return problem ? { ok: false, error: problem } : { ok: true, value: t.trim() };
                        }}
                        format={(v) => v}
                        mono
                        placeholder="scope, e.g. orders.read"
                        ariaLabel={`Scope of action ${i + 1}`}
                        onCommit={(scope) => onChange(updateCustomAction(wf, cc.id, i, { scope }), key(`actions.${i}.scope`))}
                        testId={`field-custom-action-${i}-scope`}
                      />
                    </div>
                    <Button kind="icon" title="Remove this action" testId={`remove-custom-action-${i}`} onClick={() => onChange(removeCustomAction(wf, cc.id, i))}>
                      ×
                    </Button>
                  </div>
                  <TextInput value={a.label} placeholder="what it does, e.g. Read orders" ariaLabel={`Label of action ${i + 1}`} onChange={(v) => onChange(updateCustomAction(wf, cc.id, i, { label: v }), key(`actions.${i}.label`))} testId={`field-custom-action-${i}-label`} />
                  <Select
                    value={a.effect}
                    options={EFFECTS.map((e) => ({ value: e, label: EFFECT_TEXT[e] }))}
                    ariaLabel={`Effect of action ${i + 1}`}
                    onChange={(v) => onChange(updateCustomAction(wf, cc.id, i, { effect: v as Effect }))}
                    testId={`field-custom-action-${i}-effect`}
                  />
                  <div className={cls('fg-panel-row', 'fg-panel-wrap')}>
                    <Checkbox checked={a.customerFacing} onChange={(v) => onChange(updateCustomAction(wf, cc.id, i, { customerFacing: v }))} testId={`field-custom-action-${i}-customerFacing`} label="customer-facing" />
                    {DATA_CATEGORIES.map((d) => (
                      <Checkbox key={d} checked={a.data.includes(d)} onChange={() => onChange(updateCustomAction(wf, cc.id, i, { data: toggleCategory(a.data, d) }))} testId={`field-custom-action-${i}-data-${d}`} label={d} />
                    ))}
                  </div>
                </li>
              ))}
            </ul>
            <div>
              <Button testId="add-custom-action" onClick={() => onChange(addCustomAction(wf, cc.id))}>
                + Add action
              </Button>
            </div>
          </div>
          {confirming ? (
            <div className="fg-panel-confirm" role="alertdialog" aria-label="Remove this connector?">
              <span>
                {users.length
                  ? `Remove "${cc.label || cc.id}"? ${users.join(', ')} ${users.length === 1 ? 'uses' : 'use'} it and will be flagged until it is defined again.`
                  : `Remove "${cc.label || cc.id}"? No connection uses it.`}
              </span>
              <div className="fg-panel-row">
                <Button
                  kind="danger"
                  testId={`confirm-remove-custom-connector-${cc.id}`}
                  onClick={() => {
                    // The next connector takes this card's place: it must not inherit the question.
                    setConfirming(false);
                    onChange(removeCustomConnector(wf, cc.id));
                  }}
                >
                  Remove
                </Button>
                <Button testId={`cancel-remove-custom-connector-${cc.id}`} onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </div>
            </div>
          ) : (
            <div>
              <Button kind="danger" testId={`remove-custom-connector-${cc.id}`} onClick={() => setConfirming(true)}>
                Remove connector
              </Button>
            </div>
          )}
        </div>
      ) : null}
    </li>
  );
}
