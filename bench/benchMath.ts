/** Small number helpers the benches share. */

/** `sorted` ascending; p in [0, 1]. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Bytes as decimal megabytes with one decimal, for names like "50.0 MB". */
export function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/** Mean time per run of `fn`, after `warmup` runs. */
export function mean(runs: number, fn: () => void, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn(); // warm up the JIT before measuring
  const started = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - started) / runs;
}

/** Batches a sample's runs are cut into; the median batch is reported. */
const BATCHES = 15;

/**
 * Time per run of `fn` and of its `baseline`, measured in alternating batches and reported as
 * the median batch of each: on a shared machine a burst from another process lands in a few
 * batches of one side instead of skewing a whole mean, and both sides see the same load.
 */
export function pairedMedians(runs: number, fn: () => void, baseline: () => void, warmup: number): { value: number; baseline: number } {
  for (let i = 0; i < warmup; i++) {
    fn();
    baseline();
  }
  const perBatch = Math.max(1, Math.round(runs / BATCHES));
  const batches = Math.max(1, Math.min(BATCHES, runs));
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let b = 0; b < batches; b++) {
    ours.push(mean(perBatch, fn, 0));
    theirs.push(mean(perBatch, baseline, 0));
  }
  return { value: median(ours), baseline: median(theirs) };
}
