import type { TimelineEvent } from '../../../electron/common/incident/model';
import type { TimelineCursor } from '../../../electron/common/incident/timelineOrder';
import type { EventPage } from '../../../electron/common/services/incidentService';
import { mergeTimeline } from './mergeTimeline';

/** What the loader asks of the host (IncidentService's two paging calls). */
export interface TimelineSource {
  getEvents(incidentId: string, afterSeq: number, limit: number): Promise<EventPage>;
  getTimelineBefore(incidentId: string, before: TimelineCursor | null, limit: number): Promise<EventPage>;
}

export interface TimelinePageSizes {
  /** The newest events fetched first: a few screens of scroll-back in one small, quick reply. */
  first: number;
  /** Older events then come in pages this size, in the background, until the first event is in. */
  older: number;
  /** Catching up after a reconnect or a gap: pages this size until current. */
  catchUp: number;
}

/** The first page: a few screens of rows (28 px each), a ~75 KB reply for the 10 000-event bench incident. */
export const DEFAULT_PAGE_SIZES: TimelinePageSizes = { first: 150, older: 5_000, catchUp: 5_000 };

/** One connection's worth of loading: cancelled when the connection (or the incident) goes. */
export interface LoadRun {
  cancelled: boolean;
  /** After each change of `events` or `complete`. */
  onChange(): void;
  /**
   * Resolves once the first page is on screen (the page's next frame): older history, pages
   * of thousands of events to parse and merge, waits for it rather than delaying that frame.
   */
  drawn?(): Promise<void>;
}

/**
 * An incident's timeline as the console holds it, in timeline order (occurredAt, then id).
 *
 * Two cursors: history is paged back from the end in timeline order, so the first page holds
 * the newest entries even where an import or a backdated note put older events last in
 * storage; live events are followed by seq (a gap, or a reconnect, fetches "everything after
 * N", so nothing is missed), and each lands where it happened. Until `complete`, `events`
 * holds every event from the oldest one paged in to the end, plus live arrivals from further
 * back; the two overlap only in events counted once (by id).
 */
export class TimelineLoader {
  events: TimelineEvent[] = [];
  complete = false;
  /** Command lines the host sent for finished commands whose start is not loaded yet. */
  readonly commandLines = new Map<string, string>();
  private readonly ids = new Set<string>();
  /** The newest seq followed; -1 until the first page has come. */
  private liveSeq = -1;
  /** The oldest event paged in; older history comes from before it. */
  private cursor: TimelineCursor | null = null;
  private catchingUp: LoadRun | null = null;

  constructor(
    private readonly source: TimelineSource,
    private readonly incidentId: string,
    private readonly pages: TimelinePageSizes = DEFAULT_PAGE_SIZES,
  ) {}

  /** First page (once per loader), then whatever was committed meanwhile, then older history. */
  async load(run: LoadRun): Promise<void> {
    if (this.liveSeq < 0) {
      const page = await this.source.getTimelineBefore(this.incidentId, null, this.pages.first);
      if (run.cancelled) return;
      this.add(page.events);
      this.liveSeq = page.lastSeq;
      this.pagedBackTo(page, this.pages.first);
      run.onChange();
    }
    await this.catchUp(run);
    await run.drawn?.();
    while (!run.cancelled && !this.complete) {
      const page = await this.source.getTimelineBefore(this.incidentId, this.cursor, this.pages.older);
      if (run.cancelled) return;
      this.add(page.events);
      this.pagedBackTo(page, this.pages.older);
      run.onChange();
    }
  }

  /** Events the host announced (in seq order); ignored until the first page is in. */
  async live(events: TimelineEvent[], run: LoadRun): Promise<void> {
    if (this.liveSeq < 0) return; // the first page is still coming; catching up after it covers these
    if (this.follow(events)) run.onChange();
    else await this.catchUp(run);
  }

  /** Live events in seq order; false when they do not follow on from what we have. */
  private follow(incoming: readonly TimelineEvent[]): boolean {
    const fresh = incoming.filter((e) => e.seq > this.liveSeq);
    if (fresh.length === 0) return true;
    if (fresh[0]!.seq !== this.liveSeq + 1) return false;
    for (let i = 1; i < fresh.length; i++) if (fresh[i]!.seq !== fresh[i - 1]!.seq + 1) return false;
    this.add(fresh);
    this.liveSeq = fresh.at(-1)!.seq;
    return true;
  }

  private async catchUp(run: LoadRun): Promise<void> {
    // One catch-up per connection at a time; a new connection's run starts its own.
    if (this.catchingUp === run) return;
    this.catchingUp = run;
    try {
      for (;;) {
        const page = await this.source.getEvents(this.incidentId, this.liveSeq, this.pages.catchUp);
        if (run.cancelled) return;
        // Seq numbers have no holes, so a page that does not follow on cannot happen; if it
        // ever did, asking again would return the same page forever.
        if (!this.follow(page.events) || page.events.length < this.pages.catchUp) break;
      }
      run.onChange();
    } finally {
      if (this.catchingUp === run) this.catchingUp = null;
    }
  }

  private add(incoming: readonly TimelineEvent[]): void {
    this.events = mergeTimeline(this.events, incoming, this.ids);
  }

  private pagedBackTo(page: EventPage, limit: number): void {
    for (const [commandId, line] of Object.entries(page.commandLines ?? {})) this.commandLines.set(commandId, line);
    const oldest = page.events[0];
    if (oldest) this.cursor = { occurredAt: oldest.occurredAt, id: oldest.id };
    if (page.events.length < limit) this.complete = true;
  }
}
