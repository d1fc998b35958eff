/** One figure a bench prints: scripts/bench.mjs shows it beside its same-run baseline, as a ratio. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Measured in the same run, so the ratio holds whatever the machine is doing. */
  baseline?: { name: string; value: number };
  target?: string;
}
