// The steps of a document by slot. A step's id is looked up once in one Map (id → slot); everything
// the index derives per step lives in arrays indexed by slot, so an index built again after an edit
// reuses what the steps that are the same objects had.
//
// A step keeps its slot from one version of a document to the next: a deleted step leaves a hole,
// and an added step takes a new slot at the end. Slots therefore stay in document order (edits add
// steps at the end and never reorder them), and the Map can be shared by the versions: an id once
// entered is never moved, so a slot read from it is checked against the version's own steps (at()).
import { asArray, isObject } from '../model/read';
import type { WorkflowNode } from '../model/schema';

export interface NodeTable {
  /** The steps by slot, in document order; undefined where a step was deleted. */
  slots: (WorkflowNode | undefined)[];
  /** Steps that are objects with a string id, in document order (a fuzzed document may have others). */
  nodes: WorkflowNode[];
  /** id → slot of the first step with that id; may hold ids of other versions: use at(). */
  pos: Map<string, number>;
  /** Distinct ids among `nodes`. */
  count: number;
  /** Every step of `wf.nodes` is valid and no id repeats: `nodes` is `wf.nodes` itself. */
  clean: boolean;
  /** The last id looked up and its slot: the rules ask about one step several times in a row. */
  lastId: string | undefined;
  lastSlot: number;
}

/** The kinds by number, for arrays by slot (kindCodes): 0 is no step (a hole, or not the first step with its id). */
export const KIND_APPROVAL = 5;
export const KIND_INTAKE = 1;

export function kindCode(kind: unknown): number {
  switch (kind) {
    case 'intake':
      return KIND_INTAKE;
    case 'ai':
      return 2;
    case 'integration':
      return 3;
    case 'decision':
      return 4;
    case 'approval':
      return KIND_APPROVAL;
    case 'escalation':
      return 6;
    case 'end':
      return 7;
    default:
      return 8;
  }
}

/** Slot of the first step with this id, or -1. */
export function at(table: NodeTable, id: unknown): number {
  if (typeof id !== 'string') return -1;
  if (id === table.lastId) return table.lastSlot;
  const i = table.pos.get(id);
  const slot = i !== undefined && table.slots[i]?.id === id ? i : -1;
  table.lastId = id;
  table.lastSlot = slot;
  return slot;
}

export function buildNodeTable(raw: unknown): NodeTable {
  const all = asArray<WorkflowNode>(raw);
  let valid = true;
  for (const n of all) {
    if (!isObject(n) || typeof n.id !== 'string') {
      valid = false;
      break;
    }
  }
  const nodes = valid ? all : all.filter((n) => isObject(n) && typeof n.id === 'string');
  // Filled from the end, one set per step: the first step of a repeated id is entered last, and wins.
  const pos = new Map<string, number>();
  for (let i = nodes.length - 1; i >= 0; i--) pos.set(nodes[i].id, i);
  return { slots: nodes, nodes, pos, count: pos.size, clean: valid && pos.size === nodes.length, lastId: undefined, lastSlot: -1 };
}

/** What changed between two versions' steps, by slot. */
export interface NodeChanges {
  table: NodeTable;
  /** Slots whose step object changed, and the slots of added steps. */
  changed: number[];
  /** Slots of deleted steps. */
  removed: number[];
  /** How many slots the previous version had: from here on, the slots are new. */
  previousSlots: number;
}

/**
 * The new version's table, reusing the previous one's Map when the steps the two versions share keep
 * their ids and their order: steps changed in place, deleted anywhere, added at the end, or put back
 * where they were deleted (what editing, deleting, adding and pasting steps, and undoing them, do). Null otherwise, and when more than
 * `limit` steps changed or holes would pile up: a fresh table then costs less.
 */
