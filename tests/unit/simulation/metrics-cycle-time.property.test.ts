// The batch's cycle-time figures are counted as the items come (MetricsCollector.addItemTimes): a sum
// in item order, the maximum, the histogram, and rank buckets in which the percentiles are found
// without sorting every time. Checked against the definitions: nearest-rank percentiles of the sorted
// times, their mean, and each time's histogram bucket found by scanning the buckets' starts.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWorkflow } from '../../../shared/simulation/compile';
import { CYCLE_BUCKETS_MINUTES, MetricsCollector, percentile, RANK_BUCKETS, rankBucketOf, type ItemPath } from '../../../shared/simulation/metrics';
import { round2 } from '../../../shared/simulation/text';
import { end, intake, testData, workflow } from './build';

const wf = workflow({ nodes: [intake('a'), end('z')], edges: [['a', 'out', 'z']] });
const path: ItemPath = { steps: Int32Array.from([0, 2, 1, -1]), calls: new Int32Array(0), outcome: 'resolved', stopCode: null, executed: 2, reviews: [] };

/** The metrics of items with these cycle times, counted one by one as a batch counts them. */
function counted(times: readonly number[], sla: number | null = null) {
  const collector = new MetricsCollector(compileWorkflow(wf, testData()), 4, sla);
  for (const ms of times) {
    collector.addPath(path, 1);
    collector.addItemTimes(path, ms);
  }
  return collector.metrics();
}

/** What the figures are, by their definitions. */
function expected(times: readonly number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const minutes = (ms: number) => round2(ms / 60_000);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const histogram = CYCLE_BUCKETS_MINUTES.map((fromMinutes) => ({ fromMinutes, items: 0 }));
  for (const ms of times) {
    let bucket = 0;
    for (let b = 0; b < CYCLE_BUCKETS_MINUTES.length; b++) if (ms / 60_000 >= CYCLE_BUCKETS_MINUTES[b]) bucket = b;
    histogram[bucket].items++;
  }
  return {
    cycleTimeMinutes: {
      mean: times.length ? minutes(sum / times.length) : 0,
      p50: minutes(percentile(sorted, 0.5)),
      p90: minutes(percentile(sorted, 0.9)),
      p95: minutes(percentile(sorted, 0.95)),
      max: minutes(Math.max(0, ...times)),
    },
    cycleTimeHistogram: histogram,
  };
}

// Times as batches make them: whole milliseconds, often the same ones (a gate's timeout), up to days;
// and rarer ones: fractions (calibrated times), beyond 2³² ms, on a bucket's edge.
const wholeMs = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 30 * 86_400_000 }), fc.constantFrom(14_400_000, 60_000, 59_999, 2 ** 32 - 1, 127, 128, 255, 256));
const rareMs = fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 2 ** 32, max: 2 ** 40 }), fc.constantFrom(60_000 - 1e-9, 2 ** 32));

describe('the cycle-time figures counted as items come', () => {
  it('are those of the sorted times, for whole milliseconds (rank buckets)', () => {
    fc.assert(
      fc.property(fc.array(wholeMs, { maxLength: 400 }), (times) => {
        const m = counted(times);
        expect({ cycleTimeMinutes: m.cycleTimeMinutes, cycleTimeHistogram: m.cycleTimeHistogram }).toEqual(expected(times));
      }),
      { numRuns: 400, seed: 18 },
    );
  });

  it('are those of the sorted times when some are fractions or too large for the rank buckets', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(wholeMs, rareMs), { minLength: 1, maxLength: 200 }), (times) => {
        const m = counted(times);
        expect({ cycleTimeMinutes: m.cycleTimeMinutes, cycleTimeHistogram: m.cycleTimeHistogram }).toEqual(expected(times));
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it('counts SLA breaches above the SLA, not at it', () => {
    const m = counted([0, 60 * 60_000, 60 * 60_000 + 1, 90 * 60_000], 60);
    expect(m.slaBreaches).toBe(2);
    expect(counted([1e9]).slaBreaches).toBeNull();
  });
});

describe('rank buckets', () => {
  it('never put a larger whole number in an earlier bucket, and use every bucket', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rankBucketOf(lo)).toBeLessThanOrEqual(rankBucketOf(hi));
        expect(rankBucketOf(hi)).toBeLessThan(RANK_BUCKETS);
      }),
      { numRuns: 2000, seed: 20 },
    );
    expect(rankBucketOf(2 ** 32 - 1)).toBe(RANK_BUCKETS - 1);
    expect(rankBucketOf(0)).toBe(0);
  });
});
