import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { analyze } from '../../../shared/analysis/analyze';
import { RULES } from '../../../shared/analysis/rules/index';
import type { Workflow } from '../../../shared/model/schema';
import { setRuleSetting, suppress } from '../../../shared/model/edits/lint-settings';
import { buildFindingIndex } from '../../../renderer/src/analysis/findingIndex';
import { InlineMarkdown, parseBlocks } from '../../../renderer/src/analysis/Markdown';
import { NodeFindings } from '../../../renderer/src/analysis/NodeFindings';
import { ALL_SEVERITIES, type ProblemFilter } from '../../../renderer/src/analysis/problems';
import { ProblemsPanel, ROW_LIMIT } from '../../../renderer/src/analysis/ProblemsPanel';
import { linkedRule, rulePage } from '../../../renderer/src/analysis/ruleDocs';
import { RulesSection } from '../../../renderer/src/analysis/RulesSection';
import { ConnectionsPanel } from '../../../renderer/src/panels/ConnectionsPanel';
import { attrOf, elementOf, selectedOf, testIds, textOf } from '../panels/html';
import { supportWithoutReplyGrant, template } from './analysis-fixtures';

const noop = () => {};
function problems(wf: Workflow, filter: ProblemFilter = { text: '', severities: ALL_SEVERITIES }) {
  return renderToStaticMarkup(
    <ProblemsPanel workflow={wf} result={analyze(wf)} filter={filter} onFilter={noop} onFix={noop} onReveal={noop} onOpenRule={noop} onOpenRules={noop} onEdit={noop} />,
  );
}

