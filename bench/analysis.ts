// Analysis time of generated workflows at 100, 1,000 and 10,000 steps (DESIGN.md §10).
// The flawed variant is measured: a first draft with findings costs more than a clean one (every
// finding builds its message), and it is what users have open while they fix things.
import { analyze } from '../shared/analysis/analyze';
import { loadWorkflow, serializeWorkflow } from '../shared/model/load';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { figure, type Budget, type Figure } from './lib/figures';
import { formatRuns, sample } from './lib/stats';

const SIZES: { nodes: number; budget: Budget | null; warmup: number; runs: number }[] = [
  { nodes: 100, budget: null, warmup: 200, runs: 200 },
  { nodes: 1_000, budget: { max: 10 }, warmup: 50, runs: 100 },
  { nodes: 10_000, budget: { max: 150 }, warmup: 5, runs: 21 },
];

export async function analysisFigures(): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const { nodes, budget, warmup, runs } of SIZES) {
    // Loaded, as the app analyses it: the loader's objects, not the generator's.
    const { workflow } = loadWorkflow(serializeWorkflow(generateWorkflow({ nodes, variant: 'flawed', seed: 1 })));
    let findings = 0;
    const timing = sample(() => (findings = analyze(workflow).findings.length), { warmup, runs });
    out.push(
      figure(`analysis.${nodes}`, `Analysis, ${nodes.toLocaleString('en-US')} steps`, timing.median, 'ms', budget, `${formatRuns(timing)}; ${findings} findings`),
    );
  }
  return out;
}
