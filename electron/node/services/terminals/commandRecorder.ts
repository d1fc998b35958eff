import { Emitter, type Disposable } from '../../../common/event';
import type { TerminalCommandEvent } from '../../../common/services/terminalService';
import type { CapturedCommand, CommandStart } from '../../../common/terminal/model';
import type { IncidentStore } from '../../store/incidentStore';
import type { PtyHost } from '../../terminal/ptyHost';
import { BATCH_MAX_BYTES } from '../../terminal/ptyThread';

/** A finished command: the stored record's id ('' when none was stored) and what the shell integration captured. */
export interface RecordedCommand {
  commandId: string;
  captured: CapturedCommand;
}

/**
 * Raw output is stored in rows of at most this many chars: one batch of the pty thread
 * (BATCH_MAX_BYTES of ASCII). A flood becomes ~1 600 rows per 100 MB instead of one per pty
 * read, and each of its batches is stored as it came, not copied into a bigger row first.
 */
const CHUNK_MAX_CHARS = BATCH_MAX_BYTES;
/**
 * Output arriving within this long shares a row. An asciicast replays with this resolution,
 * which is finer than a keystroke echo can be told apart by eye.
 */
const CHUNK_WINDOW_MS = 20;

interface PendingChunk {
  commandKey: string | null;
  /** Looked up when the chunk starts: the command's record may be forgotten before the flush. */
  command: StoredCommand | null;
  /** Text, or its UTF-8 bytes when the pty reader had them (a flood is stored without re-encoding). */
  parts: (string | Uint8Array)[];
  chars: number;
  at: number;
}

interface SessionRecording {
  incidentId: string;
  paused: boolean;
  /** The command open in the shell now (engine id), for attributing output. */
  open: string | null;
  /** The command the next data event belongs to: one that opened or closed in the same read. */
  attributed: string | null;
  pending: PendingChunk | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Serialises this session's writes: a chunk waits for its command's stored id. */
  chain: Promise<void>;
  /** Chunks on the chain still waiting; with none, a chunk whose id is known is written at once. */
  waiting: number;
}

interface StoredCommand {
  id: Promise<string | null>;
  /** The stored id once `id` resolved (null: not recorded). */
  known?: string | null;
}

/**
 * Turns what the pty host sees into the incident's record: every command a `command.started`
 * and `command.finished` event (linked to its runbook step when a step typed it), and the raw
 * output in timestamped rows for the asciicast export. Recording never waits for a client.
 * Loading incident inputs is not a command of the incident and is not recorded.
 */
export class CommandRecorder implements Disposable {
  private readonly sessions = new Map<string, SessionRecording>();
  private readonly commands = new Map<string, StoredCommand>();
  private readonly listeners: Disposable[] = [];
  private readonly commandEmitter = new Emitter<TerminalCommandEvent & { engineId: string }>();
  private readonly finishEmitter = new Emitter<RecordedCommand>();
  private readonly runningCommand = new Map<string, { engineId: string; commandLine: string }>();
  readonly onDidChangeCommand = this.commandEmitter.event;
  /** After a command's finish is committed to the store. */
  readonly onDidRecordFinish = this.finishEmitter.event;

  constructor(
    private readonly store: IncidentStore,
    ptys: PtyHost,
    private readonly tabOf: (sessionId: string) => string | null,
    private readonly logError: (error: unknown, context: string) => void,
    /** The tab's name and the machine a session's commands run on, recorded with each command. */
    private readonly placeOf: (sessionId: string) => { terminal: string | null; host: string | null } = () => ({ terminal: null, host: null }),
  ) {
    this.listeners.push(
      ptys.onDidStartCommand((start) => this.started(start)),
      ptys.onDidFinishCommand((record) => this.finished(record)),
      ptys.onDidData(({ sessionId, data, time, bytes }) => this.data(sessionId, data, time, bytes)),
      ptys.onDidChangeState(({ sessionId, state }) => {
        const s = this.sessions.get(sessionId);
        if (s && (state === 'idle' || state === 'exited')) s.open = null;
      }),
      ptys.onDidExit(({ sessionId }) => this.flush(sessionId)),
    );
  }

  /** Starts recording a session of an incident. */
  track(sessionId: string, incidentId: string, paused = false): void {
    this.sessions.set(sessionId, {
      incidentId,
      paused,
      open: null,
      attributed: null,
      pending: null,
      timer: undefined,
      chain: Promise.resolve(),
      waiting: 0,
    });
  }

