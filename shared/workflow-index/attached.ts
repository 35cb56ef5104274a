// Data a module keeps with an object of its own making (an index, a flow's base or view, a coverage),
// stored on the object under a symbol of its own instead of in a WeakMap. V8's young-generation
// collector treats a WeakMap's entries as strong: a WeakMap from a short-lived index to its internals
// kept every earlier index alive until the next full collection, and each young collection until then
// copied them again (5 MB and 10-15 ms a collection at 10,000 steps; docs/PERFORMANCE.md). Not
// enumerable: a copy made by a spread does not carry it, as it would not have been found in a WeakMap.

export interface Attached<K extends object, V> {
  get(owner: K): V | undefined;
  set(owner: K, value: V): void;
}

export function attached<K extends object, V>(name: string): Attached<K, V> {
  const key = Symbol(name);
  return {
    get: (owner) => (owner as { [key]?: V })[key],
    set: (owner, value) => {
      Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: false });
    },
  };
}
