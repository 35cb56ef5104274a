// Finds connectors and actions for a workflow: the built-in catalog plus the file's own custom connectors,
// and decides whether a connection's grants cover a scope.
import type { Connection, CustomConnector, Workflow } from '../model/schema';
import { BUILTIN_CONNECTORS } from './catalog';
import type { ConnectorAction, ConnectorDefinition } from './types';

const BUILTIN_BY_ID = new Map(BUILTIN_CONNECTORS.map((c) => [c.id, c]));
/** The generic plug of the app's icon set (renderer/src/chrome/icons.tsx). */
const CUSTOM_ICON = 'plug';

// Custom connectors are converted once per document object: analysis asks for them on every edit.
const customCache = new WeakMap<readonly CustomConnector[], ConnectorDefinition[]>();

function toDefinition(custom: CustomConnector): ConnectorDefinition {
  const description = typeof custom.description === 'string' ? custom.description : 'A connector defined in this workflow.';
  return {
    id: custom.id,
    label: custom.label,
    description,
    icon: CUSTOM_ICON,
    custom: true,
    actions: custom.actions.map((a) => ({
      scope: a.scope,
      label: a.label,
      effect: a.effect,
      customerFacing: a.customerFacing,
      data: [...a.data],
      ...(a.unknownEffect ? { unknownEffect: true } : {}),
      description: undefined,
      inputs: undefined,
    })),
  };
}

function customConnectors(wf: Pick<Workflow, 'connectors'>): ConnectorDefinition[] {
  const list = wf.connectors;
  if (!list?.length) return [];
  let defs = customCache.get(list);
  if (!defs) {
    // A built-in id wins over a custom one, so a file cannot redefine what "helpdesk" does.
    defs = list.filter((c) => !BUILTIN_BY_ID.has(c.id)).map(toDefinition);
    customCache.set(list, defs);
  }
  return defs;
}

/** Every connector a workflow can use: the built-ins, then the file's custom connectors. */
export function connectorsOf(wf: Pick<Workflow, 'connectors'>): ConnectorDefinition[] {
  return [...BUILTIN_CONNECTORS, ...customConnectors(wf)];
}

export function findConnector(wf: Pick<Workflow, 'connectors'>, connectorId: string): ConnectorDefinition | undefined {
  return BUILTIN_BY_ID.get(connectorId) ?? customConnectors(wf).find((c) => c.id === connectorId);
}

export function findConnectorAction(connector: ConnectorDefinition, scope: string): ConnectorAction | undefined {
  return connector.actions.find((a) => a.scope === scope);
}

export type ResolvedAction =
  | { ok: true; connection: Connection; connector: ConnectorDefinition; action: ConnectorAction }
  | { ok: false; problem: 'unknown-connection' | 'unknown-connector' | 'unknown-action'; message: string };

/** Follows a step's reference (connection id + action scope) to the connection, its connector and the action. */
export function resolveAction(wf: Pick<Workflow, 'connectors' | 'connections'>, ref: { connection: string; action: string }): ResolvedAction {
  const connection = wf.connections.find((c) => c.id === ref.connection);
  if (!connection) {
    const message = ref.connection ? `There is no connection called "${ref.connection}".` : 'No connection is chosen.';
    return { ok: false, problem: 'unknown-connection', message };
  }
  const connector = findConnector(wf, connection.connector);
  if (!connector) {
    return { ok: false, problem: 'unknown-connector', message: `The connection "${connection.label}" uses a connector "${connection.connector}" that Flowgate does not know.` };
  }
  const action = findConnectorAction(connector, ref.action);
  if (!action) {
    const message = ref.action ? `${connector.label} has no action "${ref.action}".` : `No action is chosen on "${connection.label}".`;
    return { ok: false, problem: 'unknown-action', message };
  }
  return { ok: true, connection, connector, action };
}

/** Whether a grant is a pattern (`*` or `prefix.*`) rather than one scope. */
export function isWildcard(grant: string): boolean {
  return grant === '*' || grant.endsWith('.*');
}

/** Whether the grants cover a scope: exactly, through `*`, or through `prefix.*` (`crm.*` covers `crm.contacts.read`). */
export function isGranted(grants: readonly string[], scope: string): boolean {
  for (const grant of grants) {
    if (grant === scope || grant === '*') return true;
    if (grant.endsWith('.*') && scope.startsWith(grant.slice(0, -1))) return true;
  }
  return false;
}
