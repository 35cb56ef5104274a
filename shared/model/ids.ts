// Short, readable ids that are unique within a document ("n7", "e12", "helpdesk-2").

export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  // The highest number after the prefix, read without a regular expression: at 10,000 steps every
  // new step and link reads every id once.
  let max = 0;
  for (const id of used) {
    if (id.length <= prefix.length || !id.startsWith(prefix)) continue;
    let value = 0;
    let k = prefix.length;
    for (; k < id.length; k++) {
      const digit = id.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (k === id.length && value > max) max = value;
  }
  let n = max + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Turns a label into an id-friendly slug: "Help desk" → "help-desk". */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'item'
  );
}
