// The web worker ELK lays workflows out in, so that the canvas stays responsive while it works
// (a few hundred milliseconds for a hundred steps). One message in, one answer out, by id.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkGraph } from '../../../../shared/model/elk-layout';

const elk = new ELK();
const scope = self as unknown as { onmessage: ((e: MessageEvent<{ id: number; graph: ElkGraph }>) => void) | null; postMessage(message: unknown): void };

// Set after the import on purpose: ELK's bundle installs a message handler of its own in a worker.
scope.onmessage = (e) => {
  const { id, graph } = e.data;
  elk.layout(graph as never).then(
    (result) => scope.postMessage({ id, result }),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
