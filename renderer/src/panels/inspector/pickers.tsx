// Choosing a connection and one of its connector's actions, with what the chosen action does. Each
// entry leads with its name; its id follows, greyed. Actions are grouped by whether the connection
// grants them, so that choosing one it does not grant is a visible choice.
import { findConnector, isGranted } from '../../../../shared/connectors/lookup';
import type { ConnectorAction } from '../../../../shared/connectors/types';
import type { Workflow } from '../../../../shared/model/schema';
import { ActionFlags, EffectBadge } from '../controls';
import { RichSelect, type RichGroup, type RichOption } from '../RichSelect';

export function connectorOf(wf: Workflow, connectionId: string | undefined) {
  const connection = connectionId ? wf.connections.find((c) => c.id === connectionId) : undefined;
  return connection ? findConnector(wf, connection.connector) : undefined;
}

export function ConnectionSelect(props: { wf: Workflow; value: string; onChange(id: string): void; testId: string; allowNone?: boolean; ariaLabel?: string }) {
  const options: RichOption[] = props.wf.connections.map((c) => ({ value: c.id, label: c.label || c.id, id: c.id }));
  // An integration always needs a connection: offer a neutral first entry instead of "None".
  const first: RichOption[] = props.allowNone ? [{ value: '', label: 'None' }] : !props.value ? [{ value: '', label: 'Choose a connection…' }] : [];
  return (
    <RichSelect
      value={props.value}
      groups={[{ options: [...first, ...options] }]}
      onChange={props.onChange}
      testId={props.testId}
      ariaLabel={props.ariaLabel}
      missing={{ value: props.value, label: 'No such connection', id: props.value }}
    />
  );
}

/** An action as a picker lists it: its name first, then its scope and what it does. */
export function actionOption(a: ConnectorAction): RichOption {
  return { value: a.scope, label: a.label || a.scope, id: `${a.scope} · ${a.effect}` };
}

/**
 * The actions to choose from, those the connection grants first: "Granted by Help desk", then
 * "Not granted by Help desk" (choosing one of those is flagged until the connection grants it).
 */
export function actionGroups(wf: Workflow, connectionId: string, actions: readonly ConnectorAction[]): RichGroup[] {
  const connection = wf.connections.find((c) => c.id === connectionId);
  if (!connection) return [{ options: actions.map(actionOption) }];
  const name = connection.label || connection.id;
  const granted = actions.filter((a) => isGranted(connection.grants, a.scope));
  const other = actions.filter((a) => !isGranted(connection.grants, a.scope));
  return [
    { label: `Granted by ${name}`, options: granted.map(actionOption) },
    { label: `Not granted by ${name} — a step using one is flagged`, options: other.map(actionOption) },
  ];
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
  const first: RichOption[] = props.allowNone ? [{ value: '', label: 'None' }] : !props.value ? [{ value: '', label: actions.length ? 'Choose an action…' : 'No action to choose' }] : [];
  const action = connector?.actions.find((a) => a.scope === props.value);
  return (
    <>
      <RichSelect
        value={props.value}
        groups={[{ options: first }, ...actionGroups(props.wf, props.connectionId, actions)]}
        onChange={props.onChange}
        testId={props.testId}
        ariaLabel={props.ariaLabel}
        missing={action ? actionOption(action) : { value: props.value, label: 'Not an action of this connector', id: props.value }}
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
