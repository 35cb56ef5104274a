// How long ELK's layered layout (with orthogonal routing) takes beside dagre, on generated workflows of
// growing size, in this thread (the app runs ELK in a worker: this is the time until its answer).
// It is how the routing limit of shared/model/elk-layout.ts was chosen (docs/DECISIONS.md).
// Run: npx tsx scripts/elk-timings.ts [sizes…]   (default 50 100 200 300 500)
import ELK from 'elkjs/lib/elk.bundled.js';
import { autoLayout } from '../shared/model/auto-layout';
import { elkLayout, type ElkLike } from '../shared/model/elk-layout';
import { estimatedSize } from '../renderer/src/canvas/firstView';
import { stepPorts } from '../renderer/src/canvas/next-step/geometry';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const elk = new ELK() as unknown as ElkLike;

/** The median of `runs` timings, after one run to warm the engine up. */
async function median(runs: number, work: () => unknown): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

console.log('steps  links   ELK ms  dagre ms  ratio');
for (const size of sizes.length ? sizes : [50, 100, 200, 300, 500]) {
  const wf = generateWorkflow({ nodes: size });
  const sizeMap = new Map(wf.nodes.map((n) => [n.id, estimatedSize(n)]));
  const e = await median(3, () => elkLayout(elk, wf, estimatedSize, stepPorts));
  const d = await median(3, () => autoLayout(wf, sizeMap));
  console.log(`${String(size).padStart(5)} ${String(wf.edges.length).padStart(6)} ${e.toFixed(0).padStart(8)} ${d.toFixed(0).padStart(9)} ${(e / d).toFixed(1).padStart(6)}`);
}
