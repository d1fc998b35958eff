import { describe, expect, it } from 'vitest';
import { PacedJob } from '../../../../../electron/node/store/pacedJob';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PacedJob', () => {
  it('runs at once, folds requests made meanwhile into one more run, and keeps runs an interval apart', async () => {
    const starts: number[] = [];
    const job: PacedJob = new PacedJob(50, () => {
      starts.push(Date.now());
      setTimeout(() => job.finished(), 5);
    });
    job.request();
    expect(starts).toHaveLength(1);
    for (let i = 0; i < 20; i++) {
      job.request();
      await sleep(2);
    }
    await sleep(120);
    // 20 requests over ~40 ms after the first: one more run, 50 ms after the first.
    expect(starts).toHaveLength(2);
    expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(49);
  });

  it('runs nothing more once stopped, and a run already going still finishes', async () => {
    let runs = 0;
    const job: PacedJob = new PacedJob(20, () => {
      runs++;
      setTimeout(() => job.finished(), 5);
    });
    job.request();
    job.request();
    job.stop();
    expect(job.busy).toBe(true);
    await sleep(60);
    expect(job.busy).toBe(false);
    job.request();
    expect(runs).toBe(1);
  });
});
