/**
 * Command records (command line, step, exit code, output text) and the raw terminal output
 * kept beside them for the asciicast export. Raw output is written by a thread of its own
 * (chunkWriter.ts) where one can run.
 */
import type { Statement } from 'better-sqlite3';
import { UserError } from '../../../common/errors';
import type { CommandRecord, TimelineEvent } from '../../../common/incident/model';
import { capOutputText } from '../../../common/incident/outputText';
import { ulid } from '../../../common/ulid';
import { ChunkWriter, WRITER_STOPPED, type ChunkRowFailure } from '../chunkWriter';
import { toCommand, type CommandRow } from '../rows';
import type { ActOptions, StoreContext } from '../storeContext';
import { incidentNotFound, requireText } from '../validation';
import { SAFETY_AUTOCHECKPOINT_PAGES } from '../walCheckpointer';

/** What starts a record: the line and where it ran; the rest is stamped by the store. */
export type NewCommand = Pick<CommandRecord, 'sessionId' | 'commandLine'> &
  Partial<Pick<CommandRecord, 'cwd' | 'step' | 'startedAt'>> & {
    /** Where it ran (the tab's name, the machine), kept on its `command.started` event for the timeline and the report. */
    terminal?: string | null;
    host?: string | null;
  };

/** What ends it. */
export type FinishedCommand = Pick<CommandRecord, 'exitCode'> &
  Partial<Pick<CommandRecord, 'endedAt' | 'outputTruncated'>> & {
    /** Rendered output text; capped to head + tail here if the caller has not already (`outputTruncated`: it capped while streaming). */
    output: string;
  };

export interface OutputChunk {
  sessionId: string;
  at: number;
  data: Uint8Array;
  commandId: string | null;
  /**
   * The caller gives `data` up: it may move to the writer thread without a copy, which
   * leaves it empty here. Without this the bytes are copied.
   */
  handOver?: boolean;
}

export interface CommandRepositoryOptions {
  nativeBinding?: string;
  /** A commit that skipped its fsync (raw output): the store syncs the WAL off the loop. */
  onDeferredCommit(): void;
}

export class CommandRepository {
  private readonly insert: Statement;
  private readonly finish: Statement;
  private readonly strike: Statement;
  private readonly getOne: Statement;
  private readonly listAll: Statement;
  private readonly insertChunk: Statement;
  private readonly deleteChunks: Statement;
  private readonly chunks: Statement;
  /**
   * Writes raw terminal output off the event loop. Started with the first row (a CLI command
   * or a store that never records a terminal does not pay for a thread); null where it cannot
   * run (a database in memory).
   */
  private chunkWriter: ChunkWriter | null | undefined;

  constructor(
    private readonly ctx: StoreContext,
    private readonly options: CommandRepositoryOptions,
  ) {
    const p = (sql: string): Statement => ctx.db.prepare(sql);
    this.insert = p(
      `INSERT INTO command_records (id, incident_id, event_id, session_id, runbook_id, step_id, runbook_hash, command_line, cwd, started_at)
       VALUES (@id, @incidentId, @eventId, @sessionId, @runbookId, @stepId, @runbookHash, @commandLine, @cwd, @startedAt)`,
    );
    this.finish = p('UPDATE command_records SET ended_at = ?, exit_code = ?, output_text = ?, output_truncated = ? WHERE id = ?');
    this.strike = p('UPDATE command_records SET output_text = NULL, output_struck = 1 WHERE id = ?');
    this.getOne = p('SELECT * FROM command_records WHERE id = ?');
    this.listAll = p('SELECT * FROM command_records WHERE incident_id = ? ORDER BY started_at, row_id');
    this.insertChunk = p('INSERT INTO output_chunks (incident_id, session_id, command_id, at, data) VALUES (?, ?, ?, ?, ?)');
    this.deleteChunks = p('DELETE FROM output_chunks WHERE command_id = ?');
    this.chunks = p('SELECT command_id, at, data FROM output_chunks WHERE session_id = ? ORDER BY row_id');
  }

  /** Records a command that started (a `command.started` event linking the record). */
  start(incidentId: string, command: NewCommand, options: ActOptions = {}): Promise<{ command: CommandRecord; event: TimelineEvent }> {
    return this.ctx.writes.enqueue((tx) => {
      const sessionId = requireText(command.sessionId, 'terminal session id');
      if (typeof command.commandLine !== 'string') throw new UserError('A command record needs the command line as text.', 'E_INVALID');
      const startedAt = command.startedAt ?? Date.now();
      const commandId = ulid();
      const step = command.step ?? null;
      const event = this.ctx.timeline.append(
        tx,
        incidentId,
        'command.started',
        {
          commandId,
          sessionId,
          commandLine: command.commandLine,
          cwd: command.cwd ?? null,
          step,
          ...(command.terminal ? { terminal: command.terminal } : {}),
          ...(command.host ? { host: command.host } : {}),
        },
        { actor: options.actor ?? this.ctx.actor, occurredAt: options.occurredAt ?? startedAt },
      );
      this.insert.run({
        id: commandId,
        incidentId,
        eventId: event.id,
        sessionId,
        runbookId: step?.runbookId ?? null,
        stepId: step?.stepId ?? null,
        runbookHash: step?.runbookHash ?? null,
        commandLine: command.commandLine,
        cwd: command.cwd ?? null,
        startedAt,
      });
      return { command: this.require(commandId), event };
    });
  }

