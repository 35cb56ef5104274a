// The Markdown report carries no markup from the workflow: hostile labels, names and grants in every
// field, rendered by a real Markdown parser (marked, GitHub flavour), give no raw HTML token and no
// link or image but the report's own pictures; code spans keep their text whole, backticks included.
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { escapeMd, mdCode } from '../../../shared/report/escape';
import { reportMarkdown } from '../../../shared/report/markdown';
import { rehearseScenarios } from '../../../shared/report/scenarios';
import { runBatch } from '../../../shared/simulation/batch';
import { HOSTILE_TEXTS, MARKUP } from '../../fixtures/hostile-text';
import { hostileWorkflows } from '../../fixtures/hostile-workflow';

const sample = loadSampleData();

function tokensOf(markdown: string): Token[] {
  const all: Token[] = [];
  marked.walkTokens(marked.lexer(markdown, { gfm: true }), (t) => void all.push(t));
  return all;
}

/** What in a token list could run, load or link: raw HTML, links, images other than the report's own. */
function markupIn(tokens: Token[], ownImages: (href: string) => boolean): string[] {
  return tokens
    .filter((t) => t.type === 'html' || t.type === 'link' || t.type === 'def' || (t.type === 'image' && !ownImages((t as Tokens.Image).href)))
    .map((t) => `${t.type}: ${JSON.stringify(t.raw).slice(0, 120)}`);
}

describe('Markdown escaping', () => {
  it('shows every hostile text literally in prose: one text token, no markup', () => {
    for (const text of HOSTILE_TEXTS) {
      const tokens = tokensOf(`Before ${escapeMd(text)} after`);
      expect(markupIn(tokens, () => false), JSON.stringify(text)).toEqual([]);
      expect(tokens[0].type, JSON.stringify(text)).toBe('paragraph');
      expect(tokens.filter((t) => t.type === 'paragraph' || t.type === 'heading' || t.type === 'list' || t.type === 'blockquote' || t.type === 'code')).toHaveLength(1);
      // Rendered, it reads exactly as typed (line breaks become spaces).
      const html = (marked.parse(escapeMd(text), { gfm: true, async: false }) as string).trim();
      const shown = html.replace(/^<p>|<\/p>$/g, '').replace(/&(lt|gt|quot|amp|#39);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'" })[e]!);
      expect(shown.trim(), JSON.stringify(text)).toBe(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    }
  });

  it('keeps a code span whole, whatever run of backticks it holds', () => {
    for (const text of [...MARKUP, 'tickets.read', 'a`b', 'a``b', '``', '`a', 'a`', ' a ', 'x\ny']) {
      const spans = tokensOf(`Grant ${mdCode(text)} here`).filter((t): t is Tokens.Codespan => t.type === 'codespan');
      expect(spans.map((s) => s.text), JSON.stringify(text)).toEqual([text.replace(/\s*[\r\n]+\s*/g, ' ')]);
    }
  });

  it('gives no raw HTML token, link or foreign image for hostile text in every field of a report', () => {
    const own = (href: string) => href.startsWith('data:image/svg+xml') || /^report\.(diagram|chart-[a-z-]+)\.svg$/.test(href);
    const found: string[] = [];
    for (const [k, wf] of hostileWorkflows(HOSTILE_TEXTS).entries()) {
      const { rehearsals, problem } = rehearseScenarios(wf, sample, 1);
      const batch = k < 3 ? runBatch(wf, sample, { runs: 60, seed: 2 }) : null;
      const input = { workflow: wf, batch, scenarios: rehearsals, scenarioProblem: problem, generatedAt: '2024-06-03', generator: 'Flowgate test' };
      for (const md of [reportMarkdown(input), reportMarkdown(input, { diagramHref: 'report.diagram.svg', chartHref: (key) => `report.chart-${key}.svg` })]) {
        found.push(...markupIn(tokensOf(md), own).map((m) => `workflow ${k}: ${m}`));
      }
    }
    expect(found).toEqual([]);
  });

  it('renders hostile grants as code, whole', () => {
    const [wf] = hostileWorkflows(MARKUP);
    const md = reportMarkdown({ workflow: wf, generatedAt: '2024-06-03' });
    const code = new Set(tokensOf(md).filter((t): t is Tokens.Codespan => t.type === 'codespan').map((t) => t.text));
    for (const c of wf.connections) for (const g of c.grants as string[]) expect(code.has(g.replace(/\s*[\r\n]+\s*/g, ' ')), JSON.stringify(g)).toBe(true);
  });
});
