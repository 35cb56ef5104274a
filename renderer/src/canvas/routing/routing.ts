// Links around steps, for the app: ELK (in its worker) lays a workflow out, and the route store keeps
// the routes of the open document (routes.ts says when the canvas draws them).
import { elkLayout, type ElkLayout, type ElkLike } from '../../../../shared/model/elk-layout';
import type { Size } from '../../../../shared/model/placement';
import type { Workflow, WorkflowNode } from '../../../../shared/model/schema';
import { stepPorts } from '../next-step/geometry';
import { createElkClient } from './elk-client';
import { createRouteStore } from './routes';

export type Routing = ReturnType<typeof createRouting>;

/** `elk`: an ELK instance to use instead of the worker (tests). */
export function createRouting(elk?: ElkLike) {
  const routes = createRouteStore();
  let client: ElkLike | null = elk ?? null;
  return {
    routes,
    /** ELK's layout of a workflow at these sizes: positions from the top-left corner, and routes. */
    layout(wf: Pick<Workflow, 'nodes' | 'edges'>, sizeOf: (node: WorkflowNode) => Size): Promise<ElkLayout> {
      client ??= createElkClient();
      return elkLayout(client, wf, sizeOf, stepPorts);
    },
  };
}
