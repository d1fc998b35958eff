/**
 * Schema version 1. Shipped migrations are never edited: a change is a new file.
 *
 * Every table is STRICT (a wrong type is an error, not a silent conversion). Tables that an
 * FTS5 index reads as external content have an explicit INTEGER PRIMARY KEY: VACUUM may
 * renumber an implicit rowid, which would point the index at the wrong rows.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL
          CHECK (status IN ('investigating', 'identified', 'mitigating', 'monitoring', 'resolved')),
        commander TEXT,
        impact TEXT,
        runbook_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(runbook_ids)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX incidents_by_update ON incidents (updated_at);

      -- The timeline: append-only (see the triggers below); corrections are new events.
      CREATE TABLE events (
        row_id INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        occurred_at INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        device_id TEXT NOT NULL,
        actor TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        -- NULL once redacted: the digest stays, the salt that would let anyone test guesses goes.
        salt TEXT,
        digest TEXT NOT NULL,
        chain_head TEXT NOT NULL,
        -- The words search finds for this event (notes and other free text); not stored twice.
        -- TimelineWriter's searchText() must compute the same.
        search_text TEXT GENERATED ALWAYS AS (
          CASE WHEN kind IN ('note', 'actionItem.added', 'statusUpdate.copied', 'statusUpdate.posted')
            AND json_type(payload, '$.text') = 'text' THEN json_extract(payload, '$.text') END
        ) VIRTUAL,
        UNIQUE (incident_id, seq)
      ) STRICT;
      -- No index for a device's chain predecessor: the append walks back from the newest seq
      -- on (incident_id, seq) and stops at its own device's last event, which is almost always
      -- the newest one; every extra index costs each of thousands of appends a second.
      -- Milestones read a few rare kinds out of a long timeline.
      CREATE INDEX events_milestones ON events (incident_id, seq)
        WHERE kind IN ('incident.created', 'status.changed', 'milestone.set');
      -- "Detected" may be a backdated "happened at"; only such events go in this index.
      CREATE INDEX events_backdated ON events (incident_id, occurred_at) WHERE occurred_at < recorded_at;

      CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN
        SELECT RAISE(ABORT, 'timeline events are append-only');
      END;
      CREATE TRIGGER events_no_rewrite
        BEFORE UPDATE OF row_id, id, incident_id, seq, kind, occurred_at, recorded_at, device_id, actor, digest, chain_head
        ON events BEGIN
        SELECT RAISE(ABORT, 'timeline events are append-only');
      END;
      -- The only update allowed is redaction: a new payload goes with dropping the salt.
      CREATE TRIGGER events_redact_only BEFORE UPDATE OF payload, salt ON events
        WHEN NEW.salt IS NOT NULL BEGIN
        SELECT RAISE(ABORT, 'an event payload can only change by redaction');
      END;

      CREATE VIRTUAL TABLE events_fts USING fts5 (
        search_text, content = 'events', content_rowid = 'row_id'
      );
      -- New events are indexed by the writer (TimelineWriter), not by an INSERT trigger: a
      -- trigger makes every event insert a two-table statement, which costs SQLite a statement
      -- journal per row (measured: about 24 µs instead of 11 µs per note). Redaction, which is
      -- rare, keeps the index in step by trigger.
      CREATE TRIGGER events_fts_update AFTER UPDATE OF payload ON events BEGIN
        INSERT INTO events_fts (events_fts, rowid, search_text)
          SELECT 'delete', OLD.row_id, OLD.search_text WHERE OLD.search_text IS NOT NULL;
        INSERT INTO events_fts (rowid, search_text)
          SELECT NEW.row_id, NEW.search_text WHERE NEW.search_text IS NOT NULL;
      END;

      CREATE TABLE command_records (
        row_id INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        -- The command.started event that put this command on the timeline.
        event_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        runbook_id TEXT,
        step_id TEXT,
        runbook_hash TEXT,
        command_line TEXT NOT NULL,
        cwd TEXT,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        exit_code INTEGER,
        output_text TEXT,
        output_truncated INTEGER NOT NULL DEFAULT 0 CHECK (output_truncated IN (0, 1)),
        output_struck INTEGER NOT NULL DEFAULT 0 CHECK (output_struck IN (0, 1)),
        CHECK ((runbook_id IS NULL) = (step_id IS NULL))
      ) STRICT;
      CREATE INDEX command_records_by_incident ON command_records (incident_id, started_at);

      CREATE VIRTUAL TABLE command_fts USING fts5 (
        command_line, output_text, content = 'command_records', content_rowid = 'row_id'
      );
      CREATE TRIGGER command_fts_insert AFTER INSERT ON command_records BEGIN
        INSERT INTO command_fts (rowid, command_line, output_text)
          VALUES (NEW.row_id, NEW.command_line, NEW.output_text);
      END;
      CREATE TRIGGER command_fts_update AFTER UPDATE OF command_line, output_text ON command_records BEGIN
        INSERT INTO command_fts (command_fts, rowid, command_line, output_text)
          VALUES ('delete', OLD.row_id, OLD.command_line, OLD.output_text);
        INSERT INTO command_fts (rowid, command_line, output_text)
          VALUES (NEW.row_id, NEW.command_line, NEW.output_text);
      END;

      -- Raw terminal output with timestamps, per shell session, for the asciicast export.
      CREATE TABLE output_chunks (
        row_id INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        session_id TEXT NOT NULL,
        -- The command running when the chunk arrived, so striking its output removes these too.
        command_id TEXT,
        at INTEGER NOT NULL,
        data BLOB NOT NULL
      ) STRICT;
      CREATE INDEX output_chunks_by_session ON output_chunks (session_id, row_id);
      CREATE INDEX output_chunks_by_command ON output_chunks (command_id) WHERE command_id IS NOT NULL;

      CREATE TABLE checklist_state (
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        runbook_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        checked INTEGER NOT NULL CHECK (checked IN (0, 1)),
        by TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, runbook_id, item_id)
      ) STRICT;

      -- Incident inputs (DATABASE_URL, region…). Secret values go only into the shell.
      CREATE TABLE incident_variables (
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        secret INTEGER NOT NULL CHECK (secret IN (0, 1)),
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (incident_id, name)
      ) STRICT;

      -- The terminal tab layout a restarted host restores (the shells themselves have ended).
      CREATE TABLE terminal_tabs (
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        tab_id TEXT NOT NULL,
        session_id TEXT,
        title TEXT NOT NULL,
        cwd TEXT,
        position INTEGER NOT NULL,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        PRIMARY KEY (incident_id, tab_id)
      ) STRICT;
    `);
  },
};