export function reuseNodeTable(prev: NodeTable, raw: unknown, limit: number): NodeChanges | null {
  if (!prev.clean || !Array.isArray(raw)) return null;
  const next = raw as WorkflowNode[];
  const old = prev.slots;
  const slots = new Array<WorkflowNode | undefined>(old.length);
  const changed: number[] = [];
  const removed: number[] = [];
  let holes = 0;
  let j = 0;
  for (let s = 0; s < old.length; s++) {
    const before = old[s];
    if (!before) {
      // A step deleted before comes back where it was (undo): its id still names this slot.
      const back = next[j];
      if (isObject(back) && typeof back.id === 'string' && prev.pos.get(back.id) === s) {
        slots[s] = back;
        changed.push(s);
        j++;
      } else {
        holes++;
      }
      continue;
    }
    const n = next[j];
    if (n === before) {
      slots[s] = n;
      j++;
      continue;
    }
    if (isObject(n) && n.id === before.id) {
      slots[s] = n;
      changed.push(s);
      j++;
    } else {
      removed.push(s);
      holes++;
    }
    if (changed.length + removed.length > limit) return null;
  }
  if (changed.length + removed.length + next.length - j > limit || holes > limit) return null;
  // Added steps: distinct ids never entered in the shared Map (an entry is never moved).
  const fresh = new Set<string>();
  for (let i = j; i < next.length; i++) {
    const n = next[i];
    if (!isObject(n) || typeof n.id !== 'string' || prev.pos.has(n.id) || fresh.has(n.id)) return null;
    fresh.add(n.id);
  }
  for (let i = j; i < next.length; i++) {
    prev.pos.set(next[i].id, slots.length);
    changed.push(slots.length);
    slots.push(next[i]);
  }
  return { table: { slots, nodes: next, pos: prev.pos, count: next.length, clean: true, lastId: undefined, lastSlot: -1 }, changed, removed, previousSlots: old.length };
}

/**
 * A read-only Map keyed by step id whose entries are read from arrays kept elsewhere: a subclass gives
 * `size`, `get`, `has` and `entries`; the rest of ReadonlyMap follows from them.
 */
export abstract class MapView<V> implements ReadonlyMap<string, V> {
  abstract get size(): number;
  abstract get(id: string): V | undefined;
  abstract has(id: string): boolean;
  abstract entries(): MapIterator<[string, V]>;

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [id, v] of this.entries()) fn.call(thisArg, v, id, this);
  }
}

/** The steps by id, read through the table instead of a Map of its own: building one costs as much as the table. */
export class NodesById extends MapView<WorkflowNode> {
  constructor(private readonly table: NodeTable) {
    super();
  }

  get size(): number {
    return this.table.count;
  }

  get(id: string): WorkflowNode | undefined {
    const i = at(this.table, id);
    return i < 0 ? undefined : this.table.slots[i];
  }

  has(id: string): boolean {
    return at(this.table, id) >= 0;
  }

  *entries(): MapIterator<[string, WorkflowNode]> {
    const { slots } = this.table;
    for (let i = 0; i < slots.length; i++) {
      const node = slots[i];
      if (node && (this.table.clean || at(this.table, node.id) === i)) yield [node.id, node];
    }
  }
}

/** A read-only Map from a step's id to a value kept by slot (absent where `valueAt` gives undefined), in document order. */
export class BySlot<V> extends MapView<V> {
  private counted = -1;

  constructor(
    private readonly table: NodeTable,
    private readonly valueAt: (i: number) => V | undefined,
  ) {
    super();
  }

  get size(): number {
    if (this.counted < 0) {
      let n = 0;
      for (const _ of this.entries()) n++;
      this.counted = n;
    }
    return this.counted;
  }

  get(id: string): V | undefined {
    const i = at(this.table, id);
    return i < 0 ? undefined : this.valueAt(i);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[string, V]> {
    const { slots } = this.table;
    for (let i = 0; i < slots.length; i++) {
      const node = slots[i];
      if (!node || (!this.table.clean && at(this.table, node.id) !== i)) continue;
      const v = this.valueAt(i);
      if (v !== undefined) yield [node.id, v];
    }
  }
}

/** A read-only Set of step ids given as slots, iterated in the order given (e.g. breadth first). */
export class SlotSet implements ReadonlySet<string> {
  constructor(
    private readonly table: NodeTable,
    private readonly member: (i: number) => boolean,
    private readonly order: Int32Array,
  ) {}

  get size(): number {
    return this.order.length;
  }

  has(id: string): boolean {
    const i = at(this.table, id);
    return i >= 0 && this.member(i);
  }

  *values(): SetIterator<string> {
    for (const i of this.order) yield this.table.slots[i]!.id;
  }

  keys(): SetIterator<string> {
    return this.values();
  }

  *entries(): SetIterator<[string, string]> {
    for (const id of this.values()) yield [id, id];
  }

  [Symbol.iterator](): SetIterator<string> {
    return this.values();
  }

  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const id of this.values()) fn.call(thisArg, id, id, this);
  }
}
