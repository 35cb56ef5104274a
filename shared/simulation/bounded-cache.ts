// A cache of computed answers that starts over once it holds `limit` of them: batches ask the same few
// questions item after item (template cuts, gists, searches), and a bound keeps a long session's
// memory flat without the bookkeeping of an LRU.

/** The answer kept for `key`, or `make()`'s, kept. */
export function keptIn<K, V>(cache: Map<K, V>, limit: number, key: K, make: () => V): V {
  let found = cache.get(key);
  if (found === undefined) {
    if (cache.size >= limit) cache.clear();
    cache.set(key, (found = make()));
  }
  return found;
}
