import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CapturedCommand, TerminalSessionInfo } from '../../../../../electron/common/terminal/model';
import { PtyHost } from '../../../../../electron/node/terminal/ptyHost';

/** A PtyHost with a throwaway HOME (holding the given dotfiles), deleted by `dispose`. */
export class TerminalHarness {
  readonly home = mkdtempSync(join(tmpdir(), 'wr-term-'));
  readonly host = new PtyHost({ tempRoot: this.home });
  readonly records: CapturedCommand[] = [];
  readonly screen = new Map<string, string>();

  constructor(dotfiles: Record<string, string> = {}, options: { keepScreen?: boolean } = {}) {
    for (const [name, text] of Object.entries(dotfiles)) writeFileSync(join(this.home, name), text);
    this.host.onDidFinishCommand((r) => this.records.push(r));
    if (options.keepScreen !== false) {
      this.host.onDidData((e) => this.screen.set(e.sessionId, (this.screen.get(e.sessionId) ?? '') + e.data));
    }
  }

  /** Opens a terminal and waits for its first prompt (or a moment, without integration). */
  async open(shell = '/bin/bash', cwd = this.home): Promise<TerminalSessionInfo> {
    const info = this.host.create({
      incidentId: 'inc-1',
      shell,
      cwd,
      cols: 100,
      rows: 30,
      env: { ...(process.env as Record<string, string>), HOME: this.home, ZDOTDIR: this.home },
    });
    if (info.captureOn) await this.until(() => this.host.get(info.id).state === 'idle', 10_000);
    else await new Promise((r) => setTimeout(r, 300));
    return this.host.get(info.id);
  }

  /** Types `text` + Enter like a user and resolves with the record of the command it ran. */
  async type(id: string, text: string, timeoutMs = 10_000): Promise<CapturedCommand> {
    const before = this.records.length;
    this.host.write(id, text + '\r');
    return this.nextRecord(before, timeoutMs);
  }

  async nextRecord(after: number, timeoutMs = 10_000): Promise<CapturedCommand> {
    await this.until(() => this.records.length > after, timeoutMs);
    return this.records[after] as CapturedCommand;
  }

  async idle(id: string, timeoutMs = 10_000): Promise<void> {
    await this.until(() => this.host.get(id).state === 'idle', timeoutMs);
  }

  async until(condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the terminal');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async dispose(): Promise<void> {
    await this.host.dispose();
    rmSync(this.home, { recursive: true, force: true });
  }
}
