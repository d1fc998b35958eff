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
