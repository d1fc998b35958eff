/**
 * What every repository of the store shares: the connection, the one write queue whose
 * transactions they all write in (so a change that spans repositories — a command record and
 * its event — commits together), the timeline writer that appends events inside those
 * transactions, and who is recording.
 */
import { userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { TimelineWriter, TxState } from './timelineWriter';
import type { WriteQueue } from './writeQueue';

/** Who did it and, where it differs from now, when it happened. */
export interface ActOptions {
  actor?: string;
  occurredAt?: number;
}

export class StoreContext {
  constructor(
    readonly db: Database,
    readonly writes: WriteQueue<TxState>,
    readonly timeline: TimelineWriter,
    /** Who is recording, when a call names no actor. */
    readonly actor: string,
  ) {}

  /** The actor and time an event is appended with. */
  act(options: ActOptions): { actor: string; occurredAt?: number } {
    return { actor: options.actor ?? this.actor, occurredAt: options.occurredAt };
  }
}

/** Who records: `WARROOM_ACTOR` (a responder's name, where accounts are shared), else the OS user. */
export function defaultActor(): string {
  const named = process.env.WARROOM_ACTOR?.trim();
  if (named) return named.slice(0, 200);
  try {
    return userInfo().username || 'responder';
  } catch {
    // No passwd entry (some containers): still record something meaningful.
    return 'responder';
  }
}
