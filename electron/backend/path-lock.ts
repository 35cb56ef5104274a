// Serialises async work per file path: two saves of one file run one after the other, in call
// order, so they can never interleave and the last call's content is what stays on disk.
import { resolve } from 'node:path';

export class PathLock {
  #tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier task on the same path has settled (whatever its outcome). */
  run<T>(path: string, fn: () => Promise<T>): Promise<T> {
    const key = keyOf(path);
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => fn());
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    // Forget finished paths so the map does not grow with every file ever saved.
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves when no task is queued or running on any path (used when closing). */
  async idle(): Promise<void> {
    while (this.#tails.size) await Promise.all([...this.#tails.values()]);
  }
}

function keyOf(path: string): string {
  const abs = resolve(path);
  // Windows and macOS file systems usually ignore case: "A.json" and "a.json" are one file there.
  return process.platform === 'win32' || process.platform === 'darwin' ? abs.toLowerCase() : abs;
}

/** One lock for the whole process, so every writer of a path queues behind the same tail. */
export const pathLock = new PathLock();
