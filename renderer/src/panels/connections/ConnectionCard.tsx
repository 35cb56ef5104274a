// One connection of the integration layer: who it acts as, what it may do, and how it is looked after.
import { useState, type Ref } from 'react';
import { findConnector, isWildcard } from '../../../../shared/connectors/lookup';
import { updateConnection, removeConnection } from '../../../../shared/model/edits/connections';
import type { Connection, Workflow } from '../../../../shared/model/schema';
import { FindingBadge } from '../../analysis/FindingBadge';
import type { FindingSummary } from '../../analysis/findingIndex';
import { ActionFlags, Button, Checkbox, EffectBadge, Field, TextInput, cls } from '../controls';
import { stepsUsingConnection } from '../../../../shared/model/edits/connections';
import { addGrant, coveringWildcard, extraGrants, grantProblem, removeGrant, toggleGrant } from '../../../../shared/model/edits/grants';
import { ConnectorIcon } from './ConnectorIcon';

export interface ConnectionCardProps {
  wf: Workflow;
  connection: Connection;
  expanded: boolean;
  focused: boolean;
  /** What the analysis finds about this connection (and the steps' use of it). */
  findings?: FindingSummary;
  onToggle(): void;
  onChange(next: Workflow, coalesceKey?: string): void;
}

export function ConnectionCard(props: ConnectionCardProps & { ref?: Ref<HTMLLIElement> }) {
  const { ref, ...card } = props;
  const { wf, connection: c, onChange } = card;
  const connector = findConnector(wf, c.connector);
  const key = (field: string) => `conn:${c.id}:${field}`;
  const set = (patch: Partial<Omit<Connection, 'id'>>, field?: string) => onChange(updateConnection(wf, c.id, patch), field && key(field));
  return (
    <li ref={ref} className={cls('fg-panel-card', 'fg-panel-connection', props.focused && 'fg-panel-focused')} data-testid={`connection-${c.id}`}>
      <button type="button" className="fg-panel-card-head" aria-expanded={props.expanded} data-testid={`connection-toggle-${c.id}`} onClick={props.onToggle}>
        <span className="fg-panel-caret" aria-hidden>
          {props.expanded ? '▾' : '▸'}
        </span>
        <ConnectorIcon connector={connector} />
        <span className="fg-panel-card-title">{c.label || c.id}</span>
        <span className="fg-panel-card-meta">{`${connector?.label ?? c.connector} · ${c.grants.length} ${c.grants.length === 1 ? 'grant' : 'grants'}`}</span>
        {props.findings ? <FindingBadge summary={props.findings} testId={`badge-connection-${c.id}`} /> : null}
      </button>
      {props.expanded ? (
        <div className="fg-panel-card-body">
          <Field label="Name">
            <TextInput value={c.label} placeholder={connector?.label ?? c.id} onChange={(v) => set({ label: v }, 'label')} testId="field-label" />
          </Field>
          <div className="fg-panel-field">
            <span className="fg-panel-label">Connector</span>
            <span className="fg-panel-readonly" data-testid="field-connector">
              <ConnectorIcon connector={connector} />
              {connector ? connector.label : c.connector}
              {connector?.custom ? <span className="fg-panel-badge">custom</span> : null}
              <span className="fg-panel-id">{c.connector}</span>
            </span>
            {!connector ? <span className="fg-panel-warning">{`Flowgate does not know a connector called "${c.connector}". Define it under Custom connectors, or remove this connection.`}</span> : null}
          </div>
          <Field label="Identity" hint="The account, role or service account this connection acts as." warning={!c.identity.trim() ? 'Say which account the AI uses here.' : null}>
            <TextInput value={c.identity} placeholder="e.g. svc-ai-triage" mono onChange={(v) => set({ identity: v }, 'identity')} testId="field-identity" />
          </Field>
          <Grants {...card} />
          <Checkbox checked={c.logging} onChange={(v) => set({ logging: v })} testId="field-logging" label="Calls are logged (audit trail)" />
          <Field label="Maintainer" hint="Who looks after this connection." warning={!c.maintainer.trim() ? 'Nobody is named as maintainer.' : null}>
            <TextInput value={c.maintainer} placeholder="e.g. IT admin" onChange={(v) => set({ maintainer: v }, 'maintainer')} testId="field-maintainer" />
          </Field>
          <Field label="How to revoke access" warning={!c.revocation.trim() ? 'Write down how to switch this access off.' : null}>
            <TextInput value={c.revocation} placeholder="e.g. Disable the service account in the admin console" onChange={(v) => set({ revocation: v }, 'revocation')} testId="field-revocation" />
          </Field>
          <RemoveConnection {...card} />
        </div>
      ) : null}
    </li>
  );
}

