import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { AnalysisResult, Finding } from '../../../shared/analysis/types';
import { buildFindingIndex, summarize, worstOf } from '../../../renderer/src/analysis/findingIndex';
import { suppress } from '../../../shared/model/edits/lint-settings';
import { createEdgeDeriver, createNodeDeriver } from '../../../renderer/src/canvas/derive';
import { supportWithoutReplyGrant, template } from './analysis-fixtures';

const f = (ruleId: string, severity: Finding['severity'], target: Partial<Finding> = {}, message = ruleId): Finding => ({ ruleId, severity, message, ...target });
const result = (findings: Finding[], suppressed: Finding[] = []): AnalysisResult => ({
  findings,
  suppressed,
  counts: { error: 0, warn: 0, info: 0, suppressed: suppressed.length },
});

describe('buildFindingIndex', () => {
  it('files a finding under every element it names, and workflow findings apart', () => {
    const index = buildFindingIndex(analyze(supportWithoutReplyGrant()));
    expect(index.byNode.get('n9')?.active.map((x) => x.ruleId)).toEqual(['permission/exceeds-grant']);
    expect(index.byConnection.get('helpdesk')?.active.map((x) => x.nodeId)).toEqual(['n9']);
    expect(index.nodes.get('n9')).toMatchObject({ count: 1, severity: 'error', suppressed: 0 });
    expect(index.connections.get('helpdesk')).toMatchObject({ count: 1, severity: 'error' });
    expect(index.nodes.has('n8')).toBe(false);
    expect(index.workflow).toEqual([]);

    const risky = buildFindingIndex(analyze(template('risky-support-bot')));
    expect(risky.workflow.map((x) => x.ruleId).sort()).toEqual(['workflow/no-escalation', 'workflow/no-owner']);
  });

  it('summarises count and worst severity, with a tooltip listing the findings worst first', () => {
    const s = summarize({ active: [f('a/info', 'info', {}, 'Just so you know.'), f('b/err', 'error', {}, 'Broken.'), f('c/warn', 'warn', {}, 'Risky.')], suppressed: [] });
    expect(s).toMatchObject({ count: 3, severity: 'error', suppressed: 0 });
    expect(s.text.split('\n')).toEqual(['3 problems', 'Error: Broken. (b/err)', 'Warning: Risky. (c/warn)', 'Info: Just so you know. (a/info)']);
  });

  it('keeps suppressed findings visible: counted apart, listed with their reason, never as the severity', () => {
    const wf = suppress(supportWithoutReplyGrant(), 'n9', 'permission/exceeds-grant', 'Granted on the help desk by hand.');
    const index = buildFindingIndex(analyze(wf));
    expect(index.nodes.get('n9')).toMatchObject({ count: 0, severity: null, suppressed: 1 });
    expect(index.nodes.get('n9')!.text).toContain('Suppressed: permission/exceeds-grant, because: Granted on the help desk by hand.');
    expect(index.byNode.get('n9')!.suppressed).toHaveLength(1);
    const noReason = summarize({ active: [], suppressed: [f('x/y', 'warn', { nodeId: 'n1', suppressed: { reason: ' ' } })] });
    expect(noReason.text).toContain('because: no reason given');
  });

  it('lends unchanged summaries from the previous index and keeps an unchanged map whole', () => {
    const a = f('r/one', 'error', { nodeId: 'n1' });
    const b = f('r/two', 'warn', { nodeId: 'n2' });
    const first = buildFindingIndex(result([a, b]));
    const same = buildFindingIndex(result([{ ...a }, { ...b }]), first);
    expect(same.nodes).toBe(first.nodes);
    const changed = buildFindingIndex(result([{ ...a }, { ...b, message: 'other' }]), first);
    expect(changed.nodes).not.toBe(first.nodes);
    expect(changed.nodes.get('n1')).toBe(first.nodes.get('n1'));
    expect(changed.nodes.get('n2')).not.toBe(first.nodes.get('n2'));
    const gone = buildFindingIndex(result([{ ...a }]), first);
    expect([...gone.nodes.keys()]).toEqual(['n1']);
  });

  it('worstOf ranks error over warn over info', () => {
    expect(worstOf([f('a', 'info'), f('b', 'warn')])).toBe('warn');
    expect(worstOf([])).toBeNull();
  });
});

describe('the canvas receives each element its own summary', () => {
  const none = new Set<string>();
  const sizes = new Map();

  it('a step gets its summary; a rerun that leaves it unchanged keeps its node object', () => {
    const wf = template('risky-support-bot');
    const derive = createNodeDeriver();
    const first = buildFindingIndex(analyze(wf));
    const a = derive(wf, none, sizes, first.nodes);
    expect(a.find((n) => n.id === 'n4')!.data.findings).toMatchObject({ count: 2, severity: 'error' });
    expect(a.find((n) => n.id === 'n1')!.data.findings).toBeUndefined();

    // A new index where only n4's summary changed: only n4's node object is new.
    const fewer = { ...first, nodes: new Map([...first.nodes].map(([id, s]) => [id, id === 'n4' ? { ...s, count: 1 } : s])) };
    const b = derive(wf, none, sizes, fewer.nodes);
    for (const node of b) {
      if (node.id === 'n4') expect(node).not.toBe(a.find((x) => x.id === 'n4'));
      else expect(node, node.id).toBe(a.find((x) => x.id === node.id));
    }
  });

  it('a link with findings is drawn by the flagged edge type, coloured by its worst severity', () => {
    const wf = template('support-ticket-triage');
    const derive = createEdgeDeriver();
    const summary = summarize({ active: [f('graph/x', 'warn', { edgeId: 'e3' })], suppressed: [] });
    const edges = derive(wf, none, new Map([['e3', summary]]));
    const e3 = edges.find((e) => e.id === 'e3')!;
    expect(e3.type).toBe('flagged');
    expect(e3.data).toEqual({ findings: summary });
    expect(e3.className).toContain('sev-warn');
    expect(edges.find((e) => e.id === 'e1')!.type).toBeUndefined();
  });
});
