// Every decision rule, written as a FEEL condition for Zeebe, must pick the same branch as Flowgate's own
// evaluation. The conditions are evaluated with feelin (a FEEL interpreter from npm) and compared with
// `holds` / `chooseRule` from shared/simulation/conditions.ts over a table of inputs: missing values,
// case and spaces, numbers written as text, lists, records, booleans written as text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from 'feelin';
import { FeelAnalyzer } from '@bpmn-io/feel-analyzer';
import { camundaReservedNameBuiltins } from '@camunda/feel-builtins';
import { describe, expect, it } from 'vitest';
import { conditionExpression, ruleExpression } from '../../../shared/interchange/bpmn/conditions';
import type { FeelScope } from '../../../shared/interchange/bpmn/feel';
import { loadWorkflow } from '../../../shared/model/load';
import type { Condition, DecisionRule } from '../../../shared/model/schema';
import { chooseRule, holds } from '../../../shared/simulation/conditions';

const scope: FeelScope = { root: (name) => name };
const analyzer = new FeelAnalyzer({ parserDialect: 'camunda', reservedNameBuiltins: camundaReservedNameBuiltins });

/** Evaluates a FEEL condition the way Zeebe takes a flow: only a boolean true counts, and anything else than a boolean is a failure. */
function feel(expression: string, vars: Record<string, unknown>): boolean {
  const { value } = evaluate(expression, vars) as { value: unknown };
  if (typeof value !== 'boolean') throw new Error(`"${expression}" gave ${JSON.stringify(value)}, not a boolean, for ${JSON.stringify(vars)}`);
  return value;
}

/** Values a variable can have in a run; `undefined` means the variable is missing. */
const VALUES: unknown[] = [
  undefined,
  '',
  '   ',
  'billing',
  'Billing',
  '  BILLING ',
  'bill',
  'technical billing',
  1200,
  1200.5,
  0,
  -3,
  '1200',
  '1,200',
  '$1,200',
  '1 200',
  '1,200.50',
  '€80',
  '80',
  ' 80 ',
  '1e3',
  '.5',
  'abc',
  'true',
  'TRUE',
  'false',
  true,
  false,
  [],
  ['billing', 'Other'],
  ['BILLING'],
  [true],
  ['true'],
  [1200],
  [{ id: 'billing', title: 'Billing' }],
  [{ id: 'B-1' }, 'x'],
  { id: 'billing' },
  { amount: 5 },
];

const LITERALS: Condition['value'][] = ['billing', ' Billing ', 'BILL', '1200', '1,200', '$80', 1200, 80, 0, -3, 1200.5, true, false, 'true', 'TRUE', 'abc', '', ['billing', 'technical'], [1200, 'abc'], []];

const OPS: Condition['op'][] = ['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'];