function Grants({ wf, connection: c, onChange }: ConnectionCardProps) {
  const connector = findConnector(wf, c.connector);
  const extras = extraGrants(c, connector);
  const [raw, setRaw] = useState('');
  const problem = raw.trim() ? grantProblem(raw, c.grants) : null;
  const add = () => {
    const result = addGrant(wf, c.id, raw);
    if (!result.ok) return;
    onChange(result.workflow);
    setRaw('');
  };
  return (
    <div className="fg-panel-field" role="group" aria-label="What it may do">
      <span className="fg-panel-label">What it may do</span>
      <span className="fg-panel-hint">Tick what this connection is granted; each action’s scope is under its name.</span>
      {connector ? (
        <ul className="fg-panel-list fg-panel-grants">
          {connector.actions.map((a) => {
            const covering = coveringWildcard(c.grants, a.scope);
            return (
              <li key={a.scope} className="fg-panel-grant" data-testid={`action-${c.id}-${a.scope}`}>
                <div className="fg-panel-row">
                  <Checkbox checked={c.grants.includes(a.scope)} onChange={() => onChange(toggleGrant(wf, c.id, a.scope))} testId={`grant-${c.id}-${a.scope}`} label={a.label || a.scope} />
                  <EffectBadge effect={a.effect} />
                </div>
                <div className="fg-panel-grant-detail">
                  <span className="fg-id" title="The scope this grants">
                    {a.scope}
                  </span>
                  <ActionFlags customerFacing={a.customerFacing} data={a.data} />
                  {covering ? <span className="fg-panel-hint">{`granted through ${covering}`}</span> : null}
                </div>
                {a.description ? <span className="fg-panel-hint">{a.description}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {extras.length ? (
        <>
          <span className="fg-panel-sublabel">{connector ? 'Other grants' : 'Grants'}</span>
          <ul className="fg-panel-chips">
            {extras.map((g) => (
              <li key={g} className={cls('fg-panel-chip', 'fg-panel-grant-chip', isWildcard(g) && 'fg-panel-chip-wildcard')} data-testid={`extra-grant-${c.id}-${g}`}>
                <span className="fg-panel-mono">{g}</span>
                <span className="fg-panel-chip-note">{isWildcard(g) ? 'wildcard' : connector ? 'not an action of this connector' : 'unknown'}</span>
                <button type="button" className="fg-panel-chip-remove" aria-label={`Remove grant ${g}`} title="Remove this grant" data-testid={`remove-grant-${c.id}-${g}`} onClick={() => onChange(removeGrant(wf, c.id, g))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="fg-panel-row">
        <TextInput value={raw} onChange={setRaw} onEnter={add} placeholder="add a scope, e.g. tickets.* or *" mono invalid={!!problem} ariaLabel="Scope to grant" testId="field-new-grant" />
        <Button testId="add-grant" disabled={!raw.trim() || !!problem} onClick={add}>
          Grant
        </Button>
      </div>
      {problem ? <span className="fg-panel-error">{problem}</span> : null}
      <span className="fg-panel-hint">Grant only what the steps need; wildcards grant everything under them.</span>
    </div>
  );
}

function RemoveConnection({ wf, connection: c, onChange }: ConnectionCardProps) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div>
        <Button kind="danger" testId={`remove-connection-${c.id}`} onClick={() => setConfirming(true)}>
          Remove connection
        </Button>
      </div>
    );
  }
  const steps = stepsUsingConnection(wf, c.id);
  return (
    <div className="fg-panel-confirm" role="alertdialog" aria-label="Remove this connection?">
      <span>
        {steps.length
          ? `Remove "${c.label || c.id}"? ${steps.join(', ')} ${steps.length === 1 ? 'uses' : 'use'} it and will keep its name, flagged as unknown.`
          : `Remove "${c.label || c.id}"? No step uses it.`}
      </span>
      <div className="fg-panel-row">
        <Button kind="danger" testId={`confirm-remove-connection-${c.id}`} onClick={() => onChange(removeConnection(wf, c.id))}>
          Remove
        </Button>
        <Button testId={`cancel-remove-connection-${c.id}`} onClick={() => setConfirming(false)}>
          Keep
        </Button>
      </div>
    </div>
  );
}
