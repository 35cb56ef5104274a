// Notes share React Flow's node list and the canvas selection with steps, under keys of their own
// ("note:note1"), so that a note can never be taken for a step with the same id.
export const NOTE_KEY_PREFIX = 'note:';

export function noteKey(id: string): string {
  return `${NOTE_KEY_PREFIX}${id}`;
}

/** The note id a canvas key names, or null for a step's key. */
export function noteIdOf(key: string): string | null {
  return key.startsWith(NOTE_KEY_PREFIX) ? key.slice(NOTE_KEY_PREFIX.length) : null;
}

/** The ids of the notes among canvas keys (a selection). */
export function noteIdsOf(keys: Iterable<string>): string[] {
  const ids: string[] = [];
  for (const k of keys) {
    const id = noteIdOf(k);
    if (id !== null) ids.push(id);
  }
  return ids;
}

/** The positions of notes among a drag's positions by canvas key, by note id; null when no note moved. */
export function notePositions<P>(positions: Readonly<Record<string, P>>): Record<string, P> | null {
  let out: Record<string, P> | null = null;
  for (const [key, at] of Object.entries(positions)) {
    const id = noteIdOf(key);
    if (id !== null) (out ??= {})[id] = at;
  }
  return out;
}
