// Node ids in n8n are UUIDs. An export derives them from the workflow and step ids, so exporting the
// same workflow twice gives the same file (and a diff shows only what changed).

/** 32-bit FNV-1a of a text, from a given start. */
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A UUID-shaped id (version 4 layout) that depends only on the given parts. */
export function stableId(...parts: string[]): string {
  const text = parts.join('\u0000');
  const hex = [0x811c9dc5, 0x01234567, 0x89abcdef, 0x0badf00d]
    .map((seed) => fnv(text, seed).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
