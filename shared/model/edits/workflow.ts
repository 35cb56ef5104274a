// A new, empty workflow, and edits of the workflow's own properties (name, description, owner).
import type { Workflow } from '../schema';
import { patchChangesNothing } from './same';

export function blankWorkflow(id: string, name = 'Untitled workflow'): Workflow {
  return {
    format: 'flowgate.workflow',
    schemaVersion: 1,
    id,
    name,
    description: '',
    owner: '',
    connections: [],
    nodes: [],
    edges: [],
  };
}

export function setProperties(wf: Workflow, patch: Partial<Pick<Workflow, 'name' | 'description' | 'owner'>>): Workflow {
  return patchChangesNothing(wf, patch) ? wf : { ...wf, ...patch };
}
