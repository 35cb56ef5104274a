// Whether two lists hold the same items (the same values or objects, `===`) in the same order: what the
// caches here compare before keeping a list, a finding or a drawing made from an earlier one.

export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
