// Mutated workflow documents for property tests: the shipped templates with random fields deleted,
// replaced or retyped, prototype keys injected, control characters, huge strings, deep nesting and
// future schema versions. Shared by the loader and the backend API property tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { FORBIDDEN_KEYS, MAX_DEPTH } from '../../../shared/model/load';

const TEMPLATES_DIR = join(__dirname, '../../../resources/templates');

/** The shipped templates, parsed. */
export const TEMPLATES: ReadonlyArray<{ id: string; text: string; value: unknown }> = readdirSync(TEMPLATES_DIR)
  .filter((n) => n.endsWith('.flowgate.json'))
  .sort()
  .map((n) => {
    const text = readFileSync(join(TEMPLATES_DIR, n), 'utf8');
    return { id: n, text, value: JSON.parse(text) as unknown };
  });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Key = string | number;

export const MUTATION_KINDS = ['delete', 'replace', 'retype', 'protoKey', 'control', 'huge', 'deep', 'version'] as const;

export interface Mutation {
  kind: (typeof MUTATION_KINDS)[number];
  /** Picks the target among all paths of the document (modulo their number). */
  pick: number;
  value: unknown;
  text: string;
  depth: number;
  size: number;
  protoKey: string;
  version: number;
}

const CONTROL_CHARS = fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e', '\uFEFF', '\uD800');

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  pick: fc.nat(),
  value: fc.jsonValue({ maxDepth: 3 }),
  text: fc.array(fc.oneof(CONTROL_CHARS, fc.string({ maxLength: 5 })), { maxLength: 12 }).map((parts) => parts.join('')),
  depth: fc.integer({ min: MAX_DEPTH - 8, max: MAX_DEPTH + 8 }),
  size: fc.integer({ min: 10_000, max: 300_000 }),
  protoKey: fc.constantFrom(...FORBIDDEN_KEYS),
  version: fc.oneof(fc.integer({ min: 2, max: 1_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
});

/** A template and up to four mutations applied to a copy of it. */
export const mutatedDocumentArb: fc.Arbitrary<{ template: string; mutations: Mutation[]; doc: unknown }> = fc
  .record({ template: fc.constantFrom(...TEMPLATES), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) })
  .map(({ template, mutations }) => {
    let doc = structuredClone(template.value) as Json;
    for (const m of mutations) doc = mutate(doc, m);
    return { template: template.id, mutations, doc };
  });

/** Every path to a value inside `root` (not the root itself), in a stable order. */
export function pathsOf(root: unknown): Key[][] {
  const out: Key[][] = [];
  const stack: Array<[unknown, Key[]]> = [[root, []]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (p.length) out.push(p);
    if (Array.isArray(v)) v.forEach((c, i) => stack.push([c, [...p, i]]));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], [...p, k]]);
  }
  return out;
}

function nested(levels: number): Json {
  let v: Json = 'bottom';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { inner: v };
  return v;
}

function retype(v: unknown): Json {
  if (typeof v === 'string') return v.length % 2 ? 42 : null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 0;
  if (Array.isArray(v)) return { 0: v[0] ?? null } as Json;
  if (v && typeof v === 'object') return [v as Json];
  return 'null';
}

/** Sets an own property even when the key is `__proto__` (plain assignment would change the prototype). */
function setOwn(obj: object, key: Key, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function mutate(doc: Json, m: Mutation): Json {
  const paths = pathsOf(doc);
  if (m.kind === 'version') {
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) doc.schemaVersion = m.version;
    return doc;
  }
  if (!paths.length) return doc;
  const path = paths[m.pick % paths.length];
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<Key, unknown>)[k], doc) as Record<Key, unknown> | unknown[];
  const key = path[path.length - 1];
  const current = (parent as Record<Key, unknown>)[key];
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<Key, unknown>)[key];
      break;
    case 'replace':
      setOwn(parent, key, m.value);
      break;
    case 'retype':
      setOwn(parent, key, retype(current));
      break;
    case 'protoKey': {
      // Into the nearest object: the target itself when it is one, else its parent.
      const target = current && typeof current === 'object' && !Array.isArray(current) ? current : Array.isArray(parent) ? null : parent;
      if (target) setOwn(target, m.protoKey, { polluted: true, toString: 'not a function' });
      break;
    }
    case 'control':
      setOwn(parent, key, typeof current === 'string' ? `${current}${m.text}` : m.text);
      break;
    case 'huge':
      setOwn(parent, key, `${m.text}${'Ω'.repeat(m.size)}`);
      break;
    case 'deep':
      setOwn(parent, key, nested(Math.max(1, m.depth - path.length)));
      break;
  }
  return doc;
}

/** Whether any object inside `value` has an own forbidden key. */
export function hasForbiddenKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) return true;
      stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return false;
}

/** Fails when anything set a property on Object.prototype (prototype pollution). */
export function prototypeIsClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted === undefined && Object.getOwnPropertyNames(Object.prototype).every((k) => k !== 'polluted');
}
