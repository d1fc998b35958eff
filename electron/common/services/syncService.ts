import { z } from 'zod';
import { defineService, type ServiceOf } from '../rpc/defineService';

/** Someone who recorded in the incident: a person on a device (one device may have several). */
export interface SyncParticipant {
  deviceId: string;
  actor: string;
  events: number;
  /** This console's own device. */
  thisDevice: boolean;
  /**
   * What the record proves about this device's clock against ours, in ms (positive: ahead);
   * null on a side the record does not bound. Absent for this device.
   */
  clock?: { low: number | null; high: number | null; contradictory: boolean };
}

export interface SyncStatus {
  /** The remembered remote; null until one is set. */
  remote: string | null;
  /** This console's device id (the timeline marks everyone else's events). */
  deviceId: string;
  /** Automatic sync every this many ms while a remote is set. */
  intervalMs: number;
  syncing: boolean;
  lastSync: { at: number; ok: boolean; message: string; pushed: number; pulled: number; devices: number } | null;
  /** The last attempt's error (one line), until a sync succeeds. */
  error: string | null;
  /** Per incident asked about: */
  incident: {
    /** Marked never to sync. */
    private: boolean;
    /** This device's events of it are not on the remote yet: its first sync is still to come. */
    firstSyncPending: boolean;
    participants: SyncParticipant[];
  } | null;
}

const Id = z.string().min(1).max(200);

/** The team sync through git (docs/sync-format.md): the console's Sync panel. */
export const SyncServiceContract = defineService({
  name: 'sync',
  methods: {
    getStatus: { args: z.tuple([Id.nullable()]), result: z.custom<SyncStatus>() },
    /** Sets (and remembers) the remote after one successful sync with it; a bad remote changes nothing. */
    setRemote: { args: z.tuple([z.string().min(1).max(2000)]), result: z.custom<SyncStatus>() },
    syncNow: { args: z.tuple([]), result: z.custom<SyncStatus>() },
    setPrivate: { args: z.tuple([Id, z.boolean()]), result: z.custom<SyncStatus>() },
  },
  events: {
    /** A sync started or ended (with or without news), or the remote or a private mark changed. */
    onDidChange: { payload: z.custom<{ at: number }>() },
  },
});
export type SyncService = ServiceOf<typeof SyncServiceContract>;
