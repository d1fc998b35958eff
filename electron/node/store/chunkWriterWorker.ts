/**
 * The output writer's worker (see chunkWriter.ts): one transaction per message, every row of
 * it; should that fail, each row alone, so one bad row (its incident deleted meanwhile) costs
 * only itself. Replies with the failures by index.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ChunkRow, ChunkWriterData, RowsMessage, RowsReply } from './chunkWriter';
import { runStoreWorker } from './storeWorkerMain';

runStoreWorker<ChunkWriterData, RowsMessage>((db, data) => {
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // The host's checkpoint thread copies the WAL into the database; this is only the safety net.
  db.pragma(`wal_autocheckpoint = ${data.autocheckpointPages}`);
  const insert = db.prepare(data.insertSql);
  const insertRow = (row: ChunkRow) => insert.run(row.incidentId, row.sessionId, row.commandId, row.at, row.data);
  const insertAll = db.transaction((rows: ChunkRow[]) => rows.forEach(insertRow));
  // The rows' memory arrives from the host and is freed only by a collection of this thread's
  // heap, which allocates next to nothing else and so would run one only when V8's limit on
  // such memory (tens of MB) is reached. A young-generation collection every few MB of rows
  // costs a fraction of a millisecond and keeps that memory from piling up during a flood.
  const collect = exposeGc();
  let sinceCollect = 0;
  return (message, reply) => {
    const failed: RowsReply['failed'] = [];
    try {
      insertAll(message.rows);
    } catch {
      message.rows.forEach((row, index) => {
        try {
          insertRow(row);
        } catch (error) {
          const e = error as { code?: string; message?: string } | undefined;
          failed.push({ index, failure: { code: e?.code, message: String(e?.message) } });
        }
      });
    }
    reply({ id: message.id, failed } satisfies RowsReply);
    for (const row of message.rows) sinceCollect += row.data.byteLength;
    if (collect && sinceCollect >= data.collectEveryBytes) {
      sinceCollect = 0;
      collect({ type: 'minor' });
    }
  };
});

type Gc = (options: { type: 'minor' }) => void;

function exposeGc(): Gc | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as Gc;
  } catch {
    return null; // Without it, V8's own limit bounds the memory.
  }
}
