// Parsing what the user types into typed values. A failed parse returns a message for the form to
// show next to the field; the form keeps the typed text, so nothing is lost.

export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; error: string };

/** A finite number, written with a dot or a comma as decimal separator. */
export function parseNumber(text: string): Parsed<number> {
  const t = text.trim().replace(',', '.');
  if (!t) return { ok: false, error: 'Enter a number.' };
  const n = Number(t);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `"${text.trim()}" is not a number.` };
}

/** An approval's timeout: empty means the gate waits for ever. */
export function parseTimeoutHours(text: string): Parsed<number | null> {
  if (!text.trim()) return { ok: true, value: null };
  const n = parseNumber(text);
  if (!n.ok) return n;
  if (n.value < 0) return { ok: false, error: 'A timeout cannot be negative.' };
  return { ok: true, value: n.value };
}

export function formatTimeoutHours(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A confidence threshold, between 0 and 1. */
export function parseConfidence(text: string): Parsed<number> {
  const n = parseNumber(text);
  if (!n.ok) return n;
  if (n.value < 0 || n.value > 1) return { ok: false, error: 'Use a value between 0 and 1, like 0.7.' };
  return n;
}
