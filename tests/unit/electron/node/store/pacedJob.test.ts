import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedJob } from '../../../../../electron/node/store/pacedJob';

// Simulated time: the pacing is what is under test, and on a loaded machine real timers fire
// late enough to fold or split runs differently from what the code decided.
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('PacedJob', () => {
  it('runs at once, folds requests made meanwhile into one more run, and keeps runs an interval apart', () => {
    const starts: number[] = [];
    const job: PacedJob = new PacedJob(50, () => {
      starts.push(Date.now());
      setTimeout(() => job.finished(), 5);
    });
    job.request();
    expect(starts).toHaveLength(1);
    for (let i = 0; i < 20; i++) {
      job.request();
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(120);
    // 20 requests over 40 ms after the first: one more run, 50 ms after the first.
    expect(starts).toHaveLength(2);
    expect((starts[1] as number) - (starts[0] as number)).toBe(50);
  });

  it('a request long after the last run starts a run at once', () => {
    const starts: number[] = [];
    const job: PacedJob = new PacedJob(50, () => {
      starts.push(Date.now());
      job.finished();
    });
    job.request();
    vi.advanceTimersByTime(200);
    job.request();
    expect(starts).toHaveLength(2);
    expect((starts[1] as number) - (starts[0] as number)).toBe(200);
  });

  it('runs nothing more once stopped, and a run already going still finishes', () => {
    let runs = 0;
    const job: PacedJob = new PacedJob(20, () => {
      runs++;
      setTimeout(() => job.finished(), 5);
    });
    job.request();
    job.request();
    job.stop();
    expect(job.busy).toBe(true);
    vi.advanceTimersByTime(60);
    expect(job.busy).toBe(false);
    job.request();
    expect(runs).toBe(1);
  });
});
