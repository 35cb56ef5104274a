// Removes from the params of an incoming call the keys that can reach a prototype (`__proto__`,
// `constructor`, `prototype`), before the contract sees them. Both transports pass
// through here: HTTP bodies are JSON, but IPC's structured clone keeps an own `__proto__` key,
// and zod keeps a `constructor` key inside loose objects (workflow documents are loose).
import { FORBIDDEN_KEYS } from '../model/load';

function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Deeper than any document the loader accepts (MAX_DEPTH 64), and a wrapper around it. */
const SCAN_DEPTH = 80;
/** Objects and arrays a scan visits at most: a value sharing subtrees many times over is copied instead. */
const SCAN_BUDGET = 5_000_000;

/**
 * Whether `root` holds no forbidden key, found by one walk without a lookup table (on a 10,000-step
 * workflow, remembering every object costs ten times the walk). Answers false — not known to be
 * clean — for a forbidden key, a value nested deeper than SCAN_DEPTH (a cycle is one), or one that
 * would take more than SCAN_BUDGET visits (subtrees shared many times over).
 */
function knownClean(root: unknown): boolean {
  const values: unknown[] = [root];
  const depths: number[] = [1];
  let visits = 0;
  while (values.length) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (value === null || typeof value !== 'object' || !isPlain(value)) continue;
    if (depth > SCAN_DEPTH || ++visits > SCAN_BUDGET) return false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item !== null && typeof item === 'object') {
          values.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (FORBIDDEN_KEYS.has(key)) return false;
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object') {
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

/**
 * `root` without the forbidden keys: `root` itself when a walk finds none (what the contract parses
 * next makes its own objects anyway), else a copy with them left out. Iterative, so a deeply nested
 * value cannot overflow the stack; in the copy, shared and cyclic references are copied as shared
 * and cyclic (the depth limits further on refuse cycles). Values that are not plain objects or arrays
 * are kept as they are.
 */
export function withoutForbiddenKeys(root: unknown): unknown {
  return knownClean(root) ? root : copyWithoutForbiddenKeys(root);
}

function copyWithoutForbiddenKeys(root: unknown): unknown {
  const copies = new Map<object, unknown>();
  const work: Array<[object, Record<string, unknown> | unknown[]]> = [];
  const copyOf = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
    copies.set(value, copy);
    work.push([value, copy]);
    return copy;
  };
  const out = copyOf(root);
  while (work.length) {
    const [source, target] = work.pop()!;
    if (Array.isArray(source)) {
      for (let i = 0; i < source.length; i++) (target as unknown[])[i] = copyOf(source[i]);
      continue;
    }
    for (const key of Object.keys(source)) {
      // Skipping the key also makes the assignment below safe: it never writes `__proto__`.
      if (FORBIDDEN_KEYS.has(key)) continue;
      (target as Record<string, unknown>)[key] = copyOf((source as Record<string, unknown>)[key]);
    }
  }
  return out;
}