  setPaused(sessionId: string, paused: boolean): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    if (paused) this.flush(sessionId);
    s.paused = paused;
  }

  isPaused(sessionId: string): boolean {
    return this.sessions.get(sessionId)?.paused ?? false;
  }

  /** The command line running in the session now, or null at a prompt. */
  running(sessionId: string): string | null {
    return this.runningCommand.get(sessionId)?.commandLine ?? null;
  }

  /** Every write queued so far (chunks and records) has been handed to the store. */
  async settled(): Promise<void> {
    for (const id of [...this.sessions.keys()]) this.flush(id);
    await Promise.all([...this.sessions.values()].map((s) => s.chain));
    await Promise.all([...this.commands.values()].map((c) => c.id));
    await this.store.outputWritten();
  }

  dispose(): void {
    for (const id of [...this.sessions.keys()]) this.flush(id);
    for (const l of this.listeners.splice(0)) l.dispose();
    this.commandEmitter.dispose();
    this.finishEmitter.dispose();
  }

  private started(start: CommandStart): void {
    const s = this.sessions.get(start.sessionId);
    if (!s) return;
    this.flush(start.sessionId);
    this.runningCommand.set(start.sessionId, { engineId: start.commandId, commandLine: start.commandLine });
    s.open = start.commandId;
    s.attributed = start.commandId;
    if (s.paused || start.origin === 'inputs') {
      this.commands.set(start.commandId, { id: Promise.resolve(null), known: null });
      return;
    }
    const stored: StoredCommand = { id: Promise.resolve(null) };
    stored.id = this.store
      .startCommand(s.incidentId, { sessionId: start.sessionId, commandLine: start.commandLine, cwd: start.cwd, step: start.step, startedAt: start.startedAt, ...this.placeOf(start.sessionId) })
      .then(
        ({ command }) => {
          this.commandEmitter.fire({
            phase: 'started',
            engineId: start.commandId,
            commandId: command.id,
            incidentId: s.incidentId,
            tabId: this.tabOf(start.sessionId),
            sessionId: start.sessionId,
            commandLine: start.commandLine,
            cwd: start.cwd,
            startedAt: start.startedAt,
            step: start.step,
            exitCode: null,
            durationMs: null,
          });
          stored.known = command.id;
          return command.id;
        },
        (error: unknown) => {
          this.logError(error, 'recording a command start');
          stored.known = null;
          return null;
        },
      );
    this.commands.set(start.commandId, stored);
  }

  private finished(record: CapturedCommand): void {
    if (this.runningCommand.get(record.sessionId)?.engineId === record.commandId) this.runningCommand.delete(record.sessionId);
    const stored = this.commands.get(record.commandId);
    const s = this.sessions.get(record.sessionId);
    if (!stored || !s) return;
    this.commands.delete(record.commandId);
    void stored.id.then(async (commandId) => {
      if (!commandId) {
        // Not recorded (inputs, or capture paused): still tell a step run waiting on it.
        this.finishEmitter.fire({ commandId: '', captured: record });
        return;
      }
      try {
        // Its output rows first (a thread of their own writes them): the finish's synced
        // commit then covers them, and a strike of its output finds them all.
        await this.store.outputWritten();
        await this.store.finishCommand(commandId, {
          exitCode: record.exitCode ?? null,
          output: record.output,
          outputTruncated: record.outputTruncated,
          endedAt: record.endedAt,
        });
      } catch (error) {
        this.logError(error, 'recording a command finish');
      }
      this.commandEmitter.fire({
        phase: 'finished',
        engineId: record.commandId,
        commandId,
        incidentId: s.incidentId,
        tabId: this.tabOf(record.sessionId),
        sessionId: record.sessionId,
        commandLine: record.commandLine,
        cwd: record.cwd,
        startedAt: record.startedAt,
        step: record.step,
        exitCode: record.exitCode ?? null,
        durationMs: record.durationMs,
      });
      this.finishEmitter.fire({ commandId, captured: record });
    });
  }

  private data(sessionId: string, data: string, time: number, bytes: Uint8Array | undefined): void {
    const s = this.sessions.get(sessionId);
    if (!s || s.paused) return;
    // A read that held a command's start or end belongs to that command, so striking its
    // output also removes the read where it began or finished.
    const commandKey = s.attributed;
    s.attributed = s.open;
    const p = s.pending;
    if (p && (p.commandKey !== commandKey || p.chars + data.length > CHUNK_MAX_CHARS)) this.flush(sessionId);
    if (!s.pending) {
      const command = (commandKey && this.commands.get(commandKey)) || null;
      s.pending = { commandKey, command, parts: [], chars: 0, at: time };
      s.timer = setTimeout(() => this.flush(sessionId), CHUNK_WINDOW_MS);
    }
    s.pending.parts.push(bytes ?? data);
    s.pending.chars += data.length;
  }

  private flush(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    const p = s?.pending;
    if (!s || !p) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    s.pending = null;
    const only = p.parts.length === 1 ? p.parts[0] : undefined;
    const bytes = only instanceof Uint8Array ? only : Buffer.concat(p.parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : part)));
    const append = (id: string | null) => {
      // Not awaited: the store group-commits a flood's rows together; the chain only keeps order.
      try {
        this.store.appendOutputChunk(s.incidentId, { sessionId, at: p.at, data: bytes, commandId: id, handOver: true }).catch((error: unknown) => this.logError(error, 'recording terminal output'));
      } catch (error) {
        this.logError(error, 'recording terminal output');
      }
    };
    const command = p.command;
    if (s.waiting === 0 && (!command || command.known !== undefined)) {
      append(command?.known ?? null);
      return;
    }
    s.waiting++;
    s.chain = s.chain
      .then(() => command?.id ?? null)
      .then((id) => {
        s.waiting--;
        append(id);
      });
  }
}
