/**
 * Full-text search over notes (and other free text on the timeline), command lines and
 * command output, through the two FTS5 indexes whose content lives in `events` and
 * `command_records` (stored once). Ranked by bm25, best first.
 */
import type { Database, Statement } from 'better-sqlite3';
import { SNIPPET_MARK_END, SNIPPET_MARK_START, type SearchHit } from '../../common/incident/model';

/** Words of context around a match in a snippet: a line's worth, enough to recognise it. */
const SNIPPET_TOKENS = 16;
/** Hits returned when the caller names no limit: a screenful, not the whole history. */
export const DEFAULT_SEARCH_LIMIT = 50;

export interface SearchOptions {
  incidentId?: string;
  limit?: number;
}

export class SearchIndex {
  private readonly events: Statement;
  private readonly commands: Statement;

  constructor(db: Database) {
    this.events = db.prepare(
      `SELECT e.incident_id AS incidentId, e.id AS eventId,
              snippet(events_fts, 0, @start, @end, '…', ${SNIPPET_TOKENS}) AS snippet, events_fts.rank AS rank
       FROM events_fts JOIN events e ON e.row_id = events_fts.rowid
       WHERE events_fts MATCH @query AND (@incidentId IS NULL OR e.incident_id = @incidentId)
       ORDER BY rank LIMIT @limit`,
    );
    this.commands = db.prepare(
      `SELECT c.incident_id AS incidentId, c.event_id AS eventId, c.id AS commandId,
              snippet(command_fts, -1, @start, @end, '…', ${SNIPPET_TOKENS}) AS snippet, command_fts.rank AS rank
       FROM command_fts JOIN command_records c ON c.row_id = command_fts.rowid
       WHERE command_fts MATCH @query AND (@incidentId IS NULL OR c.incident_id = @incidentId)
       ORDER BY rank LIMIT @limit`,
    );
  }

  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const query = toFtsQuery(text);
    if (query === null) return [];
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    const params = { query, incidentId: options.incidentId ?? null, limit, start: SNIPPET_MARK_START, end: SNIPPET_MARK_END };
    const eventHits = (this.events.all(params) as Omit<SearchHit, 'source' | 'commandId'>[]).map(
      (hit): SearchHit => ({ ...hit, source: 'event', commandId: null }),
    );
    const commandHits = (this.commands.all(params) as Omit<SearchHit, 'source'>[]).map((hit): SearchHit => ({ ...hit, source: 'command' }));
    return [...eventHits, ...commandHits].sort((a, b) => a.rank - b.rank).slice(0, limit);
  }
}

/**
 * The responder types words, not FTS5 syntax: each word becomes a quoted prefix term (so
 * `kube` finds `kubectl`, and `-n`, `AND` or a stray quote are text, not operators), and all
 * must match. Null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => `"${word.replace(/"/g, '""')}"*`);
  return terms.length > 0 ? terms.join(' ') : null;
}
