import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../../../electron/common/errors';
import { WriteQueue, type TransactionState } from '../../../../../electron/node/store/writeQueue';
import { useTempDirs } from './tempDir';

const tempDir = useTempDirs();
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

class Counter implements TransactionState<number> {
  writes = 0;
  checkpoint(): number {
    return this.writes;
  }
  restore(checkpoint: number): void {
    this.writes = checkpoint;
  }
}

function setup(options: { windowMs?: number; maxBatch?: number } = {}) {
  const file = join(tempDir(), 'q.db');
  const db = new Database(file, { timeout: 200 });
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER NOT NULL) STRICT');
  dbs.push(db);
  const commits: number[] = [];
  const queue = new WriteQueue<Counter>(
    db,
    { begin: () => new Counter(), beforeCommit: () => {}, afterCommit: (state) => commits.push(state.writes) },
    options,
  );
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const write = (n: number) => (state: Counter) => {
    state.writes += 1;
    insert.run(n);
    return n;
  };
  return { file, db, queue, commits, write };
}

describe('WriteQueue', () => {
  it('commits a batch of deferred-sync writes without its fsync, and any other batch with FULL', async () => {
    const file = join(tempDir(), 'sync.db');
    const db = new Database(file);
    dbs.push(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const commits: boolean[] = [];
    const queue = new WriteQueue<Counter>(db, { begin: () => new Counter(), beforeCommit: () => {}, afterCommit: () => {} }, { onCommit: (deferred) => commits.push(deferred) });
    const level = () => db.pragma('synchronous', { simple: true }) as number;
    const deferred = await Promise.all([queue.enqueue(level, { deferSync: true }), queue.enqueue(level, { deferSync: true })]);
    const mixed = await Promise.all([queue.enqueue(level, { deferSync: true }), queue.enqueue(level)]);
    expect(deferred).toEqual([1, 1]);
    // Nothing else on the connection inherits the relaxed level.
    expect(level()).toBe(2);
    expect(mixed).toEqual([2, 2]);
    expect(queue.runSync(level)).toBe(2);
    expect(commits).toEqual([true, false, false]);
  });

  it('commits a burst of writes in one transaction', async () => {
    const { queue, commits, write } = setup();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => queue.enqueue(write(i))));
    expect(results).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(commits).toEqual([100]);
  });

  it('slices a flood into batches of at most maxBatch', async () => {
    const { queue, commits, write } = setup({ maxBatch: 30 });
    await Promise.all(Array.from({ length: 100 }, (_, i) => queue.enqueue(write(i))));
    expect(commits).toEqual([30, 30, 30, 10]);
  });

  it('rolls back a failed write alone and restores the transaction state', async () => {
    const { db, queue, commits, write } = setup();
    const results = await Promise.allSettled([
      queue.enqueue(write(1)),
      queue.enqueue((state: Counter) => {
        write(2)(state);
        throw new Error('bad write');
      }),
      queue.enqueue(write(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT n FROM t ORDER BY n').pluck().all()).toEqual([1, 3]);
    expect(commits).toEqual([2]);
  });

  it('runs a synchronous write after everything queued before it', () => {
    const { db, queue, write } = setup();
    void queue.enqueue(write(1));
    void queue.enqueue(write(2));
    expect(queue.runSync(write(3))).toBe(3);
    expect(db.prepare('SELECT n FROM t ORDER BY rowid').pluck().all()).toEqual([1, 2, 3]);
  });

  it('rejects the batch with a one-line UserError when another process holds the lock too long', async () => {
    const { file, queue, write } = setup();
    const holder = new Database(file, { timeout: 0 });
    dbs.push(holder);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const error = await queue.enqueue(write(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('E_DB_BUSY');
      expect((error as UserError).message).toContain('locked');
    } finally {
      holder.exec('ROLLBACK');
    }
    // The queue is still usable once the lock is gone.
    await expect(queue.enqueue(write(2))).resolves.toBe(2);
  });

  it('commits pending writes on close and refuses new ones', async () => {
    const { db, queue, write } = setup();
    const pending = queue.enqueue(write(7));
    queue.close();
    await expect(pending).resolves.toBe(7);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
    await expect(queue.enqueue(write(8))).rejects.toThrow(/closed/);
  });
});
