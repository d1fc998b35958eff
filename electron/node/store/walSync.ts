/**
 * Makes commits that skipped their fsync (see WriteQueue's `deferSync`) durable without
 * blocking the event loop: an fsync of the database's WAL file runs on libuv's thread pool.
 * fsync flushes a file, not a descriptor, so it covers every frame SQLite wrote before it
 * started. Requests while one runs coalesce into one more afterwards.
 */
import { close, fsync, open } from 'node:fs';

export class WalSync {
  private fd: number | undefined;
  private running = false;
  private again = false;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(private readonly walFile: string) {}

  /** New frames were committed without a sync: sync the WAL soon. */
  request(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.again = false;
    const sync = (fd: number) =>
      fsync(fd, () => {
        // A failed fsync leaves the frames to the next FULL commit or checkpoint, which sync again.
        if (this.again && !this.closed) {
          this.again = false;
          sync(fd);
          return;
        }
        this.running = false;
        for (const resolve of this.idle.splice(0)) resolve();
      });
    if (this.fd !== undefined) return sync(this.fd);
    open(this.walFile, 'r', (error, fd) => {
      if (error || this.closed) {
        if (!error) close(fd, () => undefined);
        this.running = false;
        for (const resolve of this.idle.splice(0)) resolve();
        return;
      }
      this.fd = fd;
      sync(fd);
    });
  }

  /** Resolves once no sync is running (the last one requested has finished). */
  settled(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops syncing and releases the file; the database's own close syncs what is left. */
  close(): void {
    this.closed = true;
    const fd = this.fd;
    this.fd = undefined;
    if (fd === undefined) return;
    // An fsync still running holds the descriptor: close it after.
    if (this.running) this.idle.push(() => close(fd, () => undefined));
    else close(fd, () => undefined);
  }
}
