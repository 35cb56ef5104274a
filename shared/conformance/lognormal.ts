// Reviewer response times as the simulator draws them: a log-normal given by its median and p90
// (shared/simulation/random.ts), where a draw beyond the gate's timeout becomes a timeout. A log only
// shows the answers that came in time, so their median and p90 are those of a log-normal cut at the
// timeout. fitCutLogNormal finds the uncut one whose cut matches them, and how much of it lies beyond
// the timeout, so that a calibrated batch answers as fast, and times out as often, as the log.

/** z of the 90th percentile of the standard normal distribution (the simulator's constant). */
export const Z90 = 1.2815515655446004;

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26 on erf, error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The inverse of normalCdf (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export interface CutLogNormal {
  /** The uncut log-normal's median and p90 (what a reviewer profile holds). */
  median: number;
  p90: number;
  /** The share of its draws beyond the cut (answers that would come too late: timeouts). */
  beyond: number;
}

/**
 * The log-normal whose draws below `cut` have the given median and p90, found by fixed-point iteration
 * from the uncut guess. Without a cut, or when the numbers do not allow one (p90 at the cut, no
 * spread), the observed median and p90 are returned as they are, with nothing beyond.
 */
export function fitCutLogNormal(median: number, p90: number, cut: number | null): CutLogNormal {
  const plain = { median, p90, beyond: 0 };
  if (cut === null || !(median > 0) || !(p90 > median) || !(cut > p90)) return plain;
  const lm = Math.log(median);
  const lp = Math.log(p90);
  let sigma = (lp - lm) / Z90;
  let mu = lm;
  for (let i = 0; i < 100; i++) {
    const inside = normalCdf((Math.log(cut) - mu) / sigma);
    const zm = normalQuantile(0.5 * inside);
    const zp = normalQuantile(0.9 * inside);
    const nextSigma = (lp - lm) / (zp - zm);
    const nextMu = lm - nextSigma * zm;
    if (!Number.isFinite(nextSigma) || !Number.isFinite(nextMu) || nextSigma <= 0 || nextSigma > 20) return plain;
    const done = Math.abs(nextSigma - sigma) < 1e-9 && Math.abs(nextMu - mu) < 1e-9;
    sigma = nextSigma;
    mu = nextMu;
    if (done) break;
  }
  const beyond = 1 - normalCdf((Math.log(cut) - mu) / sigma);
  if (!(beyond < 0.99)) return plain;
  return { median: Math.exp(mu), p90: Math.exp(mu + sigma * Z90), beyond };
}
