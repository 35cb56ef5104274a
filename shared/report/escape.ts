// Escaping for the report's three output languages. Every text of the document goes through one of
// these: a step label is user input and must never become markup.

/** Text inside HTML or SVG elements and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text in a Markdown table cell: one line, pipes escaped, markup characters made literal. */
export function escapeMdCell(text: string): string {
  return escapeMd(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Text in Markdown prose: characters that would start markup are escaped; HTML is made inert. */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#]/g, (c) => `\\${c}`);
}

/** Markdown inline code that survives backticks in the text. */
export function mdCode(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  const pad = ticks.length > 1 ? ' ' : '';
  return `${ticks}${pad}${text.replace(/\s*\n\s*/g, ' ')}${pad}${ticks}`;
}

/** Cuts a text to about `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Inline code in a Markdown table cell: the code as is, only its pipes escaped. */
export function mdCodeCell(text: string): string {
  return mdCode(text).replace(/\|/g, '\\|');
}
