import fs from 'node:fs';
import path from 'node:path';

/** Guards against pointing the library at `/` by mistake. */
const MAX_FILES_PER_FOLDER = 5_000;
/** Deep enough for any real runbook tree. */
const MAX_DEPTH = 8;
/** Folders that hold tooling, never runbooks (hidden folders are skipped too). */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'vendor']);

/**
 * The runbooks under a folder, as the library and `warroom lint` see them: Markdown files
 * (`.md`, `.markdown`) in sorted order, skipping hidden and build folders and READMEs (a
 * folder's README describes the folder; it is not a runbook).
 */
export function listRunbookFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES_PER_FOLDER) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full, depth + 1);
      } else if (entry.isFile() && /\.(md|markdown|mdown|mkd)$/i.test(entry.name) && !/^readme\.md$/i.test(entry.name)) {
        if (files.length < MAX_FILES_PER_FOLDER) files.push(full);
      }
    }
  };
  walk(root, 0);
  return files;
}