describe('decision conditions in FEEL', () => {
  for (const op of OPS) {
    it(`"${op}" agrees with Flowgate on every value of the table`, () => {
      const literals = op === 'exists' ? [undefined] : LITERALS;
      let compared = 0;
      for (const value of literals) {
        const condition: Condition = { var: 'x', op, ...(value === undefined ? {} : { value }) };
        const expression = conditionExpression(condition, scope);
        expect(analyzer.analyzeExpression(expression).valid, expression).toBe(true);
        // One evaluation per literal: the condition over every value of the table (null is how FEEL sees a missing value).
        const { value: results } = evaluate(`for x in values return (${expression})`, { values: VALUES.map((v) => (v === undefined ? null : v)) }) as { value: unknown[] };
        VALUES.forEach((x, i) => {
          const expected = holds(condition, x === undefined ? {} : { x });
          expect(results[i], `${op} ${JSON.stringify(value)} on ${JSON.stringify(x)}: ${expression}`).toBe(expected);
          compared++;
        });
      }
      expect(compared).toBe(literals.length * VALUES.length);
    });
  }

  it('reads dotted paths and list items the way Flowgate looks them up', () => {
    const cases: [Condition, Record<string, unknown>][] = [
      [{ var: 'ticket.category', op: 'eq', value: 'billing' }, { ticket: { category: ' Billing' } }],
      [{ var: 'ticket.category', op: 'eq', value: 'billing' }, { ticket: 'billing' }],
      [{ var: 'ticket.category', op: 'exists' }, {}],
      [{ var: 'sources.0.id', op: 'eq', value: 'kb-1' }, { sources: [{ id: 'kb-1' }, { id: 'kb-2' }] }],
      [{ var: 'sources.1.id', op: 'eq', value: 'kb-1' }, { sources: [{ id: 'kb-1' }, { id: 'kb-2' }] }],
      [{ var: 'customer.first-name', op: 'eq', value: 'ann' }, { customer: { 'first-name': 'Ann' } }],
    ];
    for (const [condition, vars] of cases) {
      expect(feel(conditionExpression(condition, scope), vars), JSON.stringify(condition)).toBe(holds(condition, vars));
    }
  });

  it('a rule needs all of its conditions, or any of them, and an empty rule always holds', () => {
    const rules: DecisionRule[] = [
      { id: 'a', label: '', when: { all: [{ var: 'category', op: 'eq', value: 'billing' }, { var: 'amount', op: 'gt', value: 1000 }] } },
      { id: 'b', label: '', when: { any: [{ var: 'category', op: 'eq', value: 'refund' }, { var: 'amount', op: 'gte', value: '5,000' }] } },
      { id: 'c', label: '', when: { all: [] } },
      { id: 'd', label: '', when: { any: [] } },
    ];
    const inputs = [{}, { category: 'Billing', amount: '1,500' }, { category: 'billing', amount: 10 }, { category: 'REFUND ' }, { amount: 7000 }, { amount: '$5,000' }];
    for (const rule of rules) {
      for (const vars of inputs) expect(feel(ruleExpression(rule, scope), vars), `${rule.id} on ${JSON.stringify(vars)}`).toBe(chooseRule([rule], vars) === rule.id);
    }
  });
});

describe('the decision rules of the templates and the documentation', () => {
  const files = readdirSync('resources/templates')
    .filter((f) => f.endsWith('.flowgate.json'))
    .map((f) => join('resources/templates', f));
  const rules: { where: string; rule: DecisionRule }[] = [];
  for (const file of files) {
    const { workflow } = loadWorkflow(readFileSync(file, 'utf8'));
    for (const node of workflow.nodes) if (node.kind === 'decision') for (const rule of node.config.rules) rules.push({ where: `${file} ${node.id}`, rule });
  }

  it('finds rules to check', () => {
    expect(rules.length).toBeGreaterThanOrEqual(5);
  });

  it('each rule agrees with Flowgate on a table of inputs built from its own values', () => {
    for (const { where, rule } of rules) {
      const when = rule.when as { all?: Condition[]; any?: Condition[] };
      const conditions = when.all ?? when.any ?? [];
      const names = [...new Set(conditions.map((c) => c.var))];
      // Each variable takes: nothing, each literal of the rule in several spellings, and a few others.
      const samples = new Map<string, unknown[]>();
      for (const name of names) {
        const own: unknown[] = conditions.filter((c) => c.var === name).flatMap((c): unknown[] => (Array.isArray(c.value) ? [...c.value] : [c.value]));
        const spellings = own.flatMap((v) => (typeof v === 'string' ? [v, v.toUpperCase(), ` ${v} `] : typeof v === 'number' ? [v, String(v), v + 1, v - 1, v.toLocaleString('en-US')] : [v]));
        samples.set(name, [undefined, '', 'something else', 0, ...spellings]);
      }
      const combos: Record<string, unknown>[] = [{}];
      for (const name of names) {
        const next: Record<string, unknown>[] = [];
        for (const base of combos) for (const v of samples.get(name)!) next.push(v === undefined ? base : { ...base, [name]: v });
        combos.splice(0, combos.length, ...next.slice(0, 400));
      }
      for (const vars of combos) {
        expect(feel(ruleExpression(rule, scope), vars), `${where} rule ${rule.id} on ${JSON.stringify(vars)}`).toBe(chooseRule([rule], vars) === rule.id);
      }
    }
  });
});
