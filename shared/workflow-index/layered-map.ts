// A map made from another by a few changes, without copying it: an edit that changes one step of a
// 10,000-step workflow revises the variable flow's maps by id (variable-flow.ts: reviseFlowBase), and a
// copy of each costs more than the rest of the analysis of that edit. The map below is never changed
// (the previous version still reads it); a stack of layers deeper than MAX_DEPTH is copied flat, so a
// lookup stays a handful of Map reads however many edits were made.
import { MapView } from './positions';

const MAX_DEPTH = 8;

export class LayeredMap<V> extends MapView<V> {
  private constructor(
    private readonly below: ReadonlyMap<string, V>,
    /** This layer's entries; undefined: deleted here. */
    private readonly own: ReadonlyMap<string, V | undefined>,
    private readonly depth: number,
  ) {
    super();
  }

  /** `base` with `changes` made (a value of undefined deletes the key). Values are never undefined. */
  static of<V>(base: ReadonlyMap<string, V>, changes: ReadonlyMap<string, V | undefined>): ReadonlyMap<string, V> {
    const depth = base instanceof LayeredMap ? base.depth + 1 : 1;
    if (depth <= MAX_DEPTH) return new LayeredMap(base, changes, depth);
    const flat = new Map(base);
    for (const [k, v] of changes) {
      if (v === undefined) flat.delete(k);
      else flat.set(k, v);
    }
    return flat;
  }

  get(key: string): V | undefined {
    return this.own.has(key) ? this.own.get(key) : this.below.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const _ of this.keys()) n++;
    return n;
  }

  /** The entries below that this layer leaves, then this layer's own (an order no reader relies on). */
  *entries(): MapIterator<[string, V]> {
    for (const entry of this.below) if (!this.own.has(entry[0])) yield entry;
    for (const [k, v] of this.own) if (v !== undefined) yield [k, v];
  }
}
