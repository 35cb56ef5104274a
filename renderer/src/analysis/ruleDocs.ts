// The rule pages (docs/rules/<id>.md) ship inside the app, so "read about this rule" works offline,
// in the desktop app and in browser mode alike, with no docs server.
const PAGES = import.meta.glob('../../../docs/rules/**/*.md', { query: '?raw', import: 'default', eager: true });
const PREFIX = '../../../docs/rules/';

/** The Markdown text of a rule's page, or null for a rule without one. */
export function rulePage(ruleId: string): string | null {
  return PAGES[`${PREFIX}${ruleId}.md`] ?? null;
}

/**
 * The rule id a link on a rule's page points to (`unknown-connection.md`, `../gate/no-timeout.md`),
 * or null when it points elsewhere (such as ../../ANALYSIS.md).
 */
export function linkedRule(fromRuleId: string, href: string): string | null {
  if (!href.endsWith('.md') || /^[a-z]+:/i.test(href)) return null;
  const parts = fromRuleId.split('/').slice(0, -1);
  for (const seg of href.slice(0, -3).split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  if (parts.length !== 2) return null;
  const id = parts.join('/');
  return rulePage(id) === null ? null : id;
}