  /** Records how a command ended and what it printed (a `command.finished` event). */
  end(commandId: string, result: FinishedCommand, options: ActOptions = {}): Promise<{ command: CommandRecord; event: TimelineEvent }> {
    return this.ctx.writes.enqueue((tx) => {
      const record = this.require(commandId);
      if (record.endedAt !== null) throw new UserError(`Command ${commandId} has already finished.`, 'E_INVALID');
      const endedAt = Math.max(result.endedAt ?? Date.now(), record.startedAt);
      const capped = capOutputText(result.output);
      const truncated = capped.truncated || result.outputTruncated === true;
      const event = this.ctx.timeline.append(
        tx,
        record.incidentId,
        'command.finished',
        { commandId, exitCode: result.exitCode, durationMs: endedAt - record.startedAt, outputTruncated: truncated },
        { actor: options.actor ?? this.ctx.actor, occurredAt: options.occurredAt ?? endedAt },
      );
      this.finish.run(endedAt, result.exitCode, record.outputStruck ? null : capped.text, truncated ? 1 : 0, commandId);
      return { command: this.require(commandId), event };
    });
  }

  /** Removes a command's output (text and raw chunks) from the record; the strike is an event. */
  async strikeOutput(commandId: string, reason: string | null = null, options: ActOptions = {}): Promise<TimelineEvent> {
    // Rows still on their way to the database would come back after the delete.
    await this.outputWritten();
    return this.ctx.writes.enqueue((tx) => {
      const record = this.require(commandId);
      this.strike.run(commandId);
      this.deleteChunks.run(commandId);
      return this.ctx.timeline.append(tx, record.incidentId, 'output.struck', { commandId, reason }, this.ctx.act(options));
    });
  }

  find(commandId: string): CommandRecord | null {
    const row = this.getOne.get(commandId) as CommandRow | undefined;
    return row ? toCommand(row) : null;
  }

  /** The incident's commands with their output, oldest first. */
  list(incidentId: string): CommandRecord[] {
    return (this.listAll.all(incidentId) as CommandRow[]).map(toCommand);
  }

  /** Raw terminal output with its arrival time, kept for the asciicast export. */
  appendOutputChunk(incidentId: string, chunk: OutputChunk): Promise<void> {
    const writer = (this.chunkWriter ??= this.startChunkWriter());
    if (!writer?.running) return this.appendOutputChunkHere(incidentId, chunk);
    const size = chunk.data.byteLength;
    return writer.append({ incidentId, sessionId: chunk.sessionId, commandId: chunk.commandId, at: chunk.at, data: chunk.data }, chunk.handOver === true).catch((failure: ChunkRowFailure) => {
      // The worker died: rows whose bytes are still here (not moved to it) are written here.
      if (failure.code === WRITER_STOPPED && chunk.data.byteLength === size) return this.appendOutputChunkHere(incidentId, chunk);
      throw failure.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? incidentNotFound(incidentId) : new Error(`Terminal output was not stored: ${failure.message}`);
    });
  }

  /**
   * Resolves once every output row handed to {@link appendOutputChunk} so far is committed:
   * the rows are written by a thread of their own, so a command's end, a strike or an export
   * that must come after them waits for this.
   */
  outputWritten(): Promise<void> {
    return this.chunkWriter?.written() ?? Promise.resolve();
  }

  /** A session's raw output in arrival order. */
  *iterateOutputChunks(sessionId: string): IterableIterator<OutputChunk> {
    for (const row of this.chunks.iterate(sessionId) as IterableIterator<{ command_id: string | null; at: number; data: Buffer }>) {
      yield { sessionId, commandId: row.command_id, at: row.at, data: row.data };
    }
  }

  /** Stops the output thread once its rows are written; before the store's own close. */
  close(): void {
    this.chunkWriter?.close();
  }

  /** On the event loop (no writer thread): a deferred sync, so a flood's rows never wait on the disk here. */
  private appendOutputChunkHere(incidentId: string, chunk: OutputChunk): Promise<void> {
    // They are synced off the loop right after, and by the command's `finished` commit at the latest.
    return this.ctx.writes.enqueue(() => {
      try {
        this.insertChunk.run(incidentId, chunk.sessionId, chunk.commandId, chunk.at, chunk.data);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw incidentNotFound(incidentId);
        throw error;
      }
    }, { deferSync: true });
  }

  private startChunkWriter(): ChunkWriter | null {
    return (
      ChunkWriter.start(this.ctx.db, {
        insertSql: this.insertChunk.source,
        autocheckpointPages: SAFETY_AUTOCHECKPOINT_PAGES,
        nativeBinding: this.options.nativeBinding,
        // Its commits skipped their fsync, as the deferred ones here do.
        onCommit: () => this.options.onDeferredCommit(),
      }) ?? null
    );
  }

  private require(commandId: string): CommandRecord {
    const command = this.find(commandId);
    if (!command) throw new UserError(`No command record with id ${commandId}.`, 'E_NOT_FOUND');
    return command;
  }
}
