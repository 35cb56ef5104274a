// The names the timeline gives what a run's events refer to by id: a step's output ("Billing", "low
// confidence"), a connection ("Help desk"), an action ("Reply to the customer"). They come from the
// document the run ran on, so a run reopened after edits still reads as it ran. Without a document
// (or for something it does not hold) the id itself is the name.
import { connectionName, connectorOfConnection, findConnectorAction } from '../../../shared/connectors/lookup';
import { KINDS, outputsOf } from '../../../shared/kinds/registry';
import { displayText } from '../../../shared/model/display-text';
import type { NodeKind, Workflow } from '../../../shared/model/schema';

export interface EventNames {
  /** The name of a step's output ("Billing" for a decision's rule, "low confidence"). */
  output(nodeId: string, handle: string): string;
  connection(connectionId: string): string;
  /** The action's own words ("Reply to the customer"), or null when the catalog does not know it. */
  action(connectionId: string, scope: string): string | null;
  kind(kind: NodeKind): string;
}

export const ID_NAMES: EventNames = {
  output: (_nodeId, handle) => handle,
  connection: (id) => id,
  action: () => null,
  kind: (kind) => kind,
};

export function eventNames(wf: Workflow): EventNames {
  const nodes = new Map(wf.nodes.map((n) => [n.id, n]));
  const connections = new Map(wf.connections.map((c) => [c.id, c]));
  return {
    output(nodeId, handle) {
      const node = nodes.get(nodeId);
      const out = node ? outputsOf(node).find((h) => h.id === handle) : undefined;
      return out ? displayText(out.label, 60, handle) : handle;
    },
    connection(id) {
      const c = connections.get(id);
      return c ? displayText(connectionName(c), 60, id) : id;
    },
    action(connectionId, scope) {
      const c = connections.get(connectionId);
      const connector = c ? connectorOfConnection(wf, c) : undefined;
      const action = connector ? findConnectorAction(connector, scope) : undefined;
      return action?.label ? displayText(action.label, 80) : null;
    },
    kind: (kind) => KINDS[kind]?.label ?? kind,
  };
}