describe('Problems panel', () => {
  it('lists a finding with its message, hint, rule link and quick fix', () => {
    const html = problems(supportWithoutReplyGrant());
    const row = elementOf(html, 'problem-permission/exceeds-grant-n9');
    expect(attrOf(html, 'problem-permission/exceeds-grant-n9', 'data-severity')).toBe('error');
    expect(textOf(row)).toContain('"Send reply" needs "tickets.reply"');
    expect(textOf(row)).toContain('Grant "tickets.reply" on "Help desk"');
    // The rule by its title; its id is in the link's tooltip.
    expect(textOf(elementOf(row, 'rule-link-permission/exceeds-grant-n9'))).toBe('Needs more than its connection grants');
    expect(attrOf(html, 'rule-link-permission/exceeds-grant-n9', 'title')).toBe('Read about this rule (permission/exceeds-grant)');
    expect(textOf(elementOf(row, 'fix-permission/exceeds-grant-n9-0'))).toBe('Grant "tickets.reply" on "Help desk"');
    // Grouped under the step it is about.
    expect(textOf(elementOf(html, 'problem-group-node:n9'))).toMatch(/^Send reply Integration 1/);
    expect(textOf(elementOf(html, 'problems-toggle-error'))).toBe('1 error');
  });

  it('says so when there is nothing to fix', () => {
    const html = problems(template('support-ticket-triage'));
    expect(testIds(html)).toContain('problems-empty');
    expect(testIds(html).some((id) => id.startsWith('problem-'))).toBe(false);
  });

  it('lists only what the filter lets through, and says how much that is', () => {
    const wf = template('risky-support-bot');
    const html = problems(wf, { text: '', severities: new Set(['error']) });
    const rows = testIds(html).filter((id) => /^problem-[a-z]+\//.test(id));
    expect(rows).toHaveLength(analyze(wf).counts.error);
    expect(textOf(elementOf(html, 'problems-summary'))).toBe(`${analyze(wf).counts.error} of ${analyze(wf).findings.length} shown`);
    expect(attrOf(html, 'problems-toggle-warn', 'aria-pressed')).toBe('false');
  });

  it('shows suppressed findings in their own section, with the reason and a way back', () => {
    const wf = suppress(supportWithoutReplyGrant(), 'n9', 'permission/exceeds-grant', 'The help desk admin granted it by hand.');
    const html = problems(wf);
    expect(testIds(html)).toContain('problems-empty');
    const section = textOf(elementOf(html, 'problems-suppressed'));
    expect(section).toContain('Suppressed (1)');
    expect(section).toContain('Suppressed on Send reply: The help desk admin granted it by hand.');
    expect(testIds(html)).toContain('unsuppress-permission/exceeds-grant-n9');
  });


  it('draws at most ROW_LIMIT rows until asked for all', () => {
    const base = template('support-ticket-triage');
    // Many steps that no intake reaches: one graph/unreachable (and dead-end) finding each.
    const extra = Array.from({ length: ROW_LIMIT + 5 }, (_, i) => ({ id: `x${i}`, kind: 'end' as const, label: `Stray ${i}`, position: { x: 0, y: 0 }, config: { outcome: 'resolved' } }));
    const wf = { ...base, nodes: [...base.nodes, ...extra] };
    const html = problems(wf);
    expect(testIds(html).filter((id) => /^problem-[a-z]+\//.test(id))).toHaveLength(ROW_LIMIT);
    expect(testIds(html)).toContain('problems-show-all');
  });
});

describe('Inspector: the step’s findings', () => {
  it('lists the findings with fixes and a Suppress action, and the suppressions with reasons', () => {
    const wf = supportWithoutReplyGrant();
    const node = wf.nodes.find((n) => n.id === 'n9')!;
    const html = renderToStaticMarkup(<NodeFindings wf={wf} node={node} findings={buildFindingIndex(analyze(wf)).byNode.get('n9')} onChange={noop} />);
    expect(testIds(html)).toEqual(expect.arrayContaining(['node-finding-permission/exceeds-grant', 'inspector-fix-permission/exceeds-grant-0', 'suppress-permission/exceeds-grant']));

    const quiet = suppress(wf, 'n9', 'permission/exceeds-grant', '');
    const quietNode = quiet.nodes.find((n) => n.id === 'n9')!;
    const after = renderToStaticMarkup(<NodeFindings wf={quiet} node={quietNode} findings={buildFindingIndex(analyze(quiet)).byNode.get('n9')} onChange={noop} />);
    expect(testIds(after)).not.toContain('node-finding-permission/exceeds-grant');
    const entry = textOf(elementOf(after, 'suppression-permission/exceeds-grant'));
    expect(entry).toContain('hides: "Send reply" needs "tickets.reply"');
    expect(entry).toContain('Reason: no reason given');
    expect(testIds(after)).toContain('unsuppress-permission/exceeds-grant');
  });

  it('shows nothing for a step without findings or suppressions', () => {
    const wf = template('support-ticket-triage');
    expect(renderToStaticMarkup(<NodeFindings wf={wf} node={wf.nodes[0]} findings={undefined} onChange={noop} />)).toBe('');
  });
});

describe('Rules panel', () => {
  it('lists every rule with its description and this workflow’s setting', () => {
    const wf = setRuleSetting(template('support-ticket-triage'), 'gate/no-timeout', 'off');
    const html = renderToStaticMarkup(<RulesSection workflow={wf} onChange={noop} />);
    for (const rule of RULES) expect(testIds(html), rule.meta.id).toContain(`rule-${rule.meta.id}`);
    expect(selectedOf(html, 'rule-setting-gate/no-timeout')).toBe('off');
    expect(selectedOf(html, 'rule-setting-gate/no-reviewer')).toBe('default');
    expect(textOf(elementOf(html, 'rule-gate/no-reviewer'))).toContain('Default: warning');
    expect(textOf(elementOf(html, 'rule-gate/missing-approval'))).toContain('Default: error/warn');
    expect(textOf(html)).toContain('1 rule differs from the default.');
  });
});

describe('Connections panel', () => {
  it('marks a connection with findings in its card header', () => {
    const wf = supportWithoutReplyGrant();
    const index = buildFindingIndex(analyze(wf));
    const html = renderToStaticMarkup(<ConnectionsPanel workflow={wf} onChange={noop} findings={index.connections} />);
    expect(attrOf(html, 'badge-connection-helpdesk', 'data-severity')).toBe('error');
    expect(attrOf(html, 'badge-connection-helpdesk', 'title')).toContain('permission/exceeds-grant');
    expect(testIds(html)).not.toContain('badge-connection-knowledge');
  });
});

describe('rule pages', () => {
  it('ship with the app for every rule, and link to each other', () => {
    for (const rule of RULES) expect(rulePage(rule.meta.id), rule.meta.id).toMatch(new RegExp(`^# ${rule.meta.id}\\n`));
    expect(linkedRule('permission/exceeds-grant', 'unknown-connection.md')).toBe('permission/unknown-connection');
    expect(linkedRule('gate/no-reviewer', '../graph/unreachable.md')).toBe('graph/unreachable');
    expect(linkedRule('gate/no-reviewer', '../../ANALYSIS.md')).toBeNull();
    expect(linkedRule('gate/no-reviewer', 'https://example.com/x.md')).toBeNull();
  });

  it('are read as headings, paragraphs, lists, tables and code', () => {
    const blocks = parseBlocks(rulePage('permission/exceeds-grant')!);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'permission/exceeds-grant' });
    expect(blocks.map((b) => b.kind)).toEqual(expect.arrayContaining(['paragraph', 'list', 'table', 'code']));
    const table = blocks.find((b) => b.kind === 'table');
    expect(table).toMatchObject({ head: ['step', 'needs'] });
  });

  it('render inline code, bold and emphasis as elements and everything else as text', () => {
    const html = renderToStaticMarkup(<InlineMarkdown text={'Use `tickets.*` with **care**, as *How to fix it* says: a * b <b>x</b>'} />);
    expect(html).toBe('Use <code>tickets.*</code> with <strong>care</strong>, as <em>How to fix it</em> says: a * b &lt;b&gt;x&lt;/b&gt;');
  });
});
