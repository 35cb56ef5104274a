// Small documents shared by the model tests, written as a user's file would be (defaults left out).
import { loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';

export function sampleDocument(): Record<string, unknown> {
  return {
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id: 'wf-1',
    name: 'Sample',
    owner: 'Support lead',
    connections: [{ id: 'helpdesk', connector: 'helpdesk', label: 'Help desk', grants: ['tickets.read'] }],
    nodes: [
      { id: 'n1', kind: 'intake', label: 'New ticket', position: { x: 0, y: 0 }, config: { source: 'ticket', connection: 'helpdesk', action: 'tickets.read' } },
      { id: 'n2', kind: 'ai', label: 'Classify', position: { x: 300, y: 0 }, config: { task: 'classify' } },
      {
        id: 'n3',
        kind: 'decision',
        label: 'Route',
        position: { x: 600, y: 0 },
        config: {
          rules: [
            { id: 'billing', label: 'Billing', when: { all: [{ var: 'category', op: 'eq', value: 'billing' }] } },
            { id: 'tech', label: 'Technical', when: { any: [{ var: 'category', op: 'eq', value: 'technical' }] } },
          ],
        },
      },
      { id: 'n4', kind: 'end', label: 'Billing', position: { x: 900, y: -160 }, config: { outcome: 'escalated' } },
      { id: 'n5', kind: 'end', label: 'Technical', position: { x: 900, y: 0 }, config: {} },
      { id: 'n6', kind: 'end', label: 'Other', position: { x: 900, y: 160 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n2', sourceHandle: 'ok', target: 'n3' },
      { id: 'e3', source: 'n3', sourceHandle: 'billing', target: 'n4' },
      { id: 'e4', source: 'n3', sourceHandle: 'tech', target: 'n5' },
      { id: 'e5', source: 'n3', sourceHandle: 'else', target: 'n6' },
    ],
  };
}

export function sampleWorkflow(): Workflow {
  return loadWorkflowValue(sampleDocument()).workflow;
}

type Json = Record<string, unknown>;

/** The object at a dotted path of a plain JSON value: at(doc, 'nodes.1.config'). */
export function at(root: unknown, path = ''): Json {
  let value = root;
  for (const part of path.split('.').filter(Boolean)) value = (value as Json)[part];
  if (value === null || typeof value !== 'object') throw new Error(`nothing at "${path}"`);
  return value as Json;
}

/** The list at a dotted path, as objects. */
export function list(root: unknown, path: string): Json[] {
  const value = at(root, path);
  if (!Array.isArray(value)) throw new Error(`no list at "${path}"`);
  return value as Json[];
}

/** Sets (or, with `undefined`, deletes) the value at a dotted path. */
export function set(root: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  const key = parts.pop()!;
  const parent = at(root, parts.join('.'));
  if (value === undefined) delete parent[key];
  else parent[key] = value;
}
