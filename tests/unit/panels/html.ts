// Reading server-rendered markup in tests without a DOM: data-testids, selects and their options.

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function testIds(html: string): string[] {
  return [...html.matchAll(/data-testid="([^"]*)"/g)].map((m) => decode(m[1]));
}

/** The opening tag of the element with this data-testid. */
export function tagOf(html: string, testId: string): string {
  const m = new RegExp(`<[a-z]+[^>]*data-testid="${escapeRe(testId)}"[^>]*>`).exec(html);
  if (!m) throw new Error(`no element with data-testid="${testId}"`);
  return m[0];
}

export function attrOf(html: string, testId: string, attr: string): string | null {
  const m = new RegExp(`\\s${attr}="([^"]*)"`).exec(tagOf(html, testId));
  return m ? decode(m[1]) : null;
}

export function hasAttr(html: string, testId: string, attr: string): boolean {
  return new RegExp(`\\s${attr}(=|\\s|>|/)`).test(tagOf(html, testId));
}

export interface RenderedOption {
  value: string;
  label: string;
  selected: boolean;
}

export function optionsOf(html: string, testId: string): RenderedOption[] {
  const start = html.indexOf(tagOf(html, testId));
  const end = html.indexOf('</select>', start);
  const body = html.slice(start, end);
  // An option's text is its text content: the parts of a rich entry (label, greyed id) joined.
  return [...body.matchAll(/<option([^>]*)>([\s\S]*?)<\/option>/g)].map((m) => ({
    value: decode(/value="([^"]*)"/.exec(m[1])?.[1] ?? ''),
    label: decode(m[2].replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '')),
    selected: /\sselected=""/.test(m[1]),
  }));
}

export function selectedOf(html: string, testId: string): string | undefined {
  return optionsOf(html, testId).find((o) => o.selected)?.value;
}

/** The markup of the element with this data-testid, up to its matching closing tag (same tag name). */
export function elementOf(html: string, testId: string): string {
  const open = tagOf(html, testId);
  const name = /^<([a-z]+)/.exec(open)![1];
  const start = html.indexOf(open);
  const re = new RegExp(`<${name}[\\s>]|</${name}>`, 'g');
  re.lastIndex = start + open.length;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  throw new Error(`unclosed element ${testId}`);
}

/** The visible text of some markup, tags removed and entities decoded. */
export function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}
