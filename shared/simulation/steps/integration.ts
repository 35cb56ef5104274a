// An integration step: one action on one connection; a read keeps what it read in a variable.
import type { NodeOfKind } from '../../model/schema';
import type { CompiledNode } from '../compile';
import type { Handle, RunState } from '../run-state';
import { callConnector } from './connector-call';

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

export function runIntegration(run: RunState, c: CompiledNode, node: NodeOfKind<'integration'>): Handle {
  const call = c.call!;
  const result = callConnector(run, node.id, call, run.input(call, (s) => ({ mapping: node.config.inputs, text: s.lastText })));
  if (!result.ok) return 'error';
  if (call.effect === 'read') {
    const name = node.config.output?.trim() || (call.dataset ? singular(call.dataset) : node.id);
    run.setVariables(node.id, { [name]: result.value });
  }
  return 'ok';
}
