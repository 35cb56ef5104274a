// An escalation: the item is handed to a team, through the step's action when it names one.
import type { NodeOfKind } from '../../model/schema';
import type { CompiledNode } from '../compile';
import type { Handle, RunState } from '../run-state';
import { lookup, textOf } from '../variables';
import { callConnector } from './connector-call';

function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'team'
  );
}

export function runEscalation(run: RunState, c: CompiledNode, node: NodeOfKind<'escalation'>): Handle {
  const { team, reason, priority } = node.config;
  if (run.recorder.recording) run.recorder.events.push({ type: 'escalated', atMs: run.now, nodeId: node.id, team, priority, reason });
  const call = c.call;
  if (!call) return 'out';
  // The note quotes the item's subject, read from the variables it is given (now, or when an approval was given).
  const note = (vars: Record<string, unknown>) => {
    const subject = textOf(lookup(vars, 'subject'));
    return `Escalated to ${team || 'a team'} (${priority} priority)${reason ? `: ${reason}` : ''}${subject ? ` — "${subject}"` : ''}`;
  };
  const given = { team, group: team, queue: team, owner: team, channel: `#${slugOf(team)}`, reason, priority, subject: `Escalation: ${reason || node.label}` };
  const result = callConnector(run, node.id, call, run.input(call, (s) => ({ given, text: note(s.vars) })));
  if (!result.ok) {
    run.stopAt(node.id, 'no-error-path', `"${node.label}" could not hand the item over: ${result.message} An escalation has no error output, so the run stops here.`);
    return null;
  }
  return 'out';
}
