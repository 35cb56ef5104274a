// Reading what the Connections panel shows about a connection, and adding one for a connector.
import { requiredActionsOf } from '../../../../shared/kinds/registry';
import type { ConnectorDefinition } from '../../../../shared/connectors/types';
import { addConnection } from '../../../../shared/model/edit';
import type { Workflow } from '../../../../shared/model/schema';

export function addConnectionFor(wf: Workflow, connector: Pick<ConnectorDefinition, 'id' | 'label'>): { workflow: Workflow; id: string } {
  return addConnection(wf, connector.id, connector.label);
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
