/**
 * Makes commits that skipped their fsync (see WriteQueue's `deferSync`) durable without
 * blocking the event loop: an fsync of the database's WAL file runs on libuv's thread pool.
 * fsync flushes a file, not a descriptor, so it covers every frame SQLite wrote before it
 * started. Requests while one runs, or while one waits for its turn, coalesce.
 */
import { close, fsync, open } from 'node:fs';

/**
 * Least time between the starts of two syncs. A terminal flood commits every few
 * milliseconds; a sync after each one kept the disk flushing without pause, for output
 * nobody was told is safe (any FULL commit syncs it at once anyway).
 */
export const WAL_SYNC_INTERVAL_MS = 100;

export class WalSync {
  private fd: number | undefined;
  private running = false;
  private again = false;
  private closed = false;
  private lastStart = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Run once the sync in flight (if any) has finished: closing its descriptor. */
  private afterSync: (() => void)[] = [];

  constructor(private readonly walFile: string) {}

  /** New frames were committed without a sync: sync the WAL soon. */
  request(): void {
    if (this.closed || this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastStart + WAL_SYNC_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.request();
      }, wait);
      this.timer.unref();
      return;
    }
    this.running = true;
    this.again = false;
    this.lastStart = Date.now();
    const done = () => {
      // A failed fsync leaves the frames to the next FULL commit or checkpoint, which sync again.
      this.running = false;
      if (this.again && !this.closed) {
        this.again = false;
        this.request();
        return;
      }
      for (const then of this.afterSync.splice(0)) then();
    };
    if (this.fd !== undefined) return fsync(this.fd, done);
    open(this.walFile, 'r', (error, fd) => {
      if (error || this.closed) {
        if (!error) close(fd, () => undefined);
        done();
        return;
      }
      this.fd = fd;
      fsync(fd, done);
    });
  }

  /** Stops syncing and releases the file; the database's own close syncs what is left. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) return;
    // An fsync still running holds the descriptor: close it after.
    if (this.running) this.afterSync.push(() => close(fd, () => undefined));
    else close(fd, () => undefined);
  }
}
