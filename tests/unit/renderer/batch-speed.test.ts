// The rate and time left the batch panel shows: measured from the first items finished, so that the
// worker's start-up does not make a batch look slow.
import { describe, expect, it } from 'vitest';
import { estimateSpeed, MIN_SPAN_MS } from '../../../renderer/src/batch/speed';

describe('estimateSpeed', () => {
  it('counts items per second since the first look that saw items finished', () => {
    expect(estimateSpeed({ at: 1000, done: 500 }, { at: 2000, done: 10_500 }, 100_000)).toEqual({ rate: 10_000, etaSeconds: 8.95 });
  });

  it('waits for a long enough span and for more items', () => {
    expect(estimateSpeed(null, { at: 5000, done: 10 }, 100)).toBeNull();
    expect(estimateSpeed({ at: 1000, done: 10 }, { at: 1000 + MIN_SPAN_MS - 1, done: 50 }, 100)).toBeNull();
    expect(estimateSpeed({ at: 1000, done: 10 }, { at: 3000, done: 10 }, 100)).toBeNull();
  });

  it('has no time left once every item is done', () => {
    expect(estimateSpeed({ at: 0, done: 1 }, { at: 1000, done: 101 }, 100)).toEqual({ rate: 100, etaSeconds: 0 });
  });
});
