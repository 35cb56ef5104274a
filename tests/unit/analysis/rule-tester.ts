// A rule tester in the style of ESLint's and bpmnlint's: valid documents must yield no finding of
// the rule, invalid ones exactly the expected findings (in any order), and no rule may throw. Every
// case is also analysed incrementally (shared/analysis/incremental.ts), coming from a neighbouring
// version of the document, and must give the same findings: a rule whose parts declare less than they
// read fails here first.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { createIncrementalAnalyzer } from '../../../shared/analysis/incremental';
import { removeElements, updateNode } from '../../../shared/model/edits/graph';
import { RULE_ERROR, type AnalyzeOptions, type Finding, type Rule, type Severity } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';

export interface ExpectedFinding {
  /** The ids must match exactly: leave one out to expect a finding without it. */
  nodeId?: string;
  edgeId?: string;
  connectionId?: string;
  severity?: Severity;
  scope?: string;
  /** A part of the message, or a pattern it must match. */
  message?: string | RegExp;
}

export interface Case {
  name: string;
  doc: Workflow;
  options?: Omit<AnalyzeOptions, 'rules'>;
}

export interface InvalidCase extends Case {
  findings: ExpectedFinding[];
}

function matches(actual: Finding, expected: ExpectedFinding): boolean {
  if (actual.nodeId !== expected.nodeId || actual.edgeId !== expected.edgeId || actual.connectionId !== expected.connectionId) return false;
  if (expected.severity && actual.severity !== expected.severity) return false;
  if (expected.scope !== undefined && actual.scope !== expected.scope) return false;
  if (typeof expected.message === 'string' && !actual.message.includes(expected.message)) return false;
  if (expected.message instanceof RegExp && !expected.message.test(actual.message)) return false;
  return true;
}

export function runRule(rule: Rule, doc: Workflow, options: Omit<AnalyzeOptions, 'rules'> = {}): Finding[] {
  const result = analyze(doc, { ...options, rules: [rule] });
  const errors = result.findings.filter((f) => f.ruleId === RULE_ERROR);
  if (errors.length) throw new Error(errors[0].message);
  return result.findings;
}

/**
 * The case's document analysed incrementally after its neighbours — without its last step, then
 * itself, with its first step renamed, with a link less, itself again — equals a full analysis each time.
 */
function expectIncrementalAgrees(rule: Rule, doc: Workflow, options: Omit<AnalyzeOptions, 'rules'> = {}): void {
  const rules = [rule];
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  const last = nodes[nodes.length - 1];
  const first = nodes[0];
  const versions: Workflow[] = [
    last ? removeElements(doc, [last.id]) : doc,
    doc,
    first ? updateNode(doc, first.id, { label: `${first.label ?? ''} (renamed)` }) : doc,
    edges[0] ? removeElements(doc, [], [edges[0].id]) : doc,
    doc,
  ];
  const analyzer = createIncrementalAnalyzer();
  for (const version of versions) expect(analyzer.analyze(version, { ...options, rules })).toEqual(analyze(version, { ...options, rules }));
}

export function ruleTester(rule: Rule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`passes: ${c.name}`, () => {
        expect(runRule(rule, c.doc, c.options)).toEqual([]);
        expectIncrementalAgrees(rule, c.doc, c.options);
      });
    }
    for (const c of cases.invalid) {
      it(`reports: ${c.name}`, () => {
        const actual = runRule(rule, c.doc, c.options);
        const unmatched = [...actual];
        const missing: ExpectedFinding[] = [];
        for (const want of c.findings) {
          const at = unmatched.findIndex((f) => matches(f, want));
          if (at === -1) missing.push(want);
          else unmatched.splice(at, 1);
        }
        expect({ missing, unexpected: unmatched }).toEqual({ missing: [], unexpected: [] });
        for (const f of actual) {
          expect(f.ruleId).toBe(rule.meta.id);
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.hint?.length ?? 0).toBeGreaterThan(10);
        }
        expectIncrementalAgrees(rule, c.doc, c.options);
      });
    }
  });
}
