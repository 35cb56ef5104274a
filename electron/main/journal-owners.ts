// Which crash-recovery entries each window wrote, so that closing a window on purpose removes
// them. A window only closes when it is clean or the user chose "Don't Save" in the close prompt
// (close.ts); either way nothing is left to recover, and without this a "Don't Save" would be
// offered for restoring at the next start. A crash or a kill never reaches 'closed', so the
// entries stay and the next start offers them.
import { JOURNAL_KEY } from '../../shared/api/contract';

export class JournalOwners {
  readonly #keys = new Map<number, Set<string>>();

  /** Sees every trusted call before it runs; records keys at call time, so a write still in flight counts. */
  observe(webContentsId: number, method: string, params: unknown): void {
    if (method !== 'journal.write' && method !== 'journal.discard') return;
    const key = (params as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || !JOURNAL_KEY.test(key)) return;
    let keys = this.#keys.get(webContentsId);
    if (!keys) this.#keys.set(webContentsId, (keys = new Set()));
    if (method === 'journal.write') keys.add(key);
    else keys.delete(key);
  }

  /** The keys a window wrote and did not discard; forgets them. */
  release(webContentsId: number): string[] {
    const keys = [...(this.#keys.get(webContentsId) ?? [])];
    this.#keys.delete(webContentsId);
    return keys;
  }
}
