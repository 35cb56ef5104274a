// Names in the exported files: XML ids, Zeebe variable names, job types, candidate groups and file
// names, each made from what the user typed in Flowgate and kept unique where it must be.

/** Zeebe's variable-name rule (the camunda-compat linter checks mapping targets with it). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** FEEL keywords and literals: a variable called like one cannot be written as a plain name. */
const FEEL_RESERVED = new Set([
  'true', 'false', 'null', 'and', 'or', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every',
  'satisfies', 'instance', 'of', 'function', 'between', 'not', 'external',
]);

/** Whether a name can be a Zeebe variable and a plain FEEL name as it is. */
export function isPlainVariableName(name: string): boolean {
  return VARIABLE_NAME.test(name) && !FEEL_RESERVED.has(name);
}

/** "first-name" → "first_name", "2nd" → "_2nd", "in" → "in_": a valid Zeebe variable name. */
export function toVariableName(name: string): string {
  let out = name.trim().replace(/[^A-Za-z0-9_]+/g, '_');
  if (!out) out = 'value';
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (FEEL_RESERVED.has(out)) out = `${out}_`;
  return out;
}

/**
 * Gives every workflow variable a Zeebe name: the same name when it is valid, else a sanitized one
 * that no other variable uses. `renamed` lists the changes, so the export can say so.
 */
export class VariableNames {
  readonly #map = new Map<string, string>();
  readonly #taken = new Set<string>();
  /** The next suffix to try for a base, so that many names from one base stay linear. */
  readonly #next = new Map<string, number>();
  readonly renamed: { from: string; to: string }[] = [];

  constructor(names: Iterable<string>) {
    const all = [...new Set(names)];
    // Valid names are kept first, so a sanitized name never takes one the user wrote.
    for (const n of all) if (isPlainVariableName(n)) this.#claim(n, n);
    for (const n of all) if (!isPlainVariableName(n)) this.#claim(n, this.#unique(toVariableName(n)));
  }

  #unique(base: string): string {
    if (!this.#taken.has(base)) return base;
    let i = this.#next.get(base) ?? 2;
    while (this.#taken.has(`${base}_${i}`)) i++;
    this.#next.set(base, i + 1);
    return `${base}_${i}`;
  }

  #claim(from: string, to: string): void {
    this.#map.set(from, to);
    this.#taken.add(to);
    if (from !== to) this.renamed.push({ from, to });
  }

  /** The Zeebe name of a workflow variable (a new name is claimed for one not seen before). */
  of(name: string): string {
    const known = this.#map.get(name);
    if (known !== undefined) return known;
    const to = isPlainVariableName(name) && !this.#taken.has(name) ? name : this.#unique(toVariableName(name));
    this.#claim(name, to);
    return to;
  }

  /** A fresh name derived from `base` that no variable uses yet (for names the export adds). */
  fresh(base: string): string {
    const name = this.#unique(toVariableName(base));
    this.#taken.add(name);
    return name;
  }
}

/** An XML id (NCName) from any text: letters, digits, "_", "-" and "."; never starting with a digit, "-" or ".". */
export function xmlId(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Hands out XML ids, never the same twice. */
export class IdPool {
  readonly #used = new Set<string>();
  readonly #next = new Map<string, number>();

  /** Marks ids as used without changing them (ids made elsewhere). */
  reserve(ids: Iterable<string>): this {
    for (const id of ids) this.#used.add(id);
    return this;
  }

  take(wanted: string): string {
    const base = xmlId(wanted);
    let id = base;
    if (this.#used.has(id)) {
      let i = this.#next.get(base) ?? 2;
      while (this.#used.has(`${base}_${i}`)) i++;
      this.#next.set(base, i + 1);
      id = `${base}_${i}`;
    }
    this.#used.add(id);
    return id;
  }
}

/** "Support supervisor" → "support-supervisor": a plain id for groups, webhook paths and file names. */
export function slug(text: string, fallback = 'item'): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

/** "Supervisor approves reply" → "supervisorApprovesReply": a readable base for variable names. */
export function camelName(text: string, fallback: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .slice(0, 6);
  if (!words.length) return fallback;
  const joined = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[0-9]/.test(joined) ? `${fallback}${joined}` : joined;
}

/**
 * A job type: `flowgate.<connector>.<scope>`, with only the characters job workers expect. A scope
 * that starts with its connector's name says it once: `flowgate.billing.refunds.issue`, not `billing.billing`.
 */
export function jobType(...parts: string[]): string {
  const clean = parts.map((p) => p.trim().replace(/[^A-Za-z0-9_.-]+/g, '_') || 'unknown');
  const out: string[] = [];
  for (const part of clean) {
    const previous = out[out.length - 1];
    out.push(previous && part.startsWith(`${previous}.`) ? part.slice(previous.length + 1) : part);
  }
  return ['flowgate', ...out].join('.');
}
