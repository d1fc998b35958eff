import path from 'node:path';
import { UserError, isUserError } from '../../common/errors';
import { IncidentStore } from '../store/incidentStore';
import { DATABASE_FILE_NAME } from '../store/openDatabase';
import type { StoreOrRefusal } from './incidentServiceImpl';

/**
 * Opens `<dataDir>/warroom.db`, or keeps the store's refusal (damaged, newer, unreadable) so the
 * host can start anyway and the console can show the one-line message. The store never writes
 * to a file it refuses, so the evidence stays as it was.
 */
export function openIncidentStore(dataDir: string, nativeBinding?: string): StoreOrRefusal {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  // Inside Electron (the host's utility process, `War Room --cli`) main sets WARROOM_SQLITE_BINDING
  // to the Electron-ABI addon; plain Node leaves it unset and loads node_modules' own build.
  const binding = nativeBinding ?? process.env.WARROOM_SQLITE_BINDING;
  try {
    return { store: IncidentStore.open(file, { nativeBinding: binding }), file };
  } catch (error) {
    const refusal = isUserError(error)
      ? (error as UserError)
      : new UserError(`Cannot open the War Room database ${file}: ${error instanceof Error ? error.message : String(error)} — it was left untouched.`, 'E_DB_OPEN');
    return { error: refusal, file };
  }
}
