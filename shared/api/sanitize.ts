// Copies the params of an incoming call without the keys that can reach a prototype
// (`__proto__`, `constructor`, `prototype`), before the contract sees them. Both transports pass
// through here: HTTP bodies are JSON, but IPC's structured clone keeps an own `__proto__` key,
// and zod keeps a `constructor` key inside loose objects (workflow documents are loose).
import { FORBIDDEN_KEYS } from '../model/load';

function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `root` with forbidden keys left out. Iterative, so a deeply nested value cannot
 * overflow the stack; shared and cyclic references are copied as shared and cyclic (the depth
 * limits further on refuse cycles). Values that are not plain objects or arrays are kept as they are.
 */
export function withoutForbiddenKeys(root: unknown): unknown {
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
