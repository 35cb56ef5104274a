// Edits of a step's config, built on updateNode: one new document per edit (one undo step), or the same
// document when the edit changes nothing.
import { outcomeAfterRename } from '../../kinds/end-outcome';
import { findConnector, findConnectorAction } from '../../connectors/lookup';
import type { ActionRef, ConfigOf, NodeKind, Workflow, WorkflowNode } from '../schema';
import { updateNode } from './graph';
import { removeAt, replaceAt } from './lists';

export function nodeOfKind<K extends NodeKind>(wf: Workflow, nodeId: string, kind: K): Extract<WorkflowNode, { kind: K }> | undefined {
  const node = wf.nodes.find((n) => n.id === nodeId);
  return node && node.kind === kind ? (node as Extract<WorkflowNode, { kind: K }>) : undefined;
}

/** Merges `patch` into the config of a step of kind `kind`; a key set to undefined is removed. */
export function patchConfig<K extends NodeKind>(wf: Workflow, nodeId: string, kind: K, patch: Partial<ConfigOf<K>>): Workflow {
  const node = nodeOfKind(wf, nodeId, kind);
  if (!node) return wf;
  const config: Record<string, unknown> = { ...node.config, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete config[key];
  return updateNode(wf, nodeId, { config: config as WorkflowNode['config'] });
}

/** Renames a step; an end's outcome follows its name while it is unset or what the old name implied. */
export function setLabel(wf: Workflow, nodeId: string, label: string): Workflow {
  const node = wf.nodes.find((n) => n.id === nodeId);
  if (node?.kind === 'end') {
    const outcome = outcomeAfterRename(node.config.outcome, node.label, label);
    if (outcome !== node.config.outcome) return updateNode(wf, nodeId, { label, config: { ...node.config, outcome } });
  }
  return updateNode(wf, nodeId, { label });
}

/** Whether the connector behind `connectionId` has an action with this scope. */
export function connectionHasAction(wf: Workflow, connectionId: string, scope: string): boolean {
  const connection = wf.connections.find((c) => c.id === connectionId);
  const connector = connection && findConnector(wf, connection.connector);
  return !!connector && !!scope && !!findConnectorAction(connector, scope);
}

/** Points a reference at another connection; the action stays only if the new connector has it too. */
export function retarget(wf: Workflow, ref: { connection?: string; action?: string }, connection: string): ActionRef {
  const action = ref.action && connectionHasAction(wf, connection, ref.action) ? ref.action : '';
  return { connection, action };
}

type ConnectedKind = 'intake' | 'integration' | 'escalation';

/**
 * Chooses the connection of an intake, integration or escalation step. For intakes and escalations
 * the connection is optional: choosing none removes the connection and the action.
 */
export function chooseConnection(wf: Workflow, nodeId: string, connection: string): Workflow {
  const node = wf.nodes.find((n) => n.id === nodeId);
  if (!node || (node.kind !== 'intake' && node.kind !== 'integration' && node.kind !== 'escalation')) return wf;
  const kind = node.kind as ConnectedKind;
  const next = retarget(wf, node.config, connection);
  if (kind === 'integration') return patchConfig(wf, nodeId, 'integration', next);
  if (!connection) return patchConfig(wf, nodeId, kind, { connection: undefined, action: undefined });
  return patchConfig(wf, nodeId, kind, { connection, action: next.action || undefined });
}

export function chooseAction(wf: Workflow, nodeId: string, action: string): Workflow {
  const node = wf.nodes.find((n) => n.id === nodeId);
  if (!node) return wf;
  if (node.kind === 'integration') return patchConfig(wf, nodeId, 'integration', { action });
  if (node.kind === 'intake' || node.kind === 'escalation') return patchConfig(wf, nodeId, node.kind as ConnectedKind, { action: action || undefined });
  return wf;
}

// ---- integration inputs ----

export function setInput(wf: Workflow, nodeId: string, name: string, template: string): Workflow {
  const node = nodeOfKind(wf, nodeId, 'integration');
  if (!node) return wf;
  return patchConfig(wf, nodeId, 'integration', { inputs: { ...node.config.inputs, [name]: template } });
}

export function removeInput(wf: Workflow, nodeId: string, name: string): Workflow {
  const node = nodeOfKind(wf, nodeId, 'integration');
  if (!node || !(name in node.config.inputs)) return wf;
  const inputs = { ...node.config.inputs };
  delete inputs[name];
  return patchConfig(wf, nodeId, 'integration', { inputs });
}

// ---- AI knowledge sources and tools ----

export type RefList = 'sources' | 'tools';

function refsPatch(list: RefList, refs: ActionRef[]): Partial<ConfigOf<'ai'>> {
  return list === 'sources' ? { sources: refs } : { tools: refs };
}

/** Adds a source or tool row, on the first connection when there is one; the user then picks the action. */
export function addActionRef(wf: Workflow, nodeId: string, list: RefList): Workflow {
  const node = nodeOfKind(wf, nodeId, 'ai');
  if (!node) return wf;
  const ref: ActionRef = { connection: wf.connections[0]?.id ?? '', action: '' };
  return patchConfig(wf, nodeId, 'ai', refsPatch(list, [...node.config[list], ref]));
}

export function setActionRefConnection(wf: Workflow, nodeId: string, list: RefList, index: number, connection: string): Workflow {
  const node = nodeOfKind(wf, nodeId, 'ai');
  const current = node?.config[list][index];
  if (!node || !current) return wf;
  return patchConfig(wf, nodeId, 'ai', refsPatch(list, replaceAt(node.config[list], index, { ...current, ...retarget(wf, current, connection) })));
}

export function setActionRefAction(wf: Workflow, nodeId: string, list: RefList, index: number, action: string): Workflow {
  const node = nodeOfKind(wf, nodeId, 'ai');
  const current = node?.config[list][index];
  if (!node || !current) return wf;
  return patchConfig(wf, nodeId, 'ai', refsPatch(list, replaceAt(node.config[list], index, { ...current, action })));
}

export function removeActionRef(wf: Workflow, nodeId: string, list: RefList, index: number): Workflow {
  const node = nodeOfKind(wf, nodeId, 'ai');
  if (!node) return wf;
  return patchConfig(wf, nodeId, 'ai', refsPatch(list, removeAt(node.config[list], index)));
}

// ---- AI labels ----

export function addAiLabel(wf: Workflow, nodeId: string): Workflow {
  const node = nodeOfKind(wf, nodeId, 'ai');
  if (!node) return wf;
  const taken = new Set(node.config.labels.map((l) => l.name));
  let n = node.config.labels.length + 1;
  while (taken.has(`label ${n}`)) n++;
  return patchConfig(wf, nodeId, 'ai', { labels: [...node.config.labels, { name: `label ${n}`, keywords: [] }] });
}

export function setAiLabel(wf: Workflow, nodeId: string, index: number, patch: { name?: string; keywords?: string[] }): Workflow {
  const node = nodeOfKind(wf, nodeId, 'ai');
  const current = node?.config.labels[index];
  if (!node || !current) return wf;
  return patchConfig(wf, nodeId, 'ai', { labels: replaceAt(node.config.labels, index, { ...current, ...patch }) });
}

export function removeAiLabel(wf: Workflow, nodeId: string, index: number): Workflow {
  const node = nodeOfKind(wf, nodeId, 'ai');
  if (!node) return wf;
  return patchConfig(wf, nodeId, 'ai', { labels: removeAt(node.config.labels, index) });
}

// ---- field-name lists (intake fields, extract fields) ----

function fieldsOf(wf: Workflow, nodeId: string): { kind: 'intake' | 'ai'; fields: string[] } | undefined {
  const node = wf.nodes.find((n) => n.id === nodeId);
  if (node?.kind === 'intake') return { kind: 'intake', fields: node.config.fields };
  if (node?.kind === 'ai') return { kind: 'ai', fields: node.config.fields ?? [] };
  return undefined;
}

function setFields(wf: Workflow, nodeId: string, kind: 'intake' | 'ai', fields: string[]): Workflow {
  return kind === 'intake' ? patchConfig(wf, nodeId, 'intake', { fields }) : patchConfig(wf, nodeId, 'ai', { fields });
}

/** Adds an empty field name; the form asks for the name. */
export function addField(wf: Workflow, nodeId: string): Workflow {
  const f = fieldsOf(wf, nodeId);
  return f ? setFields(wf, nodeId, f.kind, [...f.fields, '']) : wf;
}

export function setField(wf: Workflow, nodeId: string, index: number, name: string): Workflow {
  const f = fieldsOf(wf, nodeId);
  return f && index < f.fields.length ? setFields(wf, nodeId, f.kind, replaceAt(f.fields, index, name)) : wf;
}

export function removeField(wf: Workflow, nodeId: string, index: number): Workflow {
  const f = fieldsOf(wf, nodeId);
  return f ? setFields(wf, nodeId, f.kind, removeAt(f.fields, index)) : wf;
}
