// Edits of the workflow's own connectors (`connectors` in the file), for a client's in-house systems.
import { BUILTIN_CONNECTORS } from '../../connectors/catalog';
import type { DataCategory } from '../../connectors/types';
import { nextId, slug } from '../ids';
import type { CustomConnector, Workflow } from '../schema';
import { removeAt, replaceAt } from './lists';
import { sameValue } from './same';

type CustomAction = CustomConnector['actions'][number];

const BUILTIN_IDS = new Set(BUILTIN_CONNECTORS.map((c) => c.id));
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function customsOf(wf: Workflow): CustomConnector[] {
  return wf.connectors ?? [];
}

function setCustoms(wf: Workflow, connectors: CustomConnector[]): Workflow {
  return { ...wf, connectors };
}

function editCustom(wf: Workflow, id: string, edit: (c: CustomConnector) => CustomConnector): Workflow {
  const list = customsOf(wf);
  const index = list.findIndex((c) => c.id === id);
  if (index === -1) return wf;
  const next = edit(list[index]);
  return sameValue(next, list[index]) ? wf : setCustoms(wf, replaceAt(list, index, next));
}

/** Adds a custom connector with one read action to start from; its id comes from the label. */
export function addCustomConnector(wf: Workflow, label = 'Our system'): { workflow: Workflow; id: string } {
  const taken = [...BUILTIN_IDS, ...customsOf(wf).map((c) => c.id)];
  const base = slug(label);
  const id = taken.includes(base) ? nextId(`${base}-`, taken) : base;
  const connector: CustomConnector = {
    id,
    label,
    actions: [{ scope: `${id}.read`, label: 'Read records', effect: 'read', customerFacing: false, data: [] }],
  };
  return { workflow: setCustoms(wf, [...customsOf(wf), connector]), id };
}

/** Why `next` cannot be the id of the custom connector now called `current`, or null when it can. */
export function connectorIdProblem(wf: Workflow, current: string, next: string): string | null {
  if (!next) return 'The id cannot be empty.';
  if (!ID_PATTERN.test(next)) return 'Use letters, digits, "-" and "_" only, starting with a letter or digit.';
  if (BUILTIN_IDS.has(next)) return `"${next}" is a built-in connector; choose another id.`;
  if (next !== current && customsOf(wf).some((c) => c.id === next)) return `Another custom connector is already called "${next}".`;
  return null;
}

/** Renames a custom connector and the connections that use it, so they stay attached. */
export function renameCustomConnector(wf: Workflow, current: string, next: string): Workflow {
  if (current === next || connectorIdProblem(wf, current, next)) return wf;
  const renamed = editCustom(wf, current, (c) => ({ ...c, id: next }));
  if (renamed === wf) return wf;
  return { ...renamed, connections: renamed.connections.map((c) => (c.connector === current ? { ...c, connector: next } : c)) };
}

export function updateCustomConnector(wf: Workflow, id: string, patch: { label?: string; description?: string }): Workflow {
  return editCustom(wf, id, (c) => ({ ...c, ...patch }));
}

/** Removes a custom connector. Connections that use it keep its id, so the analysis can point at them. */
export function removeCustomConnector(wf: Workflow, id: string): Workflow {
  const list = customsOf(wf);
  return list.some((c) => c.id === id) ? setCustoms(wf, list.filter((c) => c.id !== id)) : wf;
}

export function connectionsUsingConnector(wf: Workflow, connectorId: string): string[] {
  return wf.connections.filter((c) => c.connector === connectorId).map((c) => c.label || c.id);
}

export function addCustomAction(wf: Workflow, id: string): Workflow {
  return editCustom(wf, id, (c) => {
    const scope = nextId(`${c.id}.action`, c.actions.map((a) => a.scope));
    return { ...c, actions: [...c.actions, { scope, label: '', effect: 'read', customerFacing: false, data: [] }] };
  });
}

/** Why `scope` cannot be the scope of action `index`, or null when it can. */
export function actionScopeProblem(connector: CustomConnector, index: number, scope: string): string | null {
  if (!scope) return 'The scope cannot be empty.';
  if (/\s/.test(scope)) return 'A scope has no spaces.';
  if (scope.includes('*')) return 'An action scope cannot hold a wildcard; wildcards are for grants.';
  if (connector.actions.some((a, i) => i !== index && a.scope === scope)) return `Another action already has the scope "${scope}".`;
  return null;
}

/**
 * Changes one action. Grants and steps that named the old scope are not renamed: the Connections panel
 * and the analysis show them as unknown, which is easier to follow than a silent rewrite.
 */
export function updateCustomAction(wf: Workflow, id: string, index: number, patch: Partial<CustomAction>): Workflow {
  return editCustom(wf, id, (c) => (c.actions[index] ? { ...c, actions: replaceAt(c.actions, index, { ...c.actions[index], ...patch }) } : c));
}

export function removeCustomAction(wf: Workflow, id: string, index: number): Workflow {
  return editCustom(wf, id, (c) => ({ ...c, actions: removeAt(c.actions, index) }));
}

export function toggleCategory(list: readonly DataCategory[], category: DataCategory): DataCategory[] {
  return list.includes(category) ? list.filter((c) => c !== category) : [...list, category];
}
