/** What the benches read about a process from /proc (Linux): its CPU time and its memory. */
import { readFileSync } from 'node:fs';

/** User + system CPU of a process, all threads, in ms (/proc/PID/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resolves once the process used ≤ 10 ms of CPU over 150 ms (or after 10 s: then it never idles). */
export async function untilQuiet(pid: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 150) {
    const before = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 150));
    if (cpuMs(pid) - before <= 10) return;
  }
}

/** The kernel's high-water mark of the process's RSS (VmHWM), in KB. */
export function peakRssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/\d+/)?.[0] ?? NaN);
}

/** The process's RSS, sampled every 100 ms until stop(), which returns the peak in MB. */
export function sampleRss(pid: number): { stop: () => number } {
  const read = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, read());
    },
  };
}
