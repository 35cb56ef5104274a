// Analysis time of generated workflows (DESIGN.md §10), full and after one-step edits (incremental),
// each against one breadth-first walk over the same graph measured in the same run (bench/lib/bfs.ts):
// the least any analysis does, so the ratio says how many graph walks the analysis costs, whatever the
// machine's speed at that minute.
//
// The flawed variant is measured: a first draft with findings costs more than a clean one (every
// finding builds its message), and it is what users have open while they fix things.
import { analyze } from '../shared/analysis/analyze';
import { createIncrementalAnalyzer } from '../shared/analysis/incremental';
import { KINDS } from '../shared/kinds/registry';
import { addNode, connect, removeElements, updateNode } from '../shared/model/edits/graph';
import { setLabel } from '../shared/model/edits/node-config';
import { loadWorkflow, serializeWorkflow } from '../shared/model/load';
import type { Workflow, WorkflowNode } from '../shared/model/schema';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { breadthFirst } from './lib/bfs';
import { figure, type Budget, type Figure } from './lib/figures';
import { formatRuns, summarise } from './lib/stats';

const BFS = 'one breadth-first walk over the same graph, from the document (bench/lib/bfs.ts)';
/** 50 ms at 10,000 steps, where one walk takes about 5 ms on the development machine at rest. */
const FULL_RATIO: Budget = { max: 10 };
/** 5 ms: an edit costs no more than reading the graph once. */
const INCREMENTAL_RATIO: Budget = { max: 1 };

const SIZES: { nodes: number; budget: Budget | null; ratio: Budget | null; warmup: number; runs: number }[] = [
  { nodes: 100, budget: null, ratio: null, warmup: 100, runs: 100 },
  { nodes: 1_000, budget: { max: 10 }, ratio: null, warmup: 30, runs: 60 },
  { nodes: 10_000, budget: { max: 50 }, ratio: FULL_RATIO, warmup: 5, runs: 21 },
];

const time = (fn: () => unknown) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** Times `fn` and the baseline in turn, `runs` times after `warmup`, so that both see the same load. */
function alternate(fn: () => unknown, baseline: () => unknown, warmup: number, runs: number) {
  for (let i = 0; i < warmup; i++) {
    fn();
    baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(time(fn));
    b.push(time(baseline));
  }
  return { figure: summarise(a), baseline: summarise(b) };
}

const loaded = (nodes: number, seed = 1) => loadWorkflow(serializeWorkflow(generateWorkflow({ nodes, variant: 'flawed', seed }))).workflow;

type OneStepEdit = (wf: Workflow, i: number) => Workflow;

/** The step at a spread-out place for the i-th edit. */
const stepAt = (wf: Workflow, i: number) => wf.nodes[(i * 7919 + 17) % wf.nodes.length];

const CONFIGS: Partial<Record<WorkflowNode['kind'], (c: Record<string, unknown>) => Record<string, unknown>>> = {
  ai: (c) => ({ ...c, mode: c.mode === 'act' ? 'suggest' : 'act' }),
  approval: (c) => ({ ...c, reviewer: c.reviewer ? '' : 'Team lead' }),
  escalation: (c) => ({ ...c, team: c.team ? '' : 'Support' }),
  integration: (c) => ({ ...c, action: c.action === 'tickets.reply' ? 'tickets.close' : 'tickets.reply' }),
};

