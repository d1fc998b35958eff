/**
 * Makes commits that skipped their fsync (see WriteQueue's `deferSync`) durable without
 * blocking the event loop: an fsync of the database's WAL file runs on libuv's thread pool.
 * fsync flushes a file, not a descriptor, so it covers every frame SQLite wrote before it
 * started.
 */
import { close, fsync, open } from 'node:fs';
import { PacedJob } from './pacedJob';

/**
 * Least time between the starts of two syncs: during a flood the output is synced ten times a
 * second, which is all it is owed (nobody is told it is safe; any FULL commit syncs it at once).
 */
export const WAL_SYNC_INTERVAL_MS = 100;

export class WalSync {
  private fd: number | undefined;
  private closed = false;
  private readonly job = new PacedJob(WAL_SYNC_INTERVAL_MS, () => this.sync());
  /** Run once the sync in flight has finished: closing its descriptor. */
  private afterSync: (() => void)[] = [];

  constructor(private readonly walFile: string) {}

  /** New frames were committed without a sync: sync the WAL soon. */
  request(): void {
    this.job.request();
  }

  /** Stops syncing and releases the file; the database's own close syncs what is left. */
  close(): void {
    this.closed = true;
    this.job.stop();
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) return;
    // An fsync still running holds the descriptor: close it after.
    if (this.job.busy) this.afterSync.push(() => close(fd, () => undefined));
    else close(fd, () => undefined);
  }

  private sync(): void {
    const done = () => {
      // A failed fsync leaves the frames to the next FULL commit or checkpoint, which sync again.
      this.job.finished();
      if (!this.job.busy) for (const then of this.afterSync.splice(0)) then();
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
}
