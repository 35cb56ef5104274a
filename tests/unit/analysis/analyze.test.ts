import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { RULES, ruleById } from '../../../shared/analysis/rules/index';
import { defineRule, eachStep, workflowWide } from '../../../shared/analysis/rule';
import { buildContext } from '../../../shared/analysis/context';
import { RULE_ERROR } from '../../../shared/analysis/types';
import { HELPDESK, approval, conn, disable, doc, end, escalation, integration, intake } from './fixtures';

const ROOT = join(import.meta.dirname, '../../..');

const RULE_IDS = [
  'permission/exceeds-grant',
  'permission/unknown-connection',
  'permission/unused-grant',
  'permission/broad-grant',
  'gate/missing-approval',
  'gate/stale-approval',
  'gate/blind-approval',
  'gate/no-reviewer',
  'gate/no-reject-path',
  'gate/no-timeout',
  'ai/unreviewed-action',
  'ai/no-fallback',
  'ai/sensitive-data',
  'escalation/no-target',
  'workflow/no-escalation',
  'workflow/no-owner',
  'graph/no-intake',
  'graph/no-end',
  'graph/unreachable',
  'graph/dead-end',
  'graph/unbounded-loop',
  'integration/no-audit-log',
  'integration/no-revocation',
  'integration/no-maintainer',
  'integration/unknown-effect',
];

/** A ticket reply with no approval in front of it, and an approval nobody reaches. */
const risky = (lint?: Record<string, unknown>, sendLint?: (n: ReturnType<typeof integration>) => ReturnType<typeof integration>) =>
  doc({
    connections: [HELPDESK],
    nodes: [intake('in', 'helpdesk', 'tickets.read'), (sendLint ?? ((n) => n))(integration('send', 'helpdesk', 'tickets.reply')), end('done')],
    edges: ['in -> send', 'send.ok -> done', 'send.error -> done'],
    lint,
  });

describe('the rule list', () => {
  it('has every rule of the design, with its id, once', () => {
    expect(RULES.map((r) => r.meta.id)).toEqual(RULE_IDS);
  });

  it('gives each rule a description, a default severity and an existing docs page named after its id', () => {
    for (const rule of RULES) {
      expect(rule.meta.docs).toBe(`docs/rules/${rule.meta.id}.md`);
      expect(existsSync(join(ROOT, rule.meta.docs)), rule.meta.docs).toBe(true);
      const page = readFileSync(join(ROOT, rule.meta.docs), 'utf8');
      expect(page).toContain(`# ${rule.meta.id}`);
      expect(page).toContain(`\`${rule.meta.severity}\``);
      expect(rule.meta.description.length).toBeGreaterThan(10);
    }
  });

  it('uses the default severities of the design', () => {
    const severity = (id: string) => ruleById(id)?.meta.severity;
    expect(['permission/exceeds-grant', 'permission/unknown-connection', 'gate/missing-approval'].map(severity)).toEqual(['error', 'error', 'error']);
    expect(severity('ai/sensitive-data')).toBe('info');
    expect(['permission/unused-grant', 'permission/broad-grant', 'gate/no-timeout', 'integration/no-audit-log'].map(severity)).toEqual(['warn', 'warn', 'warn', 'warn']);
  });
});

