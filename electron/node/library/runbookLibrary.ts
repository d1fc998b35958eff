import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isUserError, UserError } from '../../common/errors';
import { Emitter, type Disposable } from '../../common/event';
import { decodeRunbook } from '../../common/runbook/decodeRunbook';
import type { Runbook } from '../../common/runbook/model';
import { emptyRunbook } from '../../common/runbook/parseRunbook';
import type { RunbookDocument, RunbookFolder, RunbookSearchHit, RunbookSummary } from '../../common/services/runbookService';
import { parseInWorker } from '../runbook/parseInWorker';
import { readRunbookBytes } from '../runbook/parseRunbookFile';
import { listRunbookFiles } from './listRunbookFiles';
import { RunbookSearchIndex } from './runbookSearchIndex';

export interface RunbookLibraryOptions {
  /** The runbooks that ship with War Room. */
  bundledDir: string | null;
  /** Folders given for this launch (`serve --runbooks DIR`), not remembered. */
  launchDirs?: string[];
  /** Where folders added in the app are remembered (a JSON file in the data dir). */
  settingsFile: string;
  /** Watch folders for changes (off in one-shot uses such as tests of parsing). */
  watch?: boolean;
}

interface Entry {
  document: RunbookDocument;
  mtimeMs: number;
  size: number;
}

/** Why 200 ms: editors write a file in several steps; one re-read after they settle. */
const RESCAN_DEBOUNCE_MS = 200;

/**
 * The runbooks on disk: the bundled folder plus folders the user adds, parsed in
 * a worker, searchable, and watched so an edit shows up without a restart. A file
 * that cannot be parsed stays in the list with its diagnostics instead of
 * vanishing.
 */
export class RunbookLibrary implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly index = new RunbookSearchIndex();
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly rescanTimers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new Emitter<{ changedIds: string[] }>();
  private userDirs: string[];
  private loading: Promise<void>;
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: RunbookLibraryOptions) {
    this.userDirs = readUserDirs(options.settingsFile);
    this.loading = this.rescanAll();
  }

  /** Resolves once every folder has been read once. */
  ready(): Promise<void> {
    return this.loading;
  }

  async list(): Promise<RunbookSummary[]> {
    await this.loading;
    // By title, then by file: runbooks of one title keep their order whichever file was read first.
    return [...this.entries.values()].map((e) => e.document.summary).sort((a, b) => a.title.localeCompare(b.title) || a.path.localeCompare(b.path));
  }

  async get(id: string): Promise<RunbookDocument> {
    await this.loading;
    const entry = this.entries.get(id);
    if (!entry) throw new UserError(`No runbook with id ${id}; it may have been moved or deleted.`, 'E_NOT_FOUND');
    return entry.document;
  }

  async search(query: string): Promise<RunbookSearchHit[]> {
    await this.loading;
    return this.index.search(query);
  }

  folders(): RunbookFolder[] {
    const describe = (dir: string, source: RunbookFolder['source']): RunbookFolder => ({ path: dir, source, problem: folderProblem(dir) });
    return [
      ...(this.options.bundledDir ? [describe(this.options.bundledDir, 'bundled')] : []),
      ...this.launchAndUserDirs().map((dir) => describe(dir, 'user')),
    ];
  }

  async addFolder(dir: string): Promise<RunbookFolder[]> {
    const resolved = path.resolve(dir);
    const problem = folderProblem(resolved);
    if (problem) throw new UserError(`Cannot add runbook folder ${resolved}: ${problem}.`, 'E_BAD_FOLDER');
    if (!this.userDirs.includes(resolved)) {
      this.userDirs.push(resolved);
      writeUserDirs(this.options.settingsFile, this.userDirs);
      await this.rescan(resolved, 'user');
    }
    return this.folders();
  }

  async removeFolder(dir: string): Promise<RunbookFolder[]> {
    const resolved = path.resolve(dir);
    this.userDirs = this.userDirs.filter((d) => d !== resolved);
    writeUserDirs(this.options.settingsFile, this.userDirs);
    this.watchers.get(resolved)?.close();
    this.watchers.delete(resolved);
    if (!this.launchAndUserDirs().includes(resolved)) {
      const removed = [...this.entries.values()].filter((e) => e.document.summary.folder === resolved).map((e) => e.document.summary.id);
      for (const id of removed) this.forget(id);
      if (removed.length) this.changed.fire({ changedIds: removed });
    }
    return this.folders();
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    for (const timer of this.rescanTimers.values()) clearTimeout(timer);
    this.watchers.clear();
    this.changed.dispose();
  }

  private launchAndUserDirs(): string[] {
    return [...new Set([...(this.options.launchDirs ?? []).map((d) => path.resolve(d)), ...this.userDirs])];
  }

  private async rescanAll(): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (this.options.bundledDir) jobs.push(this.rescan(this.options.bundledDir, 'bundled'));
    for (const dir of this.launchAndUserDirs()) jobs.push(this.rescan(dir, 'user'));
    await Promise.all(jobs);
  }

  /** Re-reads one folder: parses new and modified files, forgets deleted ones. */
  private async rescan(folder: string, source: RunbookSummary['source']): Promise<void> {
    this.watch(folder, source);
    const files = listRunbookFiles(folder);
    const seen = new Set<string>();
    const changedIds: string[] = [];
    await Promise.all(
      files.map(async (file) => {
        let stat: fs.Stats;
        try {
          stat = fs.statSync(file);
        } catch {
          return;
        }
        const existing = [...this.entries.values()].find((e) => e.document.summary.path === file);
        if (existing && existing.mtimeMs === stat.mtimeMs && existing.size === stat.size) {
          seen.add(existing.document.summary.id);
          return;
        }
        const document = await loadDocument(file, folder, source);
        seen.add(document.summary.id);
        this.entries.set(document.summary.id, { document, mtimeMs: stat.mtimeMs, size: stat.size });
        this.index.set(document.runbook, document.source);
        changedIds.push(document.summary.id);
      }),
    );
    for (const entry of [...this.entries.values()]) {
      const { id, folder: entryFolder } = entry.document.summary;
      if (entryFolder === folder && !seen.has(id)) {
        this.forget(id);
        changedIds.push(id);
      }
    }
    if (changedIds.length) this.changed.fire({ changedIds });
  }

  private forget(id: string): void {
    this.entries.delete(id);
    this.index.delete(id);
  }

  private watch(folder: string, source: RunbookSummary['source']): void {
    if (this.options.watch === false || this.watchers.has(folder)) return;
    try {
      const watcher = fs.watch(folder, { recursive: true }, () => {
        clearTimeout(this.rescanTimers.get(folder));
        this.rescanTimers.set(
          folder,
          setTimeout(() => void this.rescan(folder, source), RESCAN_DEBOUNCE_MS),
        );
      });
      watcher.on('error', () => {
        watcher.close();
        this.watchers.delete(folder);
      });
      this.watchers.set(folder, watcher);
    } catch {
      // A folder that cannot be watched still works; it just needs a restart to refresh.
    }
  }
}

