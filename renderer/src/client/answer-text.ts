// The text a large answer of the backend arrived as, remembered for the objects in its result (browser
// mode). A Web Worker that needs one of them (the analysis of a document just opened) is sent the
// text, a plain copy of a string, and parses it itself, instead of the object: structured-cloning a
// 10,000-step document costs the page about 0.2 s. Each text is handed out once.
const texts = new WeakMap<object, { text: string; key: string }>();

/** Below this size a structured clone is cheap: nothing is remembered. */
const LARGE = 256 * 1024;

/** Remembers `text` (the whole answer: `{ ok: true, result }`) for each object-valued field of `result`. */
export function rememberAnswerText(text: string, result: unknown): void {
  if (text.length < LARGE || !result || typeof result !== 'object') return;
  for (const [key, value] of Object.entries(result)) if (value && typeof value === 'object') texts.set(value, { text, key });
}

/** The answer's text and the key of `value` in its result (`JSON.parse(text).result[key]` equals `value`), once. */
export function takeAnswerText(value: object): { text: string; key: string } | undefined {
  const found = texts.get(value);
  texts.delete(value);
  return found;
}
