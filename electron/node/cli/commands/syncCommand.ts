/**
 * `warroom sync [--remote URL] [--data DIR] [--private INCIDENT]... [--share INCIDENT]...`:
 * the team's war room through git (docs/sync-format.md). Fetches, imports every other
 * device's new events, writes this device's (redacted), commits and pushes; prints one line.
 * The first `--remote` is remembered for the data dir. `--private` / `--share` mark incidents
 * never to sync (or to sync again) and change nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CliIo } from '../cliIo';
import { parseCommandArgs } from '../parseCommandArgs';
import { resolveDataDir } from '../../dataDir';
import { DATABASE_FILE_NAME } from '../../store/openDatabase';
import { checkRemote, describeSync, noRemoteYet, syncDataDir } from '../../sync/syncEngine';
import { readSyncState, updateSyncState } from '../../sync/syncState';
import { findIncident, lazyLibraryLookup, openExistingStore, openOrCreateStore } from '../cliStore';

export async function syncCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    'sync',
    argv,
    { remote: { type: 'string' }, data: { type: 'string' }, private: { type: 'string', multiple: true }, share: { type: 'string', multiple: true } },
    { min: 0, max: 0 },
  );
  const dataDir = resolveDataDir(values.data);
  if (values.private || values.share) return markIncidents(dataDir, values.private ?? [], values.share ?? [], io);

  // A data dir that does not exist yet is created only once the remote answers.
  if (!values.remote && !readSyncState(dataDir).remote) throw noRemoteYet();
  if (values.remote && !fs.existsSync(path.join(dataDir, DATABASE_FILE_NAME))) await checkRemote(values.remote);
  const store = openOrCreateStore(dataDir);
  const library = lazyLibraryLookup(dataDir);
  try {
    const report = await syncDataDir({ store, dataDir, lookup: library.lookup, remote: values.remote });
    for (const refused of report.refusedChains) {
      io.stderr(
        `warroom sync: device ${refused.deviceId}'s chain in incident ${refused.incidentId} breaks at line ${refused.line}${refused.eventId ? ` (event ${refused.eventId})` : ''}: ${refused.problem}; ${refused.refused} event${refused.refused === 1 ? '' : 's'} from there refused.`,
      );
    }
    for (const warning of report.warnings) io.stderr(`warroom sync: warning: ${warning}`);
    io.stdout(describeSync(report));
    return 0;
  } finally {
    library.dispose();
    store.close();
  }
}

function markIncidents(dataDir: string, privateRefs: string[], shareRefs: string[], io: CliIo): number {
  const store = openExistingStore(dataDir);
  try {
    const makePrivate = privateRefs.map((ref) => findIncident(store, ref));
    const makeShared = shareRefs.map((ref) => findIncident(store, ref));
    updateSyncState(dataDir, (state) => {
      const marks = new Set(state.private);
      for (const incident of makePrivate) marks.add(incident.id);
      for (const incident of makeShared) marks.delete(incident.id);
      state.private = [...marks];
    });
    for (const incident of makePrivate) io.stdout(`${incident.id} “${incident.title}” is private: it never syncs.`);
    for (const incident of makeShared) io.stdout(`${incident.id} “${incident.title}” syncs with the team again.`);
    return 0;
  } finally {
    store.close();
  }
}
