import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { Api } from '../../../shared/api/contract';
import { removeElements } from '../../../shared/model/edits/graph';
import { serializeWorkflow, loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { applyFix } from '../../../shared/analysis/fixes';
import { ruleChoice, setRuleSetting, suppress, suppressionsOf, unsuppress } from '../../../shared/model/edits/lint-settings';
import { createController, type CanvasHandle, type Platform } from '../../../renderer/src/app/controller';
import { supportWithoutReplyGrant, template } from './analysis-fixtures';

const findingOf = (wf: Workflow, ruleId: string, at?: string) => analyze(wf).findings.find((f) => f.ruleId === ruleId && (at === undefined || f.nodeId === at || f.connectionId === at));
/** The document survives a save and a load (the edits keep it valid). */
const roundTrip = (wf: Workflow) => loadWorkflow(serializeWorkflow(wf)).workflow;

describe('rule settings (lint.rules)', () => {
  it('sets, changes and removes a rule’s setting, and drops an empty lint section', () => {
    const wf = template('support-ticket-triage');
    expect(ruleChoice(wf, 'gate/no-timeout')).toBe('default');
    const off = setRuleSetting(wf, 'gate/no-timeout', 'off');
    expect(off.lint).toEqual({ rules: { 'gate/no-timeout': 'off' } });
    const two = setRuleSetting(off, 'ai/sensitive-data', 'warn');
    expect(two.lint?.rules).toEqual({ 'gate/no-timeout': 'off', 'ai/sensitive-data': 'warn' });
    expect(setRuleSetting(two, 'ai/sensitive-data', 'warn')).toBe(two);
    const back = setRuleSetting(setRuleSetting(two, 'gate/no-timeout', 'default'), 'ai/sensitive-data', 'default');
    expect('lint' in back).toBe(false);
    expect(roundTrip(two).lint?.rules).toEqual(two.lint?.rules);
  });

  it('keeps other keys of the lint section', () => {
    const wf = { ...template('support-ticket-triage'), lint: { rules: { 'gate/no-timeout': 'off' as const }, note: 'kept' } };
    const back = setRuleSetting(wf, 'gate/no-timeout', 'default');
    expect(back.lint).toEqual({ rules: {}, note: 'kept' });
  });

  it('changes what the analysis reports', () => {
    const wf = supportWithoutReplyGrant();
    expect(findingOf(wf, 'permission/exceeds-grant')?.severity).toBe('error');
    expect(findingOf(setRuleSetting(wf, 'permission/exceeds-grant', 'warn'), 'permission/exceeds-grant')?.severity).toBe('warn');
    expect(findingOf(setRuleSetting(wf, 'permission/exceeds-grant', 'off'), 'permission/exceeds-grant')).toBeUndefined();
  });
});

describe('suppressions (node.lint.disable)', () => {
  it('suppresses a finding on one step with its reason, and un-suppresses it', () => {
    const wf = supportWithoutReplyGrant();
    const quiet = suppress(wf, 'n9', 'permission/exceeds-grant', '  Granted by hand on the help desk.  ');
    expect(suppressionsOf(quiet, 'n9')).toEqual([{ rule: 'permission/exceeds-grant', reason: 'Granted by hand on the help desk.' }]);
    const result = analyze(roundTrip(quiet));
    expect(result.findings.some((f) => f.ruleId === 'permission/exceeds-grant')).toBe(false);
    expect(result.suppressed).toMatchObject([{ ruleId: 'permission/exceeds-grant', nodeId: 'n9', suppressed: { reason: 'Granted by hand on the help desk.' } }]);

    // Suppressing again replaces the reason instead of adding an entry.
    const again = suppress(quiet, 'n9', 'permission/exceeds-grant', 'Another reason');
    expect(suppressionsOf(again, 'n9')).toEqual([{ rule: 'permission/exceeds-grant', reason: 'Another reason' }]);

    const back = unsuppress(again, 'n9', 'permission/exceeds-grant');
    expect(back.nodes.find((n) => n.id === 'n9')).toEqual(wf.nodes.find((n) => n.id === 'n9'));
    expect(findingOf(back, 'permission/exceeds-grant', 'n9')).toBeDefined();
    expect(unsuppress(back, 'n9', 'permission/exceeds-grant')).toBe(back);
    expect(suppress(wf, 'missing', 'x', 'y')).toBe(wf);
  });
});

describe('quick fixes', () => {
  it('grants the missing scope on the connection', () => {
    const wf = supportWithoutReplyGrant();
    const fixed = applyFix(wf, findingOf(wf, 'permission/exceeds-grant')!, 0);
    expect(fixed.connections.find((c) => c.id === 'helpdesk')!.grants).toContain('tickets.reply');
    expect(analyze(fixed).findings).toEqual([]);
  });

  it('removes an unused grant', () => {
    const wf = template('risky-support-bot');
    const fixed = applyFix(wf, findingOf(wf, 'permission/unused-grant', 'email')!, 0);
    expect(fixed.connections.find((c) => c.id === 'email')!.grants).toEqual(['email.send']);
    expect(findingOf(fixed, 'permission/unused-grant')).toBeUndefined();
  });

  it('inserts an approval before a sensitive step, rewiring its incoming links through "approved"', () => {
    // Without its supervisor approval, "Send reply" (n9) is reached straight from "Draft reply" (n7).
    const wf = template('support-ticket-triage');
    const gateless = { ...removeElements(wf, ['n8']), edges: [...removeElements(wf, ['n8']).edges, { id: 'e99', source: 'n7', sourceHandle: 'ok', target: 'n9' }] };
    const finding = findingOf(gateless, 'gate/missing-approval', 'n9')!;
    expect(finding.severity).toBe('error');
    const fixed = applyFix(gateless, finding, 0);
    const gate = fixed.nodes.find((n) => !gateless.nodes.some((m) => m.id === n.id))!;
    expect(gate.kind).toBe('approval');
    expect(fixed.edges.find((e) => e.id === 'e99')!.target).toBe(gate.id);
    expect(fixed.edges.some((e) => e.source === gate.id && e.sourceHandle === 'approved' && e.target === 'n9')).toBe(true);
    expect(findingOf(fixed, 'gate/missing-approval', 'n9')).toBeUndefined();
  });

  it('returns the document unchanged when the fix no longer applies', () => {
    const wf = supportWithoutReplyGrant();
    const finding = findingOf(wf, 'permission/exceeds-grant')!;
    const fixed = applyFix(wf, finding, 0);
    expect(applyFix(fixed, finding, 0)).toBe(fixed);
    expect(applyFix(wf, finding, 5)).toBe(wf);
  });
});

describe('the controller applies fixes and shows findings', () => {
  function setup() {
    // The backend methods the analysis does not use (crash-recovery copies and the like) answer nothing.
    const methods: Record<string, unknown> = { 'templates.get': vi.fn(async () => supportWithoutReplyGrant()) };
    const api = new Proxy(methods, { get: (t, k: string) => t[k] ?? (async () => undefined) }) as unknown as Api;
    const platform = { randomId: () => 'id-1', rememberPath: () => {} } as unknown as Platform;
    const app = createController(api, platform);
    const reveal = vi.fn();
    app.setCanvas({ reveal } as unknown as CanvasHandle);
    return { app, reveal };
  }

  it('shows the findings of a template from the start, and a fix is one undo step', async () => {
    const { app } = setup();
    await app.newFromTemplate('support-ticket-triage');
    const finding = app.analysis.state.result.findings[0];
    expect(finding).toMatchObject({ ruleId: 'permission/exceeds-grant', nodeId: 'n9' });
    const before = app.doc.history.getState().pastStates.length;

    app.applyFix(finding, 0);
    expect(app.doc.history.getState().pastStates.length).toBe(before + 1);
    expect(app.analysis.state.result.findings).toEqual([]);
    expect(app.analysis.state.index.nodes.has('n9')).toBe(false);

    app.doc.undo();
    expect(app.doc.workflow!.connections.find((c) => c.id === 'helpdesk')!.grants).not.toContain('tickets.reply');
    expect(app.analysis.state.result.findings.map((f) => f.ruleId)).toEqual(['permission/exceeds-grant']);
    app.doc.redo();
    expect(app.analysis.state.result.findings).toEqual([]);
  });

  it('reveals a step by selecting and centring it, a connection by opening its card', async () => {
    const { app, reveal } = setup();
    await app.newFromTemplate('support-ticket-triage');
    const finding = app.analysis.state.result.findings[0];
    app.revealFinding(finding);
    expect([...app.ui.state.selectedNodes]).toEqual(['n9']);
    expect(app.ui.state.tab).toBe('inspector');
    expect(reveal).toHaveBeenCalledWith({ nodeId: 'n9' });

    app.revealFinding({ ...finding, nodeId: undefined });
    expect(app.ui.state).toMatchObject({ tab: 'connections', focusConnectionId: 'helpdesk' });
    // An element that no longer exists is not selected.
    reveal.mockClear();
    app.revealFinding({ ...finding, nodeId: 'gone' });
    expect(reveal).not.toHaveBeenCalled();
  });

  it('applies rule settings and suppressions at once, one undo step each', async () => {
    const { app } = setup();
    await app.newFromTemplate('support-ticket-triage');
    const before = app.doc.history.getState().pastStates.length;
    app.commitAnalysisEdit(suppress(app.doc.workflow!, 'n9', 'permission/exceeds-grant', 'Checked by hand.'));
    expect(app.analysis.state.result.counts).toMatchObject({ error: 0, suppressed: 1 });
    app.commitAnalysisEdit(setRuleSetting(app.doc.workflow!, 'permission/exceeds-grant', 'off'));
    expect(app.analysis.state.result.counts).toMatchObject({ error: 0, suppressed: 0 });
    expect(app.doc.history.getState().pastStates.length).toBe(before + 2);
  });
});
