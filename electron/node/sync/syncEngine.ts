/**
 * One team sync of a data dir with its git remote (docs/sync-format.md):
 *
 * 1. `ls-remote`: an unreachable or bad remote fails here, before anything local changes.
 * 2. Fetch the branch into the mirror (an empty remote has none yet); refuse a repository
 *    that is not a War Room sync remote.
 * 3. Import every other device's new events per incident: each device's chain verified from
 *    its genesis; a chain that breaks is named and its events from the break on refused.
 * 4. Export this device's new events — redacted by `shareableIncident`, the one way anything
 *    leaves — appended to its own files; private incidents are skipped.
 * 5. Commit on top of the fetched commit and push; a rejected push (someone pushed first)
 *    fetches and goes round again. Only this device's files change, so it never merges.
 */
import { UserError } from '../../common/errors';
import { BUNDLE_FORMAT, type Bundle, type BundleCommand, type BundleEvent } from '../../common/report/bundle';
import {
  SYNC_BRANCH,
  SYNC_FORMAT,
  SYNC_MARKER_FILE,
  joinLines,
  parseCommandLine,
  parseEventLine,
  parseManifest,
  parseMarker,
  parseSyncFilePath,
  splitLines,
  syncFilePath,
  SyncFormatError,
  type SyncManifest,
} from '../../common/sync/syncFormat';
import type { RunbookLookup } from '../report/collectBundle';
import { shareableIncident } from '../report/shareableIncident';
import { verifyLinks, type ChainLink } from '../store/chain';
import type { IncidentStore } from '../store/incidentStore';
import { APP_VERSION } from '../version';
import { GitError, GitMirror, gitComplaint, runGit } from './gitMirror';
import { acquireSyncLock, mirrorDir, readSyncState, writeSyncState, type SyncState } from './syncState';
import fs from 'node:fs';

export interface SyncOptions {
  store: IncidentStore;
  dataDir: string;
  lookup: RunbookLookup;
  /** A new remote to use (and remember); else the remembered one. */
  remote?: string;
}

export interface RefusedChain {
  incidentId: string;
  deviceId: string;
  /** The first event refused (null when the line itself was unreadable). */
  eventId: string | null;
  line: number;
  problem: string;
  refused: number;
}

export interface SyncReport {
  remote: string;
  /** This device's events written to the remote. */
  pushed: number;
  /** Other devices' events added here. */
  pulled: number;
  /** Devices whose events were pulled. */
  devices: number;
  /** Incidents that came or changed. */
  incidentsPulled: string[];
  refusedChains: RefusedChain[];
  /** Problems that did not stop the sync (an unreadable file of another device…). */
  warnings: string[];
  /** The remote was an empty repository and this sync initialised it. */
  initialised: boolean;
}

const MAX_PUSH_ATTEMPTS = 6;

export function describeSync(report: SyncReport): string {
  const devices = `${report.devices} device${report.devices === 1 ? '' : 's'}`;
  return `pushed ${report.pushed}, pulled ${report.pulled} from ${devices}`;
}

