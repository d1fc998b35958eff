/** The WAL checkpointer's worker (see walCheckpointer.ts): one PASSIVE checkpoint per request. */
import { runStoreWorker } from './storeWorkerMain';

runStoreWorker((db) => (_message, reply) => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or I/O trouble: the next request, or the host's safety net, tries again.
  }
  reply('done');
});
