// Immutable list helpers shared by the edits: each returns a new array and leaves the input alone.

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  if (index < 0 || index >= list.length) return [...list];
  const next = [...list];
  next[index] = value;
  return next;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** Moves an item by `delta` places; a move past either end leaves the list as it is. */
export function moveBy<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length || delta === 0) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

/** "a, b ,, c" → ["a", "b", "c"]: the comma-separated lists of the forms. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