export async function syncDataDir(options: SyncOptions): Promise<SyncReport> {
  const { store, dataDir } = options;
  const state = readSyncState(dataDir);
  const remote = options.remote ?? state.remote;
  if (!remote) throw noRemoteYet();

  const release = acquireSyncLock(dataDir);
  try {
    // 1. A new remote must answer, and be ours or empty, before anything local is touched.
    const gitDir = mirrorDir(dataDir);
    const createdMirror = !GitMirror.exists(gitDir);
    if (createdMirror || remote !== state.remote) {
      const refs = await reachRemote(remote);
      if (refs.size > 0 && !refs.has(`refs/heads/${SYNC_BRANCH}`)) throw foreignRemote(remote);
    }
    const identity = { name: `War Room ${store.deviceId.slice(0, 8)}`, email: `${store.deviceId}@warroom.invalid` };
    const mirror = createdMirror ? await GitMirror.init(gitDir, identity) : new GitMirror(gitDir, identity);

    const report: SyncReport = { remote, pushed: 0, pulled: 0, devices: 0, incidentsPulled: [], refusedChains: [], warnings: [], initialised: false };
    const pulledDevices = new Set<string>();
    const pulledIncidents = new Set<string>();
    try {
      for (let attempt = 1; ; attempt++) {
        // 2. Fetch (a remote that stopped answering fails here, nothing changed).
        let branches: Map<string, string>;
        try {
          branches = await mirror.fetchAll(remote);
        } catch (error) {
          if (error instanceof GitError) throw new UserError(`cannot reach the sync remote ${remote}: ${gitComplaint(error.stderr)}`, 'E_SYNC_REMOTE');
          throw error;
        }
        const parent = branches.get(SYNC_BRANCH) ?? null;
        if (!parent && branches.size > 0) throw foreignRemote(remote);
        const files = parent ? await mirror.listFiles(parent) : new Map<string, string>();
        if (parent) await checkMarker(mirror, remote, files);

        // 3. Pull.
        await importRemote(mirror, files, options, state, report, pulledDevices, pulledIncidents);

        // 4. What this device has to add.
        const changes = await exportLocal(mirror, files, options, state);
        if (changes.files.size === 0) break;
        if (!parent) {
          changes.files.set(SYNC_MARKER_FILE, JSON.stringify({ format: SYNC_FORMAT }) + '\n');
          report.initialised = true;
        }
        const message = `warroom sync: device ${store.deviceId}: ${changes.events} event${changes.events === 1 ? '' : 's'} in ${changes.incidents} incident${changes.incidents === 1 ? '' : 's'}`;
        const commit = await mirror.commitFiles(parent, changes.files, message);

        // 5. Push; rejected means another device pushed first: fetch and go round again.
        if (await mirror.push(remote, commit, SYNC_BRANCH)) {
          report.pushed += changes.events;
          // This device's own files: the commit that carried them (their presence is what counts).
          for (const file of changes.files.keys()) state.imported[file] = commit;
          break;
        }
        if (attempt >= MAX_PUSH_ATTEMPTS) throw new UserError(`the sync remote ${remote} kept rejecting the push (${attempt} tries, other devices pushing at the same time?) — sync again.`, 'E_SYNC_RACE');
      }
    } catch (error) {
      mirror.close();
      if (createdMirror && report.pulled === 0) fs.rmSync(gitDir, { recursive: true, force: true });
      if (error instanceof GitError) throw new UserError(`sync with ${remote} failed: ${gitComplaint(error.stderr)}`, 'E_SYNC_REMOTE');
      if (error instanceof SyncFormatError) throw new UserError(`${remote}: ${error.message}`, 'E_SYNC_FORMAT');
      throw error;
    }
    mirror.close();
    report.devices = pulledDevices.size;
    report.incidentsPulled = [...pulledIncidents];
    state.remote = remote;
    state.lastSync = { at: Date.now(), ok: true, message: describeSync(report), pushed: report.pushed, pulled: report.pulled, devices: report.devices };
    writeSyncState(dataDir, state);
    return report;
  } finally {
    release();
  }
}

/** Throws a one-line UserError when the remote cannot be reached or is not a repository. */
export async function checkRemote(remote: string): Promise<void> {
  await reachRemote(remote);
}

async function reachRemote(remote: string): Promise<Map<string, string>> {
  try {
    return await lsRemote(remote);
  } catch (error) {
    if (error instanceof GitError) throw new UserError(`cannot reach the sync remote ${remote}: ${gitComplaint(error.stderr)}`, 'E_SYNC_REMOTE');
    throw error;
  }
}

export function noRemoteYet(): UserError {
  return new UserError('no sync remote for this data directory yet — run `warroom sync --remote URL` once (a bare git repository, file://, ssh://host/path or user@host:path).', 'E_SYNC_NO_REMOTE');
}

function foreignRemote(remote: string): UserError {
  return new UserError(`${remote} is not a War Room sync remote (a git repository whose ${SYNC_BRANCH} branch has no ${SYNC_MARKER_FILE}) — use an empty bare repository for the team.`, 'E_SYNC_FOREIGN');
}

async function lsRemote(remote: string): Promise<Map<string, string>> {
  const result = await runGit(['ls-remote', '--heads', '--', remote]);
  if (result.code !== 0) throw new GitError('git ls-remote failed', result.stderr);
  const refs = new Map<string, string>();
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [oid, ref] = line.split('\t');
    if (oid && ref) refs.set(ref, oid);
  }
  return refs;
}

