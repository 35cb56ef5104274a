// ELK for the renderer: in a web worker where the page has workers (the app), else in this thread
// (component tests). One worker, started on first use; each layout answered by its own promise.
import type { ElkGraph, ElkLike } from '../../../../shared/model/elk-layout';

type Answer = { id: number; result?: ElkGraph; error?: string };

export function createElkClient(): ElkLike {
  let worker: Worker | null = null;
  let inThread: Promise<ElkLike> | null = null;
  let seq = 0;
  const pending = new Map<number, { resolve(g: ElkGraph): void; reject(e: Error): void }>();

  const start = (): Worker | null => {
    if (worker || typeof Worker === 'undefined') return worker;
    try {
      worker = new Worker(new URL('./elk-worker.ts', import.meta.url), { type: 'module', name: 'elk' });
    } catch {
      return null;
    }
    worker.onmessage = (e: MessageEvent<Answer>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.result) p.resolve(e.data.result);
      else p.reject(new Error(`the layout failed: ${e.data.error ?? 'no answer'}`));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      for (const p of pending.values()) p.reject(new Error(`the layout failed: ${e.message || 'the layout worker stopped'}`));
      pending.clear();
      worker?.terminate();
      worker = null;
    };
    return worker;
  };

  return {
    layout(graph) {
      const w = start();
      if (!w) {
        inThread ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default() as unknown as ElkLike);
        return inThread.then((elk) => elk.layout(graph));
      }
      const id = ++seq;
      return new Promise<ElkGraph>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, graph });
      });
    },
  };
}
