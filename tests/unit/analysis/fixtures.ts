// Builders for small workflow documents, so that each test shows only what matters to it.
// Every document goes through the real loader: a fixture is a valid file, defaults filled in.
import { loadWorkflowValue } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';

type Json = Record<string, unknown>;
type NodeSpec = { id: string; kind: string; label?: string; config?: Json; lint?: Json };

let x = 0;
function node(kind: string, id: string, config: Json = {}, label?: string): NodeSpec {
  return { id, kind, label: label ?? id, config, position: { x: (x += 200), y: 0 } } as NodeSpec;
}

export const intake = (id: string, connection?: string, action?: string, fields?: string[]) =>
  node('intake', id, connection ? { source: 'ticket', connection, action, ...(fields ? { fields } : {}) } : {});
export const ai = (id: string, config: Json = {}) => node('ai', id, config);
export const integration = (id: string, connection: string, action: string, inputs?: Json) => node('integration', id, { connection, action, ...(inputs ? { inputs } : {}) });
export const decision = (id: string, ...ruleIds: string[]) => node('decision', id, { rules: ruleIds.map((r) => ({ id: r, when: { all: [] } })) });
export const approval = (id: string, config: Json = {}) => node('approval', id, { reviewer: 'Support lead', ...config });
export const escalation = (id: string, config: Json = { team: 'Support agents' }) => node('escalation', id, config);
export const end = (id: string, outcome = 'resolved') => node('end', id, { outcome });

/** Adds a `lint.disable` entry to a node. */
export function disable(spec: NodeSpec, rule: string, reason: string): NodeSpec {
  return { ...spec, lint: { disable: [{ rule, reason }] } };
}

/** A connection with tidy hygiene (logging, maintainer, revocation) unless told otherwise. */
export function conn(id: string, connector: string, grants: string[], extra: Json = {}): Json {
  return { id, connector, label: id, identity: `svc-${id}`, grants, logging: true, maintainer: 'IT admin', revocation: `Disable svc-${id}`, ...extra };
}

/** Edges written as `a -> b` (handle `out`) or `a.handle -> b`. */
function edgesFrom(specs: string[]): Json[] {
  return specs.map((spec, i) => {
    const m = /^\s*([\w-]+)(?:\.([\w-]+))?\s*->\s*([\w-]+)\s*$/.exec(spec);
    if (!m) throw new Error(`bad edge spec "${spec}"`);
    return { id: `e${i + 1}`, source: m[1], sourceHandle: m[2] ?? 'out', target: m[3] };
  });
}

export interface DocSpec {
  nodes?: NodeSpec[];
  edges?: string[];
  connections?: Json[];
  connectors?: Json[];
  owner?: string;
  lint?: Json;
}

export function doc(spec: DocSpec): Workflow {
  const value = {
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id: 'test',
    name: 'Test',
    owner: spec.owner ?? 'Support lead',
    connections: spec.connections ?? [],
    ...(spec.connectors ? { connectors: spec.connectors } : {}),
    nodes: spec.nodes ?? [],
    edges: edgesFrom(spec.edges ?? []),
    ...(spec.lint ? { lint: spec.lint } : {}),
  };
  return loadWorkflowValue(value).workflow;
}

/** A help desk connection that grants what most gate tests use. */
export const HELPDESK = conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.reply', 'tickets.comment', 'tickets.delete', 'tickets.close']);