async function checkMarker(mirror: GitMirror, remote: string, files: Map<string, string>): Promise<void> {
  const marker = files.get(SYNC_MARKER_FILE);
  if (!marker) throw foreignRemote(remote);
  parseMarker(await mirror.readBlob(marker));
}

/** The remote's files, grouped per incident and device. */
interface DeviceFiles {
  incidentId: string;
  deviceId: string;
  events?: string;
  commands?: string;
  manifest?: string;
}

function groupFiles(files: Map<string, string>): DeviceFiles[] {
  const groups = new Map<string, DeviceFiles>();
  for (const [file, oid] of files) {
    const parsed = parseSyncFilePath(file);
    if (!parsed) continue;
    const key = `${parsed.incidentId}/${parsed.deviceId}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { incidentId: parsed.incidentId, deviceId: parsed.deviceId }));
    group[parsed.kind] = oid;
  }
  return [...groups.values()];
}

async function importRemote(
  mirror: GitMirror,
  files: Map<string, string>,
  options: SyncOptions,
  state: SyncState,
  report: SyncReport,
  pulledDevices: Set<string>,
  pulledIncidents: Set<string>,
): Promise<void> {
  const { store } = options;
  const privateIds = new Set(state.private);
  for (const group of groupFiles(files)) {
    if (group.deviceId === store.deviceId || privateIds.has(group.incidentId)) continue;
    if (!group.events || !group.manifest) continue; // Written in one commit: a half device is not ours to read.
    const eventsPath = syncFilePath(group.incidentId, group.deviceId, 'events');
    const commandsPath = syncFilePath(group.incidentId, group.deviceId, 'commands');
    const manifestPath = syncFilePath(group.incidentId, group.deviceId, 'manifest');
    if (state.imported[eventsPath] === group.events && state.imported[commandsPath] === group.commands && state.imported[manifestPath] === group.manifest) continue;

    let manifest: SyncManifest;
    try {
      manifest = parseManifest(await mirror.readBlob(group.manifest), manifestPath);
      if (manifest.incidentId !== group.incidentId || manifest.deviceId !== group.deviceId || manifest.incident.id !== group.incidentId) {
        throw new SyncFormatError(`${manifestPath} names another incident or device`);
      }
    } catch (error) {
      if (!(error instanceof SyncFormatError)) throw error;
      report.warnings.push(error.message);
      continue;
    }

    const { events, refused, verified } = readSegment(await mirror.readBlob(group.events), group.incidentId, group.deviceId, state.segments[eventsPath]);
    if (refused) report.refusedChains.push(refused);
    const accepted = new Set(events.map((e) => e.id));
    const commands: BundleCommand[] = [];
    if (group.commands) {
      for (const line of splitLines(await mirror.readBlob(group.commands))) {
        const command = parseCommandLine(line);
        // Only commands whose start is an accepted event of this device (now or at an earlier
        // sync): a refused chain's commands stay out too.
        if (command && (accepted.has(command.eventId) || store.getEvent(command.eventId)?.deviceId === group.deviceId)) commands.push(command);
      }
    }
    if (events.length === 0 && commands.every((c) => store.getCommand(c.id))) {
      if (!refused) markImported(state, group, verified);
      continue;
    }
    const bundle: Bundle = {
      format: BUNDLE_FORMAT,
      exportedAt: manifest.writtenAt,
      app: manifest.app,
      deviceId: group.deviceId,
      incident: manifest.incident,
      events,
      chains: [],
      milestones: { acknowledged: null, mitigated: null, resolved: null } as unknown as Bundle['milestones'],
      commands,
      checklist: manifest.checklist,
      variables: manifest.variables.filter((v) => !v.secret),
      runbooks: manifest.runbooks,
      redaction: { redacted: {}, kept: 0 },
    };
    try {
      const result = store.importBundle(bundle, { via: 'sync' });
      report.pulled += result.eventsAdded;
      if (result.eventsAdded > 0) {
        pulledDevices.add(group.deviceId);
        pulledIncidents.add(group.incidentId);
      }
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'UserError') throw error;
      report.warnings.push(`device ${group.deviceId} in incident ${group.incidentId}: ${error.message}`);
      continue;
    }
    // A refused chain is looked at again next time (and named again) until it is repaired.
    if (!refused) markImported(state, group, verified);
  }
}

function markImported(state: SyncState, group: DeviceFiles, verified: { lines: number; head: string } | null): void {
  const eventsPath = syncFilePath(group.incidentId, group.deviceId, 'events');
  state.imported[eventsPath] = group.events!;
  state.imported[syncFilePath(group.incidentId, group.deviceId, 'manifest')] = group.manifest!;
  if (group.commands) state.imported[syncFilePath(group.incidentId, group.deviceId, 'commands')] = group.commands;
  if (verified) state.segments[eventsPath] = verified;
}

/**
 * A device's events file, verified from its genesis — or, given where the last sync stopped
 * (`resume`: lines already verified and the head there), from that head when the file still
 * has it there: the events up to the first that is unreadable, belongs elsewhere or breaks
 * the chain; that one and every later one refused. Returns only the events after `resume`.
 */
export function readSegment(
  text: string,
  incidentId: string,
  deviceId: string,
  resume?: { lines: number; head: string },
): { events: BundleEvent[]; refused: RefusedChain | null; verified: { lines: number; head: string } | null } {
  const lines = splitLines(text);
  let from = 0;
  if (resume && resume.lines > 0 && resume.lines <= lines.length) {
    const last = parseEventLine(lines[resume.lines - 1]!);
    if ('event' in last && last.event.chainHead === resume.head && last.event.deviceId === deviceId) from = resume.lines;
  }
  const events: BundleEvent[] = [];
  let refused: RefusedChain | null = null;
  for (let i = from; i < lines.length; i++) {
    const parsed = parseEventLine(lines[i]!);
    let problem: string | null = null;
    if ('problem' in parsed) problem = parsed.problem;
    else if (parsed.event.deviceId !== deviceId) problem = `the event was recorded by device ${parsed.event.deviceId}, not ${deviceId}`;
    if (problem !== null || !('event' in parsed)) {
      refused = { incidentId, deviceId, eventId: 'event' in parsed ? parsed.event.id : null, line: i + 1, problem: problem ?? 'unreadable', refused: lines.length - i };
      break;
    }
    events.push(parsed.event);
  }
  const starts = from > 0 ? new Map([[deviceId, resume!.head]]) : undefined;
  const [chain] = verifyLinks(events as unknown as ChainLink[], starts);
  if (chain && !chain.ok) {
    const at = events.findIndex((e) => e.id === chain.firstBadEventId);
    refused = { incidentId, deviceId, eventId: chain.firstBadEventId, line: from + at + 1, problem: chain.problem ?? 'the chain breaks', refused: lines.length - from - at };
    events.length = at;
  }
  const lastGood = events[events.length - 1];
  const verified = lastGood ? { lines: from + events.length, head: lastGood.chainHead } : from > 0 ? resume! : null;
  return { events, refused, verified };
}

interface LocalChanges {
  /** Path → new content of this device's files. */
  files: Map<string, string>;
  events: number;
  incidents: number;
}

async function exportLocal(mirror: GitMirror, files: Map<string, string>, options: SyncOptions, state: SyncState): Promise<LocalChanges> {
  const { store } = options;
  const me = store.deviceId;
  const privateIds = new Set(state.private);
  const changes: LocalChanges = { files: new Map(), events: 0, incidents: 0 };
  for (const incident of store.listIncidents()) {
    if (privateIds.has(incident.id)) continue;
    const local = store.countDeviceEvents(incident.id, me);
    if (local === 0) continue;
    const eventsPath = syncFilePath(incident.id, me, 'events');
    const commandsPath = syncFilePath(incident.id, me, 'commands');
    const manifestPath = syncFilePath(incident.id, me, 'manifest');
    const remoteEventsOid = files.get(eventsPath);
    const remoteLines = remoteEventsOid ? splitLines(await mirror.readBlob(remoteEventsOid)) : [];
    if (remoteLines.length === local && files.has(manifestPath)) continue;

    const quick = await appendImportRecordsOnly(mirror, files, store, incident.id, remoteLines);
    if (quick) {
      for (const [file, oid] of quick.files) changes.files.set(file, oid);
      changes.events += quick.events;
      changes.incidents++;
      continue;
    }

    // The one way out: redacted as every export is.
    const { bundle } = await shareableIncident(store, incident.id, options.lookup);
    const mine = bundle.events.filter((e) => e.deviceId === me);
    // Lines already on the remote stay as they are (append-only) when they are this device's
    // chain as recorded; a remote copy that is not (altered there) is written again whole.
    const lastRemote = remoteLines.length > 0 ? parseEventLine(remoteLines[remoteLines.length - 1]!) : null;
    const prefixHolds = remoteLines.length <= mine.length && (!lastRemote || ('event' in lastRemote && lastRemote.event.chainHead === mine[remoteLines.length - 1]?.chainHead));
    const kept = prefixHolds ? remoteLines : [];
    const added = mine.slice(kept.length);
    const lines = [...kept, ...added.map((e) => JSON.stringify(e))];

    const ownEventIds = new Set(mine.map((e) => e.id));
    const remoteCommandsOid = files.get(commandsPath);
    const commandLines = remoteCommandsOid ? splitLines(await mirror.readBlob(remoteCommandsOid)) : [];
    const written = new Set(commandLines.map((l) => parseCommandLine(l)?.id));
    for (const command of bundle.commands) {
      // Finished commands only: a record is written once, whole (append-only).
      if (!ownEventIds.has(command.eventId) || written.has(command.id) || (command.endedAt === null && !command.outputStruck)) continue;
      const { outputExcerpt: _excerpt, ...record } = command;
      commandLines.push(JSON.stringify(record));
    }

    const manifest: SyncManifest = {
      format: SYNC_FORMAT,
      incidentId: incident.id,
      deviceId: me,
      actors: [...new Set(mine.map((e) => e.actor))],
      app: { name: 'War Room', version: APP_VERSION },
      writtenAt: Date.now(),
      incident: bundle.incident,
      events: lines.length,
      head: mine[mine.length - 1]!.chainHead,
      commands: commandLines.length,
      checklist: bundle.checklist,
      variables: bundle.variables.filter((v) => !v.secret),
      runbooks: bundle.runbooks,
    };
    changes.files.set(eventsPath, joinLines(lines));
    changes.files.set(commandsPath, joinLines(commandLines));
    changes.files.set(manifestPath, JSON.stringify(manifest) + '\n');
    changes.events += prefixHolds ? added.length : Math.max(0, mine.length - remoteLines.length);
    changes.incidents++;
  }
  return changes;
}

/**
 * When all this device added since its last push are its own records of imports (ids and
 * counts: no text a secret could hide in), they are appended as they are, without redacting
 * the whole incident again. That is most syncs of a device that only watches: every pull
 * records one. Null when anything else is new, or the remote's copy is not a prefix of ours.
 */
async function appendImportRecordsOnly(
  mirror: GitMirror,
  files: Map<string, string>,
  store: IncidentStore,
  incidentId: string,
  remoteLines: string[],
): Promise<{ files: Map<string, string>; events: number } | null> {
  const me = store.deviceId;
  const manifestPath = syncFilePath(incidentId, me, 'manifest');
  const manifestOid = files.get(manifestPath);
  if (!manifestOid || remoteLines.length === 0) return null;
  // From the last line already on the remote (to check it is ours), then what is new.
  const [lastPushed, ...added] = store.readDeviceBundleEvents(incidentId, me, remoteLines.length - 1);
  if (added.length === 0 || added.some((e) => e.kind !== 'bundle.imported')) return null;
  const last = parseEventLine(remoteLines[remoteLines.length - 1]!);
  if (!('event' in last) || last.event.chainHead !== lastPushed?.chainHead) return null;
  let manifest: SyncManifest;
  try {
    manifest = parseManifest(await mirror.readBlob(manifestOid), manifestPath);
  } catch {
    return null;
  }
  const lines = [...remoteLines, ...added.map((e) => JSON.stringify(e))];
  const updated: SyncManifest = { ...manifest, writtenAt: Date.now(), events: lines.length, head: added[added.length - 1]!.chainHead };
  return {
    files: new Map([
      [syncFilePath(incidentId, me, 'events'), joinLines(lines)],
      [manifestPath, JSON.stringify(updated) + '\n'],
    ]),
    events: added.length,
  };
}
