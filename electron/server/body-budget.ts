// How many bytes of request bodies the server holds at once. Each large call reserves its declared
// size before a byte of it is read, and keeps it until its answer is sent; a call that does not fit
// waits its turn unread, so the client's own upload pauses instead of the server's memory growing
// (twelve 50 MB bodies at once once took 2.1 GB). Calls are served in arrival order.

export class BodyBudget {
  #used = 0;
  readonly #waiting: { bytes: number; start: () => void }[] = [];

  constructor(readonly capacity: number) {}

  /** Waits until `bytes` fit (at most the whole budget), reserves them, and returns their release. */
  async reserve(bytes: number): Promise<() => void> {
    const wanted = Math.min(Math.max(0, bytes), this.capacity);
    if (this.#waiting.length || this.#used + wanted > this.capacity) {
      await new Promise<void>((start) => this.#waiting.push({ bytes: wanted, start }));
    } else {
      this.#used += wanted;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#used -= wanted;
      this.#next();
    };
  }

  /** Starts the waiting calls that now fit, first come first served. */
  #next(): void {
    while (this.#waiting.length && this.#used + this.#waiting[0].bytes <= this.capacity) {
      const { bytes, start } = this.#waiting.shift()!;
      this.#used += bytes;
      start();
    }
  }
}
