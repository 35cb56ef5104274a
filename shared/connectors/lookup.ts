// Finds connectors and actions for a workflow: the built-in catalog plus the file's own custom connectors,
// and decides whether a connection's grants cover a scope.
import { asArray, asString } from '../model/read';
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

/** How messages name a connection: its label, else its id. */
export function connectionName(connection: Connection | undefined): string {
  return asString(connection?.label).trim() || asString(connection?.id) || '(missing connection)';
}

/** The connector a connection uses (built-in or custom), or undefined when Flowgate does not know it. Never throws. */
export function connectorOfConnection(wf: Pick<Workflow, 'connectors'>, connection: Connection): ConnectorDefinition | undefined {
  try {
    const connector = findConnector(wf, asString(connection.connector));
    return connector && Array.isArray(connector.actions) ? connector : undefined;
  } catch {
    return undefined; // a malformed custom connector is as good as none
  }
}

/** Follows a step's reference (connection id + action scope) to the connection, its connector and the action. */
export type ActionResolver = (connectionId: string, scope: string) => ResolvedAction;

/**
 * The one resolver of step references, used by the workflow index (analysis, readiness, report,
 * simulation) and by resolveAction(). It never throws, whatever the document holds, and resolves each
 * distinct (connection, action) once, so a caller that builds its lookups once stays linear.
 */
export function actionResolver(connectionOf: (id: string) => Connection | undefined, connectorOf: (c: Connection) => ConnectorDefinition | undefined): ActionResolver {
  const cache = new Map<string, Map<string, ResolvedAction>>();
  const resolveOne = (connectionId: string, scope: string): ResolvedAction => {
    const connection = connectionOf(connectionId);
    if (!connection) {
      const message = connectionId ? `There is no connection called "${connectionId}".` : 'No connection is chosen.';
      return { ok: false, problem: 'unknown-connection', message };
    }
    const connector = connectorOf(connection);
    if (!connector) {
      const message = `The connection "${connectionName(connection)}" uses a connector "${asString(connection.connector)}" that Flowgate does not know.`;
      return { ok: false, problem: 'unknown-connector', message };
    }
    const action = findConnectorAction(connector, scope);
    if (!action) {
      const message = scope ? `${connector.label} has no action "${scope}".` : `No action is chosen on "${connectionName(connection)}".`;
      return { ok: false, problem: 'unknown-action', message };
    }
    return { ok: true, connection, connector, action };
  };
  return (connectionId, scope) => {
    // By connection, then by scope: no key string to build and hash on every call.
    let byScope = cache.get(connectionId);
    if (!byScope) cache.set(connectionId, (byScope = new Map()));
    let result = byScope.get(scope);
    if (!result) {
      result = resolveOne(connectionId, scope);
      byScope.set(scope, result);
    }
    return result;
  };
}

/** Resolves one reference; to resolve many, build an actionResolver (or the workflow index) once. */
export function resolveAction(wf: Pick<Workflow, 'connectors' | 'connections'>, ref: { connection: string; action: string }): ResolvedAction {
  const resolve = actionResolver(
    (id) => wf.connections.find((c) => c.id === id),
    (c) => connectorOfConnection(wf, c),
  );
  return resolve(ref.connection, ref.action);
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

/** A connection's grants; a fuzzed grants list that is not an array grants nothing. */
export function grantsOf(connection: Connection | undefined): string[] {
  return asArray<unknown>(connection?.grants).filter((g): g is string => typeof g === 'string');
}

/** Whether a connection's grants cover a scope. */
export function covers(connection: Connection | undefined, scope: string): boolean {
  return isGranted(grantsOf(connection), scope);
}