describe('analyze', () => {
  it('lists errors first, then warnings, then infos, and counts them', () => {
    const result = analyze(risky());
    const ranks = result.findings.map((f) => ['error', 'warn', 'info'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(result.counts).toEqual({
      error: result.findings.filter((f) => f.severity === 'error').length,
      warn: result.findings.filter((f) => f.severity === 'warn').length,
      info: result.findings.filter((f) => f.severity === 'info').length,
      suppressed: 0,
    });
    expect(result.findings[0]).toMatchObject({ ruleId: 'gate/missing-approval', nodeId: 'send', severity: 'error' });
  });

  it('leaves out rules set to "off" and applies the severity a workflow sets', () => {
    const base = analyze(risky());
    expect(base.findings.some((f) => f.ruleId === 'permission/unused-grant')).toBe(true);
    const tuned = analyze(risky({ rules: { 'gate/missing-approval': 'info', 'permission/unused-grant': 'off', 'graph/no-such-rule': 'error' } }));
    expect(tuned.findings.some((f) => f.ruleId === 'permission/unused-grant')).toBe(false);
    expect(tuned.findings.find((f) => f.ruleId === 'gate/missing-approval')).toMatchObject({ severity: 'info', nodeId: 'send' });
    expect(tuned.findings.length).toBe(base.findings.length - base.findings.filter((f) => f.ruleId === 'permission/unused-grant').length);
  });

  it('moves a suppressed finding aside with its reason, and suppresses only that rule on that node', () => {
    const reason = 'Replies are canned texts the support lead wrote.';
    const result = analyze(risky(undefined, (n) => disable(n, 'gate/missing-approval', reason)));
    expect(result.findings.some((f) => f.ruleId === 'gate/missing-approval')).toBe(false);
    expect(result.suppressed).toEqual([expect.objectContaining({ ruleId: 'gate/missing-approval', nodeId: 'send', suppressed: { reason } })]);
    expect(result.counts.suppressed).toBe(1);
    expect(result.counts.error).toBe(0);
    // The same rule on another node is not touched.
    const other = doc({
      connections: [HELPDESK],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), disable(integration('a', 'helpdesk', 'tickets.reply'), 'gate/missing-approval', 'ok'), integration('b', 'helpdesk', 'tickets.delete')],
      edges: ['in -> a', 'a.ok -> b'],
    });
    const r2 = analyze(other);
    expect(r2.findings.filter((f) => f.ruleId === 'gate/missing-approval').map((f) => f.nodeId)).toEqual(['b']);
    expect(r2.suppressed.map((f) => f.nodeId)).toEqual(['a']);
  });

  it('keeps a suppression without a reason visible, with an empty reason', () => {
    const result = analyze(risky(undefined, (n) => disable(n, 'gate/missing-approval', '')));
    expect(result.suppressed).toEqual([expect.objectContaining({ suppressed: { reason: '' } })]);
  });

  it('turns a rule that throws into a rule-error finding naming it, and still runs the others', () => {
    const broken = defineRule('test/broken', 'warn', 'Always fails.', (_ctx, report) => {
      report({ message: 'found before failing' });
      throw new Error('boom');
    });
    const good = defineRule('test/good', 'info', 'Always reports.', (_ctx, report) => report({ message: 'still here' }));
    const result = analyze(risky(), { rules: [broken, good] });
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: RULE_ERROR, severity: 'error', message: expect.stringMatching(/"test\/broken".*boom/) }),
      expect.objectContaining({ ruleId: 'test/broken', severity: 'warn', message: 'found before failing' }),
      expect.objectContaining({ ruleId: 'test/good', severity: 'info' }),
    ]);
  });

  it('keeps, for a rule of parts that throws, what its parts found as if they had run one after another', () => {
    // analyze() runs the step parts of all rules step by step; a failure must still read as rule.check()'s.
    const seen = (tag: string) => eachStep([], (_ctx, node, report) => report({ nodeId: node.id, message: `${tag} ${node.id}` }));
    const throwsAt = (tag: string, id: string) =>
      eachStep([], (_ctx, node, report) => {
        report({ nodeId: node.id, message: `${tag} ${node.id}` });
        if (node.id === id) throw new Error(`${tag} broke`);
      });
    const wide = (tag: string) => workflowWide((_ctx, report) => report({ message: tag }));
    const rules = [
      defineRule('test/late', 'warn', 'Fails in its second step part.', [seen('a'), wide('w1'), throwsAt('b', 'send'), seen('c'), wide('w2')]),
      defineRule('test/early', 'warn', 'Fails in its first part, then again later.', [throwsAt('d', 'in'), throwsAt('e', 'send')]),
      defineRule('test/fine', 'info', 'Never fails.', [seen('f')]),
    ];
    const sequential = (rule: (typeof rules)[number]) => {
      const out: string[] = [];
      try {
        rule.check(buildContext(risky()), (f) => out.push(f.message));
      } catch (e) {
        out.push(`error: ${(e as Error).message}`);
      }
      return out;
    };
    const result = analyze(risky(), { rules });
    const messages = (id: string) => [
      ...result.findings.filter((f) => f.ruleId === id).map((f) => f.message),
      ...result.findings.filter((f) => f.ruleId === RULE_ERROR && f.message.includes(`"${id}"`)).map((f) => `error: ${f.message.replace(/.*: /, '')}`),
    ];
    expect(messages('test/late')).toEqual(sequential(rules[0]));
    expect(messages('test/late')).toEqual(['a in', 'a send', 'a done', 'w1', 'b in', 'b send', 'error: b broke']);
    expect(messages('test/early')).toEqual(['d in', 'error: d broke']);
    expect(messages('test/early')).toEqual(sequential(rules[1]));
    expect(messages('test/fine')).toEqual(['f in', 'f send', 'f done']);
  });

  it('finds nothing in a tidy workflow', () => {
    const tidy = doc({
      connections: [conn('helpdesk', 'helpdesk', ['tickets.read', 'tickets.reply'])],
      nodes: [
        intake('in', 'helpdesk', 'tickets.read'),
        approval('gate'),
        integration('send', 'helpdesk', 'tickets.reply'),
        escalation('late'),
        end('done'),
        end('no', 'rejected'),
      ],
      edges: ['in -> gate', 'gate.approved -> send', 'gate.rejected -> no', 'gate.timeout -> late', 'late -> no', 'send.ok -> done', 'send.error -> late'],
    });
    expect(analyze(tidy)).toEqual({ findings: [], suppressed: [], counts: { error: 0, warn: 0, info: 0, suppressed: 0 } });
  });
});
