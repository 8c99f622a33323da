// Percentiles and rounding for benchmark samples, shared by every bench part.

/** The p-th percentile (0–100) by nearest rank: always one of the measured values, never interpolated. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('No samples to take a percentile of');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be 0–100, not ${String(p)}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/** Milliseconds rounded to a hundredth: finer digits are timer noise (Chromium coarsens performance.now). */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** A ratio rounded to two decimals. */
export function roundRatio(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `{ [name]P50Ms, [name]P95Ms }` for one measure's samples. */
export function p50p95(name: string, samples: readonly number[]): Record<string, number> {
  return { [`${name}P50Ms`]: roundMs(percentile(samples, 50)), [`${name}P95Ms`]: roundMs(percentile(samples, 95)) };
}