async function loadDocument(file: string, folder: string, source: RunbookSummary['source']): Promise<RunbookDocument> {
  let bytes: Uint8Array | null = null;
  let runbook: Runbook;
  try {
    bytes = await readRunbookBytes(file);
    runbook = await parseInWorker({ path: file, bytes });
  } catch (error) {
    // Listed with the reason rather than silently dropped: the user should see that a runbook is broken.
    const message = isUserError(error) ? error.message : `Could not parse ${file}: ${(error as Error).message}`;
    runbook = emptyRunbook(file, [{ level: 'error', message, line: 1 }]);
  }
  const diagnostics = runbook.diagnostics;
  return {
    runbook,
    // Decoded again here rather than shipped back from the worker: cheap next to parsing.
    source: bytes ? decodeRunbook(bytes).text : '',
    summary: {
      id: runbook.id,
      title: runbook.title,
      path: file,
      source,
      folder,
      stepCount: runbook.steps.length,
      errorCount: diagnostics.filter((d) => d.level === 'error').length,
      warningCount: diagnostics.filter((d) => d.level === 'warning').length,
      contentHash: bytes ? crypto.createHash('sha256').update(bytes).digest('hex') : '',
    },
  };
}

function folderProblem(dir: string): string | null {
  try {
    if (!fs.statSync(dir).isDirectory()) return 'not a folder';
    fs.accessSync(dir, fs.constants.R_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : 'cannot be read';
  }
}

function readUserDirs(settingsFile: string): string[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as { runbookFolders?: unknown };
    return Array.isArray(parsed.runbookFolders) ? parsed.runbookFolders.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

function writeUserDirs(settingsFile: string, dirs: string[]): void {
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  const temp = `${settingsFile}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ runbookFolders: dirs }, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(temp, settingsFile);
}
