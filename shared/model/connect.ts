// Which edges make sense. The canvas refuses the others and shows the reason returned here.
import { KINDS, outputsOf } from '../kinds/registry';
import type { Workflow } from './schema';

export interface ConnectionRequest {
  source: string;
  sourceHandle: string | null | undefined;
  target: string;
}

/** Returns why the edge cannot be made, or null when it can. */
export function connectionRefusal(wf: Pick<Workflow, 'nodes' | 'edges'>, req: ConnectionRequest): string | null {
  const source = wf.nodes.find((n) => n.id === req.source);
  const target = wf.nodes.find((n) => n.id === req.target);
  if (!source || !target) return 'Both ends must be steps on the canvas.';
  if (source.id === target.id) return 'A step cannot connect to itself.';
  if (source.kind === 'end') return 'An end step finishes the workflow: nothing can follow it.';
  if (!KINDS[target.kind].acceptsInput) return 'An intake starts the workflow: nothing can lead into it.';
  const handles = outputsOf(source);
  const handle = req.sourceHandle ?? handles[0]?.id;
  if (!handles.some((h) => h.id === handle)) return `"${source.label}" has no output called "${handle}".`;
  if (wf.edges.some((e) => e.source === source.id && e.sourceHandle === handle && e.target === target.id)) {
    return 'These two steps are already connected by this output.';
  }
  if (wf.edges.some((e) => e.source === source.id && e.sourceHandle === handle)) {
    const label = handles.find((h) => h.id === handle)?.label ?? handle;
    return `The "${label}" output of "${source.label}" already leads somewhere: an item can take only one path. Delete that edge first.`;
  }
  return null;
}
