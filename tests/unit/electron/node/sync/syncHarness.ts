/**
 * "Laptops" for the team-sync tests: each a real data dir with a real store, syncing with
 * a real bare git repository through the system git.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunbookLookup } from '../../../../../electron/node/report/collectBundle';
import type { IncidentStore } from '../../../../../electron/node/store/incidentStore';
import { syncDataDir, type SyncReport } from '../../../../../electron/node/sync/syncEngine';
import { openStore, tempDataDir } from '../report/incidentFixture';

export interface Laptop {
  name: string;
  dataDir: string;
  store: IncidentStore;
  sync(remote?: string): Promise<SyncReport>;
}

const noRunbooks: RunbookLookup = async () => null;

export function makeLaptop(name: string, cleanups: (() => void)[], dataDir = tempDataDir(`warroom-sync-${name}-`)): Laptop {
  const store = openStore(dataDir, name);
  cleanups.push(() => {
    store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { name, dataDir, store, sync: (remote) => syncDataDir({ store, dataDir, lookup: noRunbooks, remote }) };
}

export function bareRemote(cleanups: (() => void)[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-remote-'));
  git(['init', '--bare', '--quiet', dir]);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function git(args: string[], options: { cwd?: string; input?: string } = {}): string {
  return execFileSync('git', args, { cwd: options.cwd, input: options.input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
}

/** Every object in a repository, as git stores them, decompressed: what anyone who clones it can read. */
export function allObjectsText(repo: string): string {
  return git(['--git-dir', repo, 'cat-file', '--batch-all-objects', '--batch', '--unordered']);
}

export function noteTexts(store: IncidentStore, incidentId: string): string[] {
  return store
    .getEvents(incidentId)
    .filter((e) => e.kind === 'note')
    .map((e) => (e.payload as { text: string }).text);
}

/**
 * What someone with push access could do: clone the remote, change one file with `edit`, and
 * push it back as an ordinary commit.
 */
export function tamperRemote(remote: string, file: string, edit: (text: string) => string, cleanups: (() => void)[]): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-tamper-'));
  cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
  git(['clone', '--quiet', '--branch', 'main', remote, work]);
  const target = path.join(work, file);
  fs.writeFileSync(target, edit(fs.readFileSync(target, 'utf8')));
  git(['-c', 'user.name=mallory', '-c', 'user.email=m@example.invalid', 'commit', '--quiet', '-am', 'tamper'], { cwd: work });
  git(['push', '--quiet', 'origin', 'HEAD:main'], { cwd: work });
}
