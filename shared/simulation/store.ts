// A run's own copy of the sample data. Sets are copied on the first write only, and records are
// replaced, never modified, so reads stay cheap and the shared sample data never changes.
import { keptIn } from './bounded-cache';
import type { DataRecord, DataSets } from './datasets';
import { terms } from './text';

const EMPTY: readonly DataRecord[] = Object.freeze([]);

/** A run store's writes, as RunStore.copy keeps them. */
export interface StoreCopy {
  readonly copies: readonly (readonly [string, readonly DataRecord[]])[];
  readonly created: number;
}

export class RunStore {
  private readonly copies = new Map<string, DataRecord[]>();
  private created = 0;

  constructor(private readonly base: DataSets) {}

  has(name: string): boolean {
    return this.copies.has(name) || this.base.get(name) !== undefined;
  }

  records(name: string): readonly DataRecord[] {
    return this.copies.get(name) ?? this.base.get(name) ?? EMPTY;
  }

  find(name: string, id: string): DataRecord | undefined {
    const list = this.records(name);
    for (let i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return undefined;
  }

  private writable(name: string): DataRecord[] {
    let copy = this.copies.get(name);
    if (!copy) {
      copy = [...(this.base.get(name) ?? EMPTY)];
      this.copies.set(name, copy);
    }
    return copy;
  }

  /** Adds the record, or replaces the one with the same id. */
  put(name: string, record: DataRecord): void {
    const list = this.writable(name);
    const at = list.findIndex((r) => r.id === record.id);
    if (at === -1) list.push(record);
    else list[at] = record;
  }

  remove(name: string, id: string): void {
    const list = this.writable(name);
    const at = list.findIndex((r) => r.id === id);
    if (at !== -1) list.splice(at, 1);
  }

  /** What the run has written, copied: `restore` gives another run of the same data the same store (tape.ts resumes items with it). */
  copy(): StoreCopy {
    return { copies: [...this.copies].map(([name, list]) => [name, list.slice()]), created: this.created };
  }

  /** Takes up a copy made by `copy` (on a store of the same data that has written nothing). */
  restore(from: StoreCopy): void {
    for (const [name, list] of from.copies) this.copies.set(name, list.slice());
    this.created = from.created;
  }

  /** A new id in the style of the set's ids ("T-1001" → "T-SIM-1"); derived from a counter, never random. */
  newId(name: string): string {
    this.created += 1;
    const sample = this.records(name)[0]?.id ?? name.toUpperCase().slice(0, 3);
    const dash = sample.lastIndexOf('-');
    const prefix = dash > 0 ? sample.slice(0, dash) : sample.replace(/\d+$/, '') || name;
    return `${prefix}-SIM-${this.created}`;
  }
}

/** A search hit: the record and the number of distinct query terms it contains. */
export interface SearchHit {
  record: DataRecord;
  score: number;
}

// Per-record term sets, computed once for the shared (frozen) sample records.
const indexCache = new WeakMap<DataRecord, { title: Set<string>; all: Set<string> }>();

/** Plural and tense endings dropped, so that "charged" finds "charge" and "refunds" finds "refund". */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && (word.endsWith('ed') || word.endsWith('es'))) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function indexOf(record: DataRecord): { title: Set<string>; all: Set<string> } {
  let entry = indexCache.get(record);
  if (!entry) {
    const title = String(record.title ?? record.name ?? record.subject ?? '');
    const tags = Array.isArray(record.tags) ? record.tags.join(' ') : '';
    const body = [record.summary, record.body, record.description].filter((v) => typeof v === 'string').join(' ');
    const titleTerms = new Set(terms(`${title} ${tags}`).map(stem));
    entry = { title: titleTerms, all: new Set([...titleTerms, ...terms(body).map(stem)]) };
    indexCache.set(record, entry);
  }
  return entry;
}

/**
 * Whether a record is hidden from a search: drafts and archived items are not approved for use, and a
 * record that names its `system` (help-center articles vs internal documents) is found only there.
 */
function hidden(record: DataRecord, system: string | undefined): boolean {
  if (record.status === 'draft' || record.status === 'archived') return true;
  return system !== undefined && typeof record.system === 'string' && record.system !== system;
}

// Searches of the same records for the same query give the same hits: a batch asks the same questions
// of the sample data item after item. Kept for the shared sample sets only, which are frozen; a run's
// own copy of a set changes as it writes.
// By limit, system, then the query itself: a key joining the three was a new string to copy and hash
// at every search, where V8 keeps the hash of a query it has seen. A system left out and an empty one
// are kept apart (they hide different records). Each level is bounded as keptIn bounds it: limits come
// from the code (3, 10), systems are connectors' ids, a handful per workflow.
const searchCache = new WeakMap<readonly DataRecord[], Map<number, Map<string | undefined, Map<string, readonly SearchHit[]>>>>();
const SEARCHES_KEPT = 2_000;
const SYSTEMS_KEPT = 32;
const LIMITS_KEPT = 8;

/**
 * Ranks records by how many distinct query terms they contain (title and tags break ties).
 * A long query (a whole message) needs two terms in common, so that one common word is not a match.
 */
export function search(records: readonly DataRecord[], query: string, limit: number, system?: string): readonly SearchHit[] {
  if (!Object.isFrozen(records)) return rank(records, query, limit, system);
  let byLimit = searchCache.get(records);
  if (!byLimit) searchCache.set(records, (byLimit = new Map()));
  const bySystem = keptIn(byLimit, LIMITS_KEPT, limit, () => new Map<string | undefined, Map<string, readonly SearchHit[]>>());
  const cache = keptIn(bySystem, SYSTEMS_KEPT, system, () => new Map<string, readonly SearchHit[]>());
  return keptIn(cache, SEARCHES_KEPT, query, () => Object.freeze(rank(records, query, limit, system).map((h) => Object.freeze(h))));
}

function rank(records: readonly DataRecord[], query: string, limit: number, system?: string): SearchHit[] {
  const wanted = [...new Set(terms(query).map(stem))];
  if (wanted.length === 0) return [];
  const minimum = wanted.length >= 4 ? 2 : 1;
  const hits: { record: DataRecord; score: number; titleScore: number; order: number }[] = [];
  for (let order = 0; order < records.length; order++) {
    const record = records[order];
    if (hidden(record, system)) continue;
    const index = indexOf(record);
    let score = 0;
    let titleScore = 0;
    for (let i = 0; i < wanted.length; i++) {
      if (index.all.has(wanted[i])) score++;
      if (index.title.has(wanted[i])) titleScore++;
    }
    if (score >= minimum) hits.push({ record, score, titleScore, order });
  }
  hits.sort((a, b) => b.score - a.score || b.titleScore - a.titleScore || a.order - b.order);
  return hits.slice(0, limit).map(({ record, score }) => ({ record, score }));
}
