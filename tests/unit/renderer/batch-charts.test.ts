// The batch charts' pure parts: the outcome bars, the histogram's bucket ranges in words, and which
// buckets are drawn.
import { describe, expect, it } from 'vitest';
import { bucketText, outcomeBars, shownBuckets, wrapLabel } from '../../../renderer/src/batch/BatchCharts';
import { CYCLE_BUCKETS_MINUTES, cycleHistogram } from '../../../shared/simulation/metrics';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';

describe('the cycle-time histogram', () => {
  it('names every bucket’s range', () => {
    expect(CYCLE_BUCKETS_MINUTES.map((_, i) => bucketText(i))).toEqual([
      'under 1 min',
      '1–5 min',
      '5–15 min',
      '15–30 min',
      '30 min–1 h',
      '1–2 h',
      '2–4 h',
      '4–8 h',
      '8 h–1 day',
      '1–2 days',
      '2–7 days',
      '7 days or more',
    ]);
  });

  it('draws from the first bucket with items to the last, at least four', () => {
    const minutes = (m: number) => m * 60_000;
    const h = cycleHistogram([minutes(20), minutes(25), minutes(200)]);
    expect(shownBuckets(h).map((b) => b.bucket.fromMinutes)).toEqual([15, 30, 60, 120]);
    const one = cycleHistogram([minutes(0.5)]);
    expect(shownBuckets(one).map((b) => b.bucket.fromMinutes)).toEqual([0, 1, 5, 15]);
    const last = cycleHistogram([minutes(20_000)]);
    expect(shownBuckets(last).map((b) => b.bucket.fromMinutes)).toEqual([480, 1440, 2880, 10080]);
    expect(shownBuckets(cycleHistogram([]))).toHaveLength(CYCLE_BUCKETS_MINUTES.length);
  });

  it('puts an item on a bucket’s lower bound into that bucket', () => {
    const h = cycleHistogram([0, 60_000, 59_999, 240 * 60_000]);
    expect(h.find((b) => b.fromMinutes === 0)!.items).toBe(2);
    expect(h.find((b) => b.fromMinutes === 1)!.items).toBe(1);
    expect(h.find((b) => b.fromMinutes === 240)!.items).toBe(1);
    expect(h.reduce((n, b) => n + b.items, 0)).toBe(4);
  });
});

describe('outcomeBars', () => {
  it('lists outcomes then stops, with count and share, coloured by what they mean', () => {
    const m = { runs: 200, outcomes: { resolved: 120, rejected: 30 }, stopped: { 'no-error-path': 50 } } as unknown as BatchMetrics;
    expect(outcomeBars(m).map((b) => [b.label, b.display, b.tone])).toEqual([
      ['resolved', '120 · 60.0 %', 'ok'],
      ['rejected', '30 · 15.0 %', 'danger'],
      ['stopped: an error led nowhere', '50 · 25.0 %', 'muted'],
    ]);
  });
});

describe('wrapLabel', () => {
  it('breaks a long label between words instead of cutting it', () => {
    expect(wrapLabel('stopped: an error led nowhere', 19)).toEqual(['stopped: an error', 'led nowhere']);
    expect(wrapLabel('resolved', 19)).toEqual(['resolved']);
  });

  it('ends what does not fit in two lines with an ellipsis, and cuts a word longer than a line', () => {
    const lines = wrapLabel('stopped: nobody answered a gate that has no timeout at all', 19);
    expect(lines).toHaveLength(2);
    expect(lines[1].endsWith('…')).toBe(true);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(19);
    expect(wrapLabel('an-outcome-with-a-very-long-name', 19)).toEqual(['an-outcome-with-a-…']);
  });
});
