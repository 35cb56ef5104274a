// The incremental analysis gives exactly what a full analysis gives, for every rule of the list, after
// any sequence of edits (edit-scripts.ts: the app's own edits and raw ones it never makes). A rule
// added later is covered the same way: the check runs over RULES as it is, and over rules written as
// one check (rerun on every analysis).
import * as fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import { defineRule, eachStep, q } from '../../../shared/analysis/rule';
import { RULES } from '../../../shared/analysis/rules/index';
import type { AnalyzeOptions, Rule } from '../../../shared/analysis/types';
import { connect } from '../../../shared/model/edits/graph';
import { setLabel } from '../../../shared/model/edits/node-config';
import { loadWorkflow, serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { generateWorkflow } from '../../fixtures/generate-workflow';
import { HELPDESK, ai, approval, doc, end, integration, intake } from './fixtures';
import { EDIT_NAMES, TEMPLATES, playScript, scriptArb, startArb, startDocument, type ScriptStep } from './edit-scripts';

interface Mismatch {
  after: string[];
  ruleId: string;
  incremental: unknown;
  full: unknown;
}

/**
 * Applies the edits in turn and compares the incremental analysis with analyze() after each; returns
 * the first difference (by rule, so that the message names the rule whose declared inputs are wrong).
 */
function firstMismatch(start: Workflow, script: readonly ScriptStep[], options: AnalyzeOptions): Mismatch | null {
  const analyzer = createIncrementalAnalyzer();
  return playScript(start, script, (wf, done): Mismatch | null => {
    const got = analyzer.analyze(wf, options);
    const want = analyze(wf, options);
    if (isDeepStrictEqual(got, want)) return null;
    const rules = options.rules ?? RULES;
    const only = (x: typeof got, id: string) => [x.findings.filter((f) => f.ruleId === id), x.suppressed.filter((f) => f.ruleId === id)];
    const bad = rules.find((r) => !isDeepStrictEqual(only(got, r.meta.id), only(want, r.meta.id)));
    return { after: [...done], ruleId: bad?.meta.id ?? '(order or counts)', incremental: got, full: want };
  });
}

function holds(rules: readonly Rule[] | undefined, runs: number, options: Omit<AnalyzeOptions, 'rules'> = {}) {
  fc.assert(
    fc.property(startArb, scriptArb, ([choice, seed], script) => {
      const mismatch = firstMismatch(startDocument(choice, seed), script, { ...options, ...(rules ? { rules } : {}) });
      if (mismatch) throw new Error(`${mismatch.ruleId} differs after ${mismatch.after.join(' → ')}`);
    }),
    { numRuns: runs },
  );
}

describe('incremental analysis', () => {
  it('equals a full analysis after any sequence of edits, for every rule', () => {
    holds(undefined, 120);
  });

  it('equals it with an external AI provider counted as local (ai/sensitive-data quiet)', () => {
    holds(undefined, 25, { externalProviderIsLocal: true });
  });

  it('reruns a rule written as one check on every analysis, whatever it reads', () => {
    // A rule of the kind another branch may add: one check over the whole workflow, reading the index's
    // graph, data flow and loops. The incremental analysis must not need to know what it reads.
    const later = defineRule('test/reads-everything', 'info', 'Reads everything.', (ctx, report) => {
      for (const node of ctx.nodes) {
        const data = [...ctx.dataInto(node.id)];
        const into = ctx.incoming(node.id).length;
        if (data.length && into > 1 && !ctx.ungated.has(node.id)) report({ nodeId: node.id, message: `${q(ctx.label(node))} gets ${data.join(', ')} from ${into} links.` });
      }
      report({ message: `${ctx.cycles().length} loops, ${ctx.reachable.size} reached, ${[...ctx.scopesUsed().keys()].join(',')}` });
    });
    holds([...RULES, later], 40);
  });

  it('catches a rule that reads more than it declares (the check above can fail)', () => {
    // Declares that a step's findings depend on the step alone, but reads its outgoing links.
    const dishonest = defineRule('test/dishonest', 'warn', 'Says it reads the step alone.', [
      eachStep([], (ctx, node, report) => {
        if (!ctx.outgoing(node.id).length) report({ nodeId: node.id, message: `${q(ctx.label(node))} leads nowhere.` });
      }),
    ]);
    // Remove the only link of a step: the step now leads nowhere, but nothing about the step changed.
    const start = TEMPLATES[0];
    const lone = start.edges.findIndex((e) => start.edges.filter((x) => x.source === e.source).length === 1);
    expect(lone).toBeGreaterThanOrEqual(0);
    const mismatch = firstMismatch(start, [{ edit: EDIT_NAMES.indexOf('disconnect'), aims: [lone, 0, 0] }], { rules: [dishonest] });
    expect(mismatch?.ruleId).toBe('test/dishonest');
  });

  it('reruns only what an edit touched: a rename at 2,000 steps checks one step', () => {
    const wf = loadWorkflow(serializeWorkflow(generateWorkflow({ nodes: 2000, variant: 'flawed', seed: 3 }))).workflow;
    let calls = 0;
    const counting = defineRule('test/counting', 'info', 'Counts its calls.', [
      eachStep(['outgoing', 'reach'], () => {
        calls++;
      }),
    ]);
    const analyzer = createIncrementalAnalyzer();
    analyzer.analyze(wf, { rules: [counting] });
    expect(calls).toBe(2000);
    calls = 0;
    analyzer.analyze(setLabel(wf, wf.nodes[1234].id, 'Renamed'), { rules: [counting] });
    expect(analyzer.last).toBe('incremental');
    expect(calls).toBe(1);
  });

  it('checks again an approval whose covered step gets a new draft through a link outside its region', () => {
    // in → draft "reply" → gate (shows reply) → send (its body: the latest draft); a second draft "note"
    // from the intake is then linked straight to send. The link lies outside the gate's region, yet the
    // gate now lets "note" through unshown: gate/blind-approval must look at the gate again.
    const before = doc({
      connections: [HELPDESK],
      nodes: [intake('in', 'helpdesk', 'tickets.read'), ai('reply', { task: 'draft', output: 'reply' }), approval('gate', { shows: ['reply'] }), integration('send', 'helpdesk', 'tickets.reply'), ai('note', { task: 'draft', output: 'note' }), end('done')],
      edges: ['in -> reply', 'reply.ok -> gate', 'gate.approved -> send', 'send.ok -> done', 'in -> note'],
    });
    const linked = connect(before, { source: 'note', sourceHandle: 'ok', target: 'send' });
    if (!linked.ok) throw new Error(linked.reason);
    const analyzer = createIncrementalAnalyzer();
    const blind = (r: ReturnType<typeof analyze>) => r.findings.filter((f) => f.ruleId === 'gate/blind-approval').map((f) => f.nodeId);
    expect(blind(analyzer.analyze(before))).toEqual([]);
    const after = analyzer.analyze(linked.workflow);
    expect(analyzer.last).toBe('incremental');
    expect(blind(after)).toEqual(['gate']);
    expect(after).toEqual(analyze(linked.workflow));
  });

  it('answers with analyze() itself when a rule throws, and starts afresh after', () => {
    const wf = TEMPLATES[0];
    let fail = false;
    const flaky = defineRule('test/flaky', 'warn', 'Throws when told.', [
      eachStep([], (ctx, node, report) => {
        if (fail && node.kind === 'ai') throw new Error('boom');
        report({ nodeId: node.id, message: `${q(ctx.label(node))} seen.` });
      }),
    ]);
    const analyzer = createIncrementalAnalyzer();
    analyzer.analyze(wf, { rules: [flaky] });
    fail = true;
    const renamed = setLabel(wf, wf.nodes.find((n) => n.kind === 'ai')!.id, 'Classify it');
    const result = analyzer.analyze(renamed, { rules: [flaky] });
    expect(analyzer.last).toBe('fallback');
    expect(result).toEqual(analyze(renamed, { rules: [flaky] }));
    expect(result.findings.some((f) => f.ruleId === 'rule-error')).toBe(true);
    fail = false;
    expect(analyzer.analyze(wf, { rules: [flaky] })).toEqual(analyze(wf, { rules: [flaky] }));
    expect(analyzer.last).toBe('full');
  });
});
