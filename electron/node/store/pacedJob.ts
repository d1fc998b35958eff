/**
 * A background job (an fsync, a WAL checkpoint) run on request, never two at once and at most
 * once per interval: requests while one runs, or while one waits for its turn, coalesce into
 * one more run. A terminal flood commits every few milliseconds; one run per commit would
 * sync the disk without pause for the same pages.
 */
export class PacedJob {
  private running = false;
  private again = false;
  private stopped = false;
  private lastStart = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `run` starts the job; whoever it hands the work to calls {@link finished} at the end. */
  constructor(
    private readonly intervalMs: number,
    private readonly run: () => void,
  ) {}

  /** Whether a run has started and not finished. */
  get busy(): boolean {
    return this.running;
  }

  request(): void {
    if (this.stopped || this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastStart + this.intervalMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.request();
      }, wait);
      // A run nobody waits for must not keep the process alive.
      this.timer.unref();
      return;
    }
    this.running = true;
    this.again = false;
    this.lastStart = Date.now();
    this.run();
  }

  /** The run started last has ended: one more if it was asked for meanwhile. */
  finished(): void {
    this.running = false;
    if (this.again) {
      this.again = false;
      this.request();
    }
  }

  /** No more runs; one already running still ends with {@link finished}. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
