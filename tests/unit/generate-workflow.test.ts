// The workflow generator behind the benchmark: its documents must be real, loadable workflows of the
// requested size, or the benchmark measures something no user would ever open.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../shared/analysis/analyze';
import { outputsOf } from '../../shared/kinds/registry';
import { loadWorkflow, serializeWorkflow } from '../../shared/model/load';
import { NODE_KINDS } from '../../shared/model/schema';
import { MIN_NODES, generateWorkflow } from '../fixtures/generate-workflow';

const SIZES = [MIN_NODES, 17, 100, 257, 1000];

describe('generateWorkflow', () => {
  it.each(SIZES)('builds exactly %i steps that load unchanged with loadWorkflow', (nodes) => {
    for (const variant of ['clean', 'flawed'] as const) {
      const generated = generateWorkflow({ nodes, variant, seed: 7 });
      const { workflow, warnings } = loadWorkflow(serializeWorkflow(generated));
      expect(workflow.nodes).toHaveLength(nodes);
      expect(warnings).toEqual([]);
      // Complete documents: the loader has no default left to fill in.
      expect(workflow).toEqual(generated);
    }
  });

  it('holds all seven kinds, even at the smallest size', () => {
    for (const nodes of [MIN_NODES, 1000]) {
      const kinds = new Set(generateWorkflow({ nodes }).nodes.map((n) => n.kind));
      expect([...kinds].sort()).toEqual([...NODE_KINDS].sort());
    }
  });

  it('draws only edges the canvas would accept: a real output, one edge per output', () => {
    const wf = generateWorkflow({ nodes: 1000, variant: 'flawed', seed: 3 });
    const byId = new Map(wf.nodes.map((n) => [n.id, n]));
    const used = new Set<string>();
    for (const e of wf.edges) {
      const source = byId.get(e.source)!;
      expect(outputsOf(source).map((h) => h.id)).toContain(e.sourceHandle);
      expect(byId.get(e.target)!.kind).not.toBe('intake');
      const key = `${e.source}/${e.sourceHandle}`;
      expect(used.has(key)).toBe(false);
      used.add(key);
    }
  });

  it('gives a clean workflow no analysis errors, at several sizes and seeds', () => {
    for (const [nodes, seed] of [
      [MIN_NODES, 1],
      [100, 2],
      [1000, 3],
      [2500, 4],
    ]) {
      const { workflow } = loadWorkflow(serializeWorkflow(generateWorkflow({ nodes, seed, variant: 'clean' })));
      const result = analyze(workflow);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result.findings.some((f) => f.ruleId === 'rule-error')).toBe(false);
    }
  });

  it('gives a flawed workflow the findings of a first draft', () => {
    const { workflow } = loadWorkflow(serializeWorkflow(generateWorkflow({ nodes: 1000, seed: 5, variant: 'flawed' })));
    const rules = new Set(analyze(workflow).findings.map((f) => f.ruleId));
    for (const rule of ['permission/exceeds-grant', 'permission/broad-grant', 'permission/unused-grant', 'integration/no-audit-log', 'graph/unreachable']) {
      expect(rules).toContain(rule);
    }
    expect(rules.has('rule-error')).toBe(false);
  });

  it('is reproducible: same seed, same document; another seed, another one', () => {
    const a = generateWorkflow({ nodes: 500, seed: 11 });
    expect(generateWorkflow({ nodes: 500, seed: 11 })).toEqual(a);
    expect(generateWorkflow({ nodes: 500, seed: 12 })).not.toEqual(a);
  });

  it('refuses sizes it cannot build, saying why', () => {
    expect(() => generateWorkflow({ nodes: MIN_NODES - 1 })).toThrow(/at least 16 steps/);
    expect(() => generateWorkflow({ nodes: 100.5 })).toThrow(RangeError);
  });
});
