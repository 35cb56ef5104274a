// The run's seeded random source. Every draw goes through here, in execution order, so that the same
// document, scenario and seed always give the same run.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type RandomGenerator = ReturnType<typeof xoroshiro128plus>;

export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

export function seededRandom(seed: number): Random {
  // Small neighbouring seeds (1, 2, 3…) would start xoroshiro in similar states: scramble the seed
  // first (murmur3's finaliser) and drop the first draws.
  const rng = xoroshiro128plus(scramble(seed));
  for (let i = 0; i < 4; i++) rng.next();
  return new SeededRandom(rng);
}

// A class rather than a closure: a batch makes one or two per item, and a method costs nothing to create.
class SeededRandom implements Random {
  constructor(private readonly rng: RandomGenerator) {}

  next(): number {
    return uniformFloat64(this.rng);
  }
}

function scramble(seed: number): number {
  let h = (seed | 0) ^ 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** z of the 90th percentile of the standard normal distribution. */
const Z90 = 1.2815515655446004;

/**
 * A log-normal draw with the given median and 90th percentile: response times of people are
 * skewed (most answer soon, a few take very long), which a log-normal captures with two numbers.
 */
export function logNormal(random: Random, median: number, p90: number): number {
  const sigma = p90 > median ? Math.log(p90 / median) / Z90 : 0;
  if (sigma === 0) return median;
  // Box–Muller; 1 - u keeps the logarithm away from 0.
  const u1 = 1 - random.next();
  const u2 = random.next();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return median * Math.exp(sigma * z);
}

/** `base` stretched by ±`spread` (0.2 → between 80 % and 120 %), rounded to whole milliseconds. */
export function jitter(random: Random, base: number, spread: number): number {
  return Math.round(base * (1 - spread + 2 * spread * random.next()));
}
