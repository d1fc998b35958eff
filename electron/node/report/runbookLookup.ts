import type { RunbookLibrary } from '../library/runbookLibrary';
import type { RunbookLookup } from './collectBundle';

/** Attached runbooks from the library; one that is gone from disk is simply left out. */
export function libraryLookup(library: Pick<RunbookLibrary, 'get'>): RunbookLookup {
  return async (id) => {
    try {
      return (await library.get(id)).runbook;
    } catch {
      return null;
    }
  };
}
