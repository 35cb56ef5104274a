// Reading `{{variables}}` out of prompt and input templates. Only names are parsed: nothing is evaluated.

/** A variable name: a letter or underscore, then letters, digits, underscores or hyphens. */
const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const PLACEHOLDER = new RegExp(`\\{\\{\\s*(${NAME}(?:\\.[A-Za-z0-9_-]+)*)\\s*\\}\\}`, 'g');
const NAME_ONLY = new RegExp(`^${NAME}$`);

/** Whether `name` can be written as `{{name}}` in a template. */
export function isVariableName(name: string): boolean {
  return NAME_ONLY.test(name);
}

/**
 * The variable references of a template, each once, in order of first appearance:
 * `{{ticket}}` → `ticket`, `{{ ticket.subject }}` → `ticket.subject`.
 * Braces that do not hold a valid reference (`{{ }}`, `{{1x}}`) are ignored.
 */
export function templateVariables(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) seen.add(match[1]);
  return [...seen];
}

/** The variable a reference starts from: `ticket.subject` → `ticket`. */
export function rootOf(reference: string): string {
  const dot = reference.indexOf('.');
  return dot === -1 ? reference : reference.slice(0, dot);
}

/** The references of a template whose variable is not among `available` (names or `{name}` objects). */
export function unknownVariables(text: string, available: Iterable<string | { name: string }>): string[] {
  const known = new Set<string>();
  for (const v of available) known.add(typeof v === 'string' ? v : v.name);
  return templateVariables(text).filter((ref) => !known.has(rootOf(ref)) && !known.has(ref));
}

/** Inserts `insertion` in place of text[start, end) and says where the cursor goes after it. */
export function insertText(text: string, start: number, end: number, insertion: string): { text: string; cursor: number } {
  const from = clamp(Math.min(start, end), 0, text.length);
  const to = clamp(Math.max(start, end), 0, text.length);
  return { text: text.slice(0, from) + insertion + text.slice(to), cursor: from + insertion.length };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : hi;
}
