import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { Finding, Severity } from '../../../shared/analysis/types';
import { ALL_SEVERITIES, countText, groupProblems, problemRows, targetOf, type ProblemFilter } from '../../../renderer/src/analysis/problems';
import { template } from './analysis-fixtures';

const all: ProblemFilter = { text: '', severities: ALL_SEVERITIES };
const only = (...s: Severity[]): ProblemFilter => ({ text: '', severities: new Set(s) });
const f = (ruleId: string, severity: Severity, target: Partial<Finding> = {}, message = `${ruleId} message`): Finding => ({ ruleId, severity, message, ...target });

describe('targetOf', () => {
  it('lists a finding under its step first, then its link, then its connection, else the workflow', () => {
    expect(targetOf(f('a', 'error', { nodeId: 'n1', connectionId: 'c' }))).toEqual({ kind: 'node', id: 'n1' });
    expect(targetOf(f('a', 'error', { edgeId: 'e1', connectionId: 'c' }))).toEqual({ kind: 'edge', id: 'e1' });
    expect(targetOf(f('a', 'error', { connectionId: 'c' }))).toEqual({ kind: 'connection', id: 'c' });
    expect(targetOf(f('a', 'error'))).toEqual({ kind: 'workflow', id: null });
  });
});

describe('problemRows', () => {
  it('names each row after its rule and target, numbering repeats of both', () => {
    const rows = problemRows([
      f('permission/exceeds-grant', 'error', { nodeId: 'n9', scope: 'a' }),
      f('permission/exceeds-grant', 'error', { nodeId: 'n9', scope: 'b' }),
      f('workflow/no-owner', 'warn'),
      f('integration/no-audit-log', 'warn', { connectionId: 'helpdesk' }),
    ]);
    expect(rows.map((r) => r.testId)).toEqual([
      'problem-permission/exceeds-grant-n9',
      'problem-permission/exceeds-grant-n9-2',
      'problem-workflow/no-owner-workflow',
      'problem-integration/no-audit-log-helpdesk',
    ]);
    expect(rows[1].key).toBe('permission/exceeds-grant-n9-2');
  });
});

describe('groupProblems', () => {
  const wf = template('risky-support-bot');
  const result = analyze(wf);
  const rows = problemRows(result.findings);

  it('groups by step (connection, workflow) with the worst groups first and errors first inside a group', () => {
    const groups = groupProblems(wf, rows, all);
    // Every finding is listed exactly once.
    expect(groups.flatMap((g) => g.rows.map((r) => r.finding))).toHaveLength(result.findings.length);
    const ranks = groups.map((g) => ['error', 'warn', 'info'].indexOf(g.worst));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const g of groups) {
      const inGroup = g.rows.map((r) => ['error', 'warn', 'info'].indexOf(r.finding.severity));
      expect(inGroup).toEqual([...inGroup].sort((a, b) => a - b));
      expect(new Set(g.rows.map((r) => targetOf(r.finding).id)).size).toBe(1);
    }
    // Among the groups with errors, the steps come in document order.
    expect(groups.filter((g) => g.worst === 'error').map((g) => g.target.id)).toEqual(['n2', 'n4', 'n6', 'n8']);
    const n2 = groups.find((g) => g.target.id === 'n2')!;
    expect(n2).toMatchObject({ title: 'Answer the customer', kindLabel: 'AI step', worst: 'error' });
    expect(n2.rows.map((r) => r.finding.ruleId)).toEqual(['gate/missing-approval', 'ai/unreviewed-action', 'ai/no-fallback']);
    // Among the warning-only groups, the workflow's own findings come before steps and connections.
    const warnKinds = groups.filter((g) => g.worst === 'warn').map((g) => g.target.kind);
    expect(warnKinds[0]).toBe('workflow');
    expect(warnKinds.indexOf('connection')).toBeGreaterThan(warnKinds.lastIndexOf('node'));
    expect(groups.find((g) => g.target.kind === 'connection' && g.target.id === 'helpdesk')).toMatchObject({ title: 'Help desk', kindLabel: 'Connection' });
  });

  it('filters by severity', () => {
    const errors = groupProblems(wf, rows, only('error'));
    expect(errors.flatMap((g) => g.rows).every((r) => r.finding.severity === 'error')).toBe(true);
    expect(errors.flatMap((g) => g.rows)).toHaveLength(result.counts.error);
    // A group is as bad as what is shown of it.
    expect(groupProblems(wf, rows, only('warn')).find((g) => g.target.id === 'n2')!.worst).toBe('warn');
    expect(groupProblems(wf, rows, only())).toEqual([]);
  });

  it('filters by text in the message, the rule id, the hint or the step’s name, ignoring case', () => {
    const ids = (text: string) =>
      groupProblems(wf, rows, { text, severities: ALL_SEVERITIES })
        .flatMap((g) => g.rows)
        .map((r) => r.testId);
    expect(ids('REFUND AUTOMATICALLY')).toEqual(['problem-permission/exceeds-grant-n4', 'problem-gate/missing-approval-n4']);
    expect(ids('no-fallback')).toEqual(['problem-ai/no-fallback-n2']);
    expect(ids('  ')).toHaveLength(result.findings.length);
    expect(ids('nothing like this')).toEqual([]);
    // Test ids do not depend on the filter.
    expect(ids('email.delete')).toEqual(['problem-permission/unused-grant-email']);
  });

  it('names deleted elements by id instead of failing', () => {
    const stale = problemRows([f('graph/x', 'warn', { nodeId: 'gone' }), f('graph/y', 'warn', { edgeId: 'e-gone' })]);
    expect(groupProblems(wf, stale, all).map((g) => [g.title, g.kindLabel])).toEqual([
      ['gone', 'Step (deleted)'],
      ['e-gone', 'Link (deleted)'],
    ]);
  });
});

describe('countText', () => {
  it('counts with singular and plural', () => {
    expect(countText({ error: 1, warn: 2, info: 0 })).toBe('1 error, 2 warnings, 0 infos');
  });
});
