// The client the page's workers share (renderer/src/client/worker-client.ts): each answer settles the
// request with its id, whatever the order; a worker that fails to load hands what waits to `lost` and
// takes no more requests; where no worker can start, a request gets null (the caller works in the page).
import { describe, expect, it } from 'vitest';
import { workerClient, type Waiting, type WorkerAnswer } from '../../../renderer/src/client/worker-client';

type Request = { id: number; n: number };

/** A stand-in for a Worker: it keeps what it is sent, and the test answers or fails when it chooses. */
class FakeWorker {
  sent: Request[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(request: Request): void {
    if (request.n < 0) throw new Error('cannot be copied');
    this.sent.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
  fail(): void {
    let prevented = false;
    this.onerror?.({ preventDefault: () => (prevented = true) } as unknown as ErrorEvent);
    expect(prevented).toBe(true);
  }
}

function setup(open: () => Worker = () => new FakeWorker() as unknown as Worker) {
  const lost: Waiting<Request, number>[] = [];
  const workers: FakeWorker[] = [];
  const send = workerClient<Request, number>({
    open: () => {
      const w = open();
      workers.push(w as unknown as FakeWorker);
      return w;
    },
    read: (data) => data as WorkerAnswer<number>,
    lost: (waiting) => lost.push(...waiting),
  });
  return { send, lost, workers };
}

describe('workerClient', () => {
  it('starts one worker on first use and settles each request by its id, in any order', async () => {
    const { send, workers } = setup();
    const a = send({ n: 1 })!;
    const b = send({ n: 2 })!;
    expect(workers).toHaveLength(1);
    const [qa, qb] = workers[0].sent;
    expect(qa).toEqual({ n: 1, id: qa.id });
    expect(qb.id).not.toBe(qa.id);
    workers[0].answer({ id: qb.id, ok: false, message: 'no good' });
    workers[0].answer({ id: 999, ok: true, value: 0 }); // an answer to nothing waiting is dropped
    workers[0].answer({ id: qa.id, ok: true, value: 10 });
    await expect(a).resolves.toBe(10);
    await expect(b).rejects.toThrow('no good');
  });

  it('hands what waits to `lost` when the worker fails, and takes no more requests', async () => {
    const { send, lost, workers } = setup();
    void send({ n: 1 });
    void send({ n: 2 });
    workers[0].fail();
    expect(workers[0].terminated).toBe(true);
    expect(lost.map((w) => w.request.n)).toEqual([1, 2]);
    expect(send({ n: 3 })).toBeNull();
    expect(workers).toHaveLength(1);
  });

  it('answers null where no worker can start, and rejects a request that cannot be sent', async () => {
    const none = setup(() => {
      throw new ReferenceError('Worker is not defined');
    });
    expect(none.send({ n: 1 })).toBeNull();
    const { send, lost, workers } = setup();
    await expect(send({ n: -1 })!).rejects.toThrow('cannot be copied');
    // The failed request is not left waiting: a later failure hands nothing of it to `lost`.
    workers[0].fail();
    expect(lost).toEqual([]);
  });
});
