/** One frame at 60 fps: output reaches the screen at most this late (as Hyper). */
export const BATCH_DURATION_MS = 16;
/** Output after this long without any goes at once: a keystroke's echo waits for no batch. */
export const QUIET_MS = BATCH_DURATION_MS;
/** Flush early past this much: a bigger message would stall the renderer's parse (as Hyper). */
export const BATCH_MAX_CHARS = 200 * 1024;

/**
 * Coalesces pty output into few, large messages for a client. Output after a quiet spell (a
 * keystroke's echo, a prompt) goes at once; what follows within BATCH_DURATION_MS shares the
 * next message, so a flood still travels as a message per frame. node-pty hands over strings
 * decoded from UTF-8 (never a split character); the batcher only concatenates, and never
 * ends a batch on the first half of a surrogate pair, so a batch is always valid text.
 */
export class OutputBatcher {
  private parts: string[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSentAt = -Infinity;

  constructor(private readonly send: (data: string) => void) {}

  push(data: string): void {
    if (!data) return;
    // Never past the limit by a whole pty batch: what is queued goes first.
    if (this.size > 0 && this.size + data.length > BATCH_MAX_CHARS) this.flush();
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= BATCH_MAX_CHARS || (this.timer === undefined && Date.now() - this.lastSentAt >= QUIET_MS)) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_DURATION_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.size) return;
    let data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const last = data.charCodeAt(data.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      // Hold a lone high surrogate back for its partner.
      this.parts.push(data.slice(-1));
      this.size = 1;
      data = data.slice(0, -1);
      this.timer = setTimeout(() => this.flush(), BATCH_DURATION_MS);
    }
    if (data) {
      this.lastSentAt = Date.now();
      this.send(data);
    }
  }

  /** Drops what is queued (the client is paused and will get a snapshot instead). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.parts = [];
    this.size = 0;
  }

  dispose(): void {
    this.clear();
  }
}
