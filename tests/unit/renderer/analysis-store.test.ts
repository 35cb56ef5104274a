import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { moveNodes } from '../../../shared/model/edits/graph';
import { setProperties } from '../../../shared/model/edits/workflow';
import { updateConnection } from '../../../shared/model/edits/connections';
import type { Workflow } from '../../../shared/model/schema';
import { createAnalysisStore, DEBOUNCE_MS, MAX_WAIT_MS, onlyPositionsDiffer } from '../../../renderer/src/store/analysis';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { supportWithoutReplyGrant, template } from './analysis-fixtures';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(wf: Workflow = template('support-ticket-triage')) {
  const doc = createDocumentStore();
  doc.load(wf);
  const analysis = createAnalysisStore(doc);
  analysis.flush();
  return { doc, analysis };
}

const rules = (a: ReturnType<typeof setup>['analysis']) => a.state.result.findings.map((f) => `${f.ruleId}@${f.nodeId ?? f.connectionId ?? 'workflow'}`);
const dropReplyGrant = (wf: Workflow) => updateConnection(wf, 'helpdesk', { grants: ['tickets.read', 'tickets.close'] });

describe('analysis store: when it runs', () => {
  it('analyses the opened document at once when flushed, and an edit only after the debounce', () => {
    const { doc, analysis } = setup();
    expect(analysis.state.result.counts).toMatchObject({ error: 0, warn: 0 });
    expect(analysis.runs).toBe(1);

    doc.commit(dropReplyGrant(doc.workflow!));
    expect(analysis.pending).toBe(true);
    vi.advanceTimersByTime(DEBOUNCE_MS - 1);
    expect(rules(analysis)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(rules(analysis)).toEqual(['permission/exceeds-grant@n9']);
    expect(analysis.pending).toBe(false);
    expect(analysis.runs).toBe(2);
  });

  it('waits for a pause in typing, but not longer than the maximum wait', () => {
    const { doc, analysis } = setup();
    // A keystroke every 100 ms: each resets the debounce, so only the maximum wait lets a run through.
    let typed = '';
    for (let t = 0; t < MAX_WAIT_MS + 300; t += 100) {
      typed += 'x';
      doc.commit(setProperties(doc.workflow!, { owner: typed }), 'wf:owner');
      vi.advanceTimersByTime(100);
      if (t + 100 < MAX_WAIT_MS) expect(analysis.runs).toBe(1);
    }
    expect(analysis.runs).toBe(2);
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(analysis.runs).toBe(3);
  });

  it('runs no analysis during a node drag, nor after it: positions do not affect findings', () => {
    const { doc, analysis } = setup(supportWithoutReplyGrant());
    const before = analysis.state;
    doc.beginDrag();
    for (let i = 1; i <= 30; i++) doc.dragTo((wf) => moveNodes(wf, { n9: { x: 1800 + i * 5, y: i } }));
    vi.advanceTimersByTime(5 * DEBOUNCE_MS);
    doc.endDrag();
    vi.advanceTimersByTime(5 * DEBOUNCE_MS);
    expect(analysis.runs).toBe(1);
    expect(analysis.state).toBe(before);
    // A keyboard move (a commit of positions only) is skipped the same way.
    doc.commit(moveNodes(doc.workflow!, { n1: { x: 10, y: 10 } }));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(analysis.runs).toBe(1);
    // The next real edit is analysed against the moved document.
    doc.commit(setProperties(doc.workflow!, { owner: '' }));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(analysis.runs).toBe(2);
    expect(rules(analysis)).toContain('workflow/no-owner@workflow');
  });

  it('an edit made just before a drag is analysed on time, from the document as it was before the drag', () => {
    const { doc, analysis } = setup();
    doc.commit(dropReplyGrant(doc.workflow!));
    doc.beginDrag();
    doc.dragTo((wf) => moveNodes(wf, { n2: { x: 1, y: 1 } }));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    expect(rules(analysis)).toEqual(['permission/exceeds-grant@n9']);
    doc.endDrag();
  });

  it('shows the result of a document already analysed at once after undo and redo', () => {
    const { doc, analysis } = setup();
    const clean = analysis.state.result;
    doc.commit(dropReplyGrant(doc.workflow!));
    vi.advanceTimersByTime(DEBOUNCE_MS);
    const broken = analysis.state.result;
    expect(analysis.runs).toBe(2);

    doc.undo();
    expect(analysis.state.result).toBe(clean);
    doc.redo();
    expect(analysis.state.result).toBe(broken);
    expect(analysis.runs).toBe(2);
    expect(analysis.pending).toBe(false);
  });

  it('flush() runs a waiting edit now, and names the document the result is about', () => {
    const { doc, analysis } = setup();
    const opened = doc.workflow;
    expect(analysis.state.workflow).toBe(opened);
    doc.commit(dropReplyGrant(doc.workflow!));
    expect(analysis.state.workflow).toBe(opened);
    analysis.flush();
    expect(analysis.state.workflow).toBe(doc.workflow);
    expect(rules(analysis)).toEqual(['permission/exceeds-grant@n9']);
    expect(analysis.pending).toBe(false);
  });

  it('clears the result when the document is closed and starts afresh with the next one', () => {
    const { doc, analysis } = setup(supportWithoutReplyGrant());
    expect(analysis.state.result.counts.error).toBe(1);
    doc.load(null);
    expect(analysis.state.result.findings).toEqual([]);
    expect(analysis.state.index.nodes.size).toBe(0);
    doc.load(template('risky-support-bot'));
    analysis.flush();
    expect(analysis.state.result).toEqual(analyze(template('risky-support-bot')));
  });
});

describe('analysis store: what views receive', () => {
  it('keeps the summary object of every step whose findings did not change', () => {
    const { doc, analysis } = setup(template('risky-support-bot'));
    const before = analysis.state.index.nodes;
    const n4 = before.get('n4')!;
    expect(n4).toMatchObject({ count: 2, severity: 'error' });

    // Granting the refund scope fixes n4's exceeds-grant and nothing else.
    doc.commit(updateConnection(doc.workflow!, 'billing', { grants: [...doc.workflow!.connections.find((c) => c.id === 'billing')!.grants, 'billing.refunds.issue'] }));
    analysis.flush();
    const after = analysis.state.index.nodes;
    expect(after).not.toBe(before);
    expect(after.get('n4')).toMatchObject({ count: 1, severity: 'error' });
    for (const [id, summary] of before) if (id !== 'n4') expect(after.get(id), id).toBe(summary);
  });

  it('keeps the very same summary maps when an edit changes no finding', () => {
    const { doc, analysis } = setup(template('risky-support-bot'));
    const { nodes, connections, edges } = analysis.state.index;
    doc.commit(updateConnection(doc.workflow!, 'helpdesk', { label: 'Help desk (renamed)', identity: 'svc-bot' }));
    analysis.flush();
    // The messages name the connection, so its findings changed; the steps' did not.
    expect(analysis.state.index.nodes).toBe(nodes);
    expect(analysis.state.index.edges).toBe(edges);
    expect(analysis.state.index.connections).not.toBe(connections);
  });
});

describe('onlyPositionsDiffer', () => {
  it('tells a move from an edit', () => {
    const wf = template('support-ticket-triage');
    expect(onlyPositionsDiffer(wf, moveNodes(wf, { n1: { x: 5, y: 5 }, n2: { x: 9, y: 9 } }))).toBe(true);
    expect(onlyPositionsDiffer(wf, setProperties(wf, { owner: 'x' }))).toBe(false);
    expect(onlyPositionsDiffer(wf, dropReplyGrant(wf))).toBe(false);
    const relabelled = { ...wf, nodes: wf.nodes.map((n) => (n.id === 'n1' ? { ...n, label: 'Renamed' } : n)) };
    expect(onlyPositionsDiffer(wf, relabelled)).toBe(false);
    expect(onlyPositionsDiffer(wf, { ...wf, nodes: wf.nodes.slice(1) })).toBe(false);
  });
});
