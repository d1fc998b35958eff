import fs from 'node:fs';
import path from 'node:path';

/**
 * The host's log file (`<data>/logs/warroom.log`): stack traces and refusals go
 * here, never on the responder's screen.
 */
export class HostLog {
  private readonly file: string;

  constructor(dataDir: string) {
    const dir = path.join(dataDir, 'logs');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = path.join(dir, 'warroom.log');
  }

  get path(): string {
    return this.file;
  }

  info(line: string): void {
    this.write('info', line);
  }

  error(error: unknown, context: string): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.write('error', `${context}: ${detail}`);
  }

  private write(level: string, text: string): void {
    try {
      fs.appendFileSync(this.file, `${new Date().toISOString()} ${level} ${text}\n`, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not take the console down with it.
    }
  }
}
