// A Web Worker that answers requests by id: the one client the page's workers share (the first
// analysis of a large document, the comparison of a log). The worker is started on first use and
// kept; each answer settles the request with its id. When the worker cannot start, or fails to load
// (a blocked script), what was waiting goes to `lost` and later requests get null: the caller then
// does the work in the page.

/** What a worker answers: the request's id, and its value or the reason it failed, in words. */
export type WorkerAnswer<A> = { id: number; ok: true; value: A } | { id: number; ok: false; message: string };

/** A request waiting for its answer. */
export interface Waiting<Q, A> {
  request: Q;
  resolve(value: A): void;
  reject(error: Error): void;
}

export interface WorkerClientOptions<Q, A> {
  /** Starts the worker (a `new Worker(new URL(…, import.meta.url))` in the caller's module, for the bundler). */
  open(): Worker;
  /** Reads a message from the worker as an answer. */
  read(data: unknown): WorkerAnswer<A>;
  /** What was waiting when the worker failed: settle it another way. */
  lost(waiting: Waiting<Q, A>[]): void;
}

/** Sends a request to the worker (its id added); null when no worker can run here. */
export type SendToWorker<Q, A> = (request: Omit<Q, 'id'>) => Promise<A> | null;

export function workerClient<Q extends { id: number }, A>(options: WorkerClientOptions<Q, A>): SendToWorker<Q, A> {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, Waiting<Q, A>>();
  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      worker = options.open();
    } catch {
      broken = true;
      return null;
    }
    worker.onmessage = (e: MessageEvent) => {
      const answer = options.read(e.data);
      const w = waiting.get(answer.id);
      if (!w) return;
      waiting.delete(answer.id);
      if (answer.ok) w.resolve(answer.value);
      else w.reject(new Error(answer.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      broken = true;
      worker?.terminate();
      worker = null;
      const pending = [...waiting.values()];
      waiting.clear();
      options.lost(pending);
    };
    return worker;
  };
  return (body) => {
    const w = start();
    if (!w) return null;
    const request = { ...body, id: nextId++ } as Q;
    return new Promise<A>((resolve, reject) => {
      waiting.set(request.id, { request, resolve, reject });
      try {
        w.postMessage(request);
      } catch (e) {
        // A request that cannot be copied to the worker (it should not happen: it came from JSON).
        waiting.delete(request.id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  };
}
