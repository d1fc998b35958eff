import type { RunbookService } from '../../common/services/runbookService';
import type { RunbookLibrary } from '../library/runbookLibrary';

/** RunbookService over the library: the contract's methods map one to one. */
export function createRunbookService(library: RunbookLibrary): RunbookService {
  return {
    listRunbooks: () => library.list(),
    getRunbook: (id) => library.get(id),
    search: (query) => library.search(query),
    listFolders: async () => library.folders(),
    addFolder: (dir) => library.addFolder(dir),
    removeFolder: (dir) => library.removeFolder(dir),
    onDidChangeLibrary: library.onDidChange,
  };
}
