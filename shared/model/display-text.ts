// How a name or label from a document is shown on one line: the canvas, native menus (Open Recent),
// the window title. Documents may hold any text of any length (see "Text" in docs/file-format.md);
// nothing is shortened in the file, only in what is shown.

/** Longest text shown on one line before it is cut with "…" (menus, titles). */
export const MAX_DISPLAY_CHARS = 80;

// C0 and C1 control characters and the Unicode line and paragraph separators: shown as a space.
// Matching control characters is this expression's whole purpose.
// oxlint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
// Bidirectional embeddings, overrides and isolates: dropped, so a name cannot make the text after
// it display backwards (the "invoice\u202Egpj.exe" trick).
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * One line of at most `max` characters (code points, so an emoji is never cut in half): control
 * characters become spaces, runs of white space one space, bidi controls are removed, and text
 * that is too long ends in "…". Empty results give `fallback`.
 */
export function displayText(text: string, max = MAX_DISPLAY_CHARS, fallback = ''): string {
  const line = text.replace(BIDI_CONTROL, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  if (!line) return fallback;
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  return `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}
