// Choosing a connection and one of its connector's actions, with what the chosen action does.
import { findConnector } from '../../../../shared/connectors/lookup';
import type { ConnectorAction } from '../../../../shared/connectors/types';
import type { Workflow } from '../../../../shared/model/schema';
import { ActionFlags, EffectBadge, Select, type Option } from '../controls';

export function connectorOf(wf: Workflow, connectionId: string | undefined) {
  const connection = connectionId ? wf.connections.find((c) => c.id === connectionId) : undefined;
  return connection ? findConnector(wf, connection.connector) : undefined;
}

export function connectionOptions(wf: Workflow, allowNone: boolean): Option[] {
  const options = wf.connections.map((c) => ({ value: c.id, label: c.label ? `${c.label} (${c.id})` : c.id }));
  return allowNone ? [{ value: '', label: 'None' }, ...options] : options;
}

export function ConnectionSelect(props: { wf: Workflow; value: string; onChange(id: string): void; testId: string; allowNone?: boolean; ariaLabel?: string }) {
  const options = connectionOptions(props.wf, !!props.allowNone);
  // An integration always needs a connection: offer a neutral first entry instead of "None".
  const withPrompt = !props.allowNone && !props.value ? [{ value: '', label: 'Choose a connection…' }, ...options] : options;
  return (
    <Select
      value={props.value}
      options={withPrompt}
      onChange={props.onChange}
      testId={props.testId}
      ariaLabel={props.ariaLabel}
      missingLabel={(v) => `${v} (no such connection)`}
    />
  );
}

export function actionOptionLabel(a: ConnectorAction): string {
  return `${a.label || a.scope} · ${a.scope} · ${a.effect}`;
}

/** The actions of the connection's connector, optionally only some of them (reads for sources and intakes). */
export function ActionSelect(props: {
  wf: Workflow;
  connectionId: string;
  value: string;
  onChange(scope: string): void;
  testId: string;
  filter?: (a: ConnectorAction) => boolean;
  allowNone?: boolean;
  ariaLabel?: string;
}) {
  const connector = connectorOf(props.wf, props.connectionId);
  const actions = connector ? connector.actions.filter(props.filter ?? (() => true)) : [];
  const first: Option[] = props.allowNone ? [{ value: '', label: 'None' }] : !props.value ? [{ value: '', label: actions.length ? 'Choose an action…' : 'No action to choose' }] : [];
  const options = [...first, ...actions.map((a) => ({ value: a.scope, label: actionOptionLabel(a) }))];
  const action = connector?.actions.find((a) => a.scope === props.value);
  return (
    <>
      <Select
        value={props.value}
        options={options}
        onChange={props.onChange}
        testId={props.testId}
        ariaLabel={props.ariaLabel}
        missingLabel={(v) => (action ? actionOptionLabel(action) : `${v} (not an action of this connector)`)}
      />
      {action ? <ActionSummary action={action} /> : null}
    </>
  );
}

export function ActionSummary(props: { action: ConnectorAction }) {
  const a = props.action;
  return (
    <span className="fg-panel-action-summary">
      <EffectBadge effect={a.effect} />
      <ActionFlags customerFacing={a.customerFacing} data={a.data} />
      {a.description ? <span className="fg-panel-hint">{a.description}</span> : null}
    </span>
  );
}