/** One-step edits as the app makes them: each returns a new document (never the one it was given). */
const EDITS: [string, OneStepEdit][] = [
  ['rename a step', (wf, i) => setLabel(wf, stepAt(wf, i).id, `Step ${i}`)],
  [
    'change a step’s settings',
    (wf, i) => {
      for (let k = i; ; k++) {
        const n = stepAt(wf, k);
        const change = CONFIGS[n.kind];
        if (change) return updateNode(wf, n.id, { config: change(n.config as Record<string, unknown>) as WorkflowNode['config'] });
      }
    },
  ],
  [
    'connect two steps',
    (wf, i) => {
      // An output that leads nowhere yet (the flawed variant leaves some), to a step further on.
      const used = new Set(wf.edges.map((e) => `${e.source}\u0000${e.sourceHandle}`));
      for (let k = 0; k < wf.nodes.length; k++) {
        const a = stepAt(wf, i + k);
        const free = KINDS[a.kind].outputs(a.config as never).find((h) => !used.has(`${a.id}\u0000${h.id}`));
        const r = free && connect(wf, { source: a.id, sourceHandle: free.id, target: stepAt(wf, i + k + 101).id });
        if (r && r.ok) return r.workflow;
      }
      throw new Error('no output left to connect');
    },
  ],
  ['disconnect a link', (wf, i) => removeElements(wf, [], [wf.edges[(i * 997) % wf.edges.length].id])],
  ['add a step', (wf, i) => addNode(wf, 'end', { x: (i % 50) * 300, y: -400 }).workflow],
  ['delete a step', (wf, i) => removeElements(wf, [stepAt(wf, i).id])],
];

/**
 * Incremental analysis after one-step edits at `nodes` steps: each edit's document is made first (the
 * edit itself is not timed), then analysed by an analyzer that analysed the one before, alternating
 * with the baseline walk.
 */
function incremental(nodes: number, rounds: number): { figure: number[]; baseline: number[]; byEdit: Map<string, number[]>; paths: Set<string> } {
  const start = loaded(nodes, 2);
  let wf = start;
  const docs: { edit: string; wf: Workflow }[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [name, edit] of EDITS) {
      wf = edit(wf, r);
      docs.push({ edit: name, wf });
    }
  }
  const analyzer = createIncrementalAnalyzer();
  analyzer.analyze(start);
  // Warm-up: the first round of each edit, and the walk.
  const figure: number[] = [];
  const baseline: number[] = [];
  const byEdit = new Map<string, number[]>();
  const paths = new Set<string>();
  docs.forEach(({ edit, wf: doc }, k) => {
    const ms = time(() => analyzer.analyze(doc));
    const walk = time(() => breadthFirst(doc));
    paths.add(analyzer.last ?? '');
    if (k < EDITS.length) return;
    figure.push(ms);
    baseline.push(walk);
    byEdit.set(edit, [...(byEdit.get(edit) ?? []), ms]);
  });
  return { figure, baseline, byEdit, paths };
}

export async function analysisFigures(): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const { nodes, budget, ratio, warmup, runs } of SIZES) {
    // Loaded, as the app analyses it: the loader's objects, not the generator's.
    const workflow = loaded(nodes);
    let findings = 0;
    const t = alternate(
      () => (findings = analyze(workflow).findings.length),
      () => breadthFirst(workflow),
      warmup,
      runs,
    );
    out.push(
      figure(`analysis.${nodes}`, `Analysis, ${nodes.toLocaleString('en-US')} steps, full`, t.figure.median, 'ms', budget, `${formatRuns(t.figure)}; ${findings} findings`, {
        what: BFS,
        value: t.baseline.median,
        budget: ratio,
      }),
    );
  }

  const inc = incremental(10_000, 8);
  const med = (xs: number[]) => summarise(xs).median;
  const perEdit = [...inc.byEdit].map(([name, xs]) => `${name} ${med(xs).toFixed(2)}`).join(', ');
  const fig = summarise(inc.figure);
  out.push(
    figure(
      'analysis.incremental.10000',
      'Analysis after a one-step edit, 10,000 steps (incremental)',
      fig.median,
      'ms',
      { max: 5 },
      `median of ${fig.runs} edits after a warm-up round (p90 ${fig.p90.toFixed(2)} ms), ${EDITS.length} kinds in turn, each analysed from the version before (the edit itself not timed); by kind, median ms: ${perEdit}; answered ${[...inc.paths].join('/')}`,
      { what: `${BFS}, after each edit`, value: med(inc.baseline), budget: INCREMENTAL_RATIO },
    ),
  );
  return out;
}
