// Escaping for the report's three output languages. Every text of the document goes through one of
// these: a step label is user input and must never become markup.
import { REPORT_LIMITS } from './limits';

/**
 * A text cut to `max` characters (whole code points, so an emoji is never cut in half), ending in
 * "…" when it was longer. Every escaper below cuts first: no text of the document can make a report
 * larger than REPORT_LIMITS allows.
 */
export function cutText(text: string, max: number = REPORT_LIMITS.text): string {
  if (text.length <= max) return text;
  let count = 0;
  let units = 0;
  let keep = 0;
  for (const ch of text) {
    count++;
    // Up to the max-th character: max - 1 characters and the "…" make max.
    if (count === max) keep = units;
    if (count > max) return `${text.slice(0, keep)}…`;
    units += ch.length;
  }
  return text;
}

/** Text inside HTML or SVG elements and attribute values (cut at `max` characters). */
export function escapeXml(text: string, max: number = REPORT_LIMITS.text): string {
  return cutText(text, max).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Line breaks, with the blanks around them, become one space: a text never starts a new block. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * Text in Markdown prose, shown exactly as written and never as markup. Every ASCII punctuation
 * character that can start or end markup is backslash-escaped (CommonMark shows any escaped
 * punctuation as itself): `<` and `&` (raw HTML, entities), brackets and `!` (links, images),
 * emphasis, code, tables, headings. The bare URLs and e-mail addresses GitHub's flavour links on its
 * own are broken up the same way (`https\://`, `www\.`, `\@`), and so are the list, quote and
 * heading markers a text could start with. Line breaks become spaces.
 */
export function escapeMd(text: string, max: number = REPORT_LIMITS.text): string {
  return oneLine(cutText(text, max))
    .trimStart()
    .replace(/[\\`*_{}[\]<>#!|~&@]/g, (c) => `\\${c}`)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Text in a Markdown table cell: escaped as prose, which already covers the cell's pipes. */
export function escapeMdCell(text: string): string {
  return escapeMd(text);
}

/**
 * Markdown inline code whose text is shown whole: the fence is one backtick longer than the longest
 * run of backticks inside, and padded with a space where the text starts or ends with a backtick or
 * a space (CommonMark strips one space from each side, so the padding is all that goes).
 */
export function mdCode(text: string): string {
  const flat = oneLine(cutText(text));
  if (flat === '') return '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const allSpaces = /^ +$/.test(flat);
  const pad = !allSpaces && (/^[` ]/.test(flat) || /[` ]$/.test(flat)) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Cuts a text to about `max` characters at a word boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Inline code in a Markdown table cell. GitHub's tables read `\|` as a pipe even inside code, so a
 * pipe is escaped; a backslash right before a pipe cannot be shown in code there, so such a text is
 * shown as escaped prose instead.
 */
export function mdCodeCell(text: string): string {
  const flat = oneLine(cutText(text));
  if (/\\\|/.test(flat)) return escapeMdCell(flat);
  return mdCode(flat).replace(/\|/g, '\\|');
}
