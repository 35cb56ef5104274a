// Edits of the workflow's connections (the integration layer), and what the Connections panel reads
// about one: which steps use it.
import type { ConnectorDefinition } from '../../connectors/types';
import { requiredActionsOf } from '../../kinds/registry';
import { nextId, slug } from '../ids';
import type { Connection, Workflow } from '../schema';
import { patchChangesNothing } from './same';

export function addConnection(wf: Workflow, connector: string, label: string): { workflow: Workflow; id: string } {
  const base = slug(connector);
  const taken = wf.connections.map((c) => c.id);
  const id = taken.includes(base) ? nextId(`${base}-`, taken) : base;
  const conn: Connection = { id, connector, label, identity: '', grants: [], logging: false, maintainer: '', revocation: '' };
  return { workflow: { ...wf, connections: [...wf.connections, conn] }, id };
}

export function addConnectionFor(wf: Workflow, connector: Pick<ConnectorDefinition, 'id' | 'label'>): { workflow: Workflow; id: string } {
  return addConnection(wf, connector.id, connector.label);
}

export function updateConnection(wf: Workflow, id: string, patch: Partial<Omit<Connection, 'id'>>): Workflow {
  const current = wf.connections.find((c) => c.id === id);
  if (!current || patchChangesNothing(current, patch)) return wf;
  return { ...wf, connections: wf.connections.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
}

/** Removes a connection. Steps that named it keep the name, so the analysis can point at them. */
export function removeConnection(wf: Workflow, id: string): Workflow {
  return wf.connections.some((c) => c.id === id) ? { ...wf, connections: wf.connections.filter((c) => c.id !== id) } : wf;
}

/** The steps (labels, or ids when unlabelled) that name a connection. */
export function stepsUsingConnection(wf: Workflow, connectionId: string): string[] {
  return wf.nodes
    .filter((n) => {
      const own = (n.config as { connection?: unknown }).connection === connectionId;
      return own || requiredActionsOf(n).some((ref) => ref.connection === connectionId);
    })
    .map((n) => n.label.trim() || n.id);
}
