/**
 * What the incident commands of the CLI share: the data dir's store (never created by a
 * command that only reads), finding an incident by id, unique id prefix or `latest`, and the
 * runbook library loaded only when a report needs an attached runbook.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../common/errors';
import type { Incident } from '../../common/incident/model';
import type { Runbook } from '../../common/runbook/model';
import { RunbookLibrary } from '../library/runbookLibrary';
import { bundledRunbooksDir } from '../packageRoot';
import { IncidentStore } from '../store/incidentStore';
import { DATABASE_FILE_NAME } from '../store/openDatabase';
import type { RunbookLookup } from '../report/collectBundle';

/** An id prefix shorter than this is too likely to be a typo of something else. */
const MIN_ID_PREFIX = 6;

export function openExistingStore(dataDir: string): IncidentStore {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) throw new UserError(`no War Room data in ${dataDir} (no ${DATABASE_FILE_NAME}) — pass --data DIR or set WARROOM_DATA.`, 'E_NO_DATA');
  return IncidentStore.open(file, { nativeBinding: electronBinding() });
}

export function openOrCreateStore(dataDir: string): IncidentStore {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return IncidentStore.open(path.join(dataDir, DATABASE_FILE_NAME), { nativeBinding: electronBinding() });
}

/** `War Room --cli` runs inside Electron: main names the Electron-ABI better-sqlite3 here (docs/packaging.md). */
const electronBinding = () => process.env.WARROOM_SQLITE_BINDING || undefined;

/** `latest` is the incident changed most recently; else a full id or a unique prefix of one. */
export function findIncident(store: IncidentStore, ref: string): Incident {
  const incidents = store.listIncidents();
  if (ref === 'latest') {
    const latest = [...incidents].sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (!latest) throw new UserError('there are no incidents in this data directory yet.', 'E_NOT_FOUND');
    return latest;
  }
  const exact = incidents.find((i) => i.id === ref);
  if (exact) return exact;
  const upper = ref.toUpperCase();
  const matches = ref.length >= MIN_ID_PREFIX ? incidents.filter((i) => i.id.startsWith(upper)) : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new UserError(`'${ref}' matches ${matches.length} incidents — give more of the id (see \`warroom incidents\`).`, 'E_AMBIGUOUS');
  throw new UserError(`no incident '${ref}' in this data directory — list them with \`warroom incidents\`.`, 'E_NOT_FOUND');
}

/** A lookup that loads the library (bundled runbooks + the user's folders) on first use. */
export function lazyLibraryLookup(dataDir: string): { lookup: RunbookLookup; dispose(): void } {
  let library: RunbookLibrary | null = null;
  return {
    lookup: async (id): Promise<Runbook | null> => {
      library ??= new RunbookLibrary({ bundledDir: bundledRunbooksDir(), settingsFile: path.join(dataDir, 'settings.json'), watch: false });
      try {
        return (await library.get(id)).runbook;
      } catch {
        return null;
      }
    },
    dispose: () => library?.dispose(),
  };
}
