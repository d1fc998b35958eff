/** Header of an asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/). */
export interface AsciicastHeader {
  width: number;
  height: number;
  /** Unix time in seconds of the recording's start. */
  timestamp: number;
  title?: string;
}

export interface AsciicastOutput {
  /** Epoch milliseconds the chunk arrived. */
  time: number;
  data: string;
}

/**
 * Writes an asciicast v2 `.cast` text: a JSON header line, then one `[seconds, "o", data]`
 * line per output chunk. The header carries no `env`: a responder's environment does not
 * belong in a file meant to be shared.
 */
export class AsciicastWriter {
  private readonly lines: string[] = [];
  private readonly startMs: number;

  constructor(header: AsciicastHeader) {
    const head: Record<string, unknown> = {
      version: 2,
      width: header.width,
      height: header.height,
      timestamp: Math.floor(header.timestamp),
    };
    if (header.title) head.title = header.title;
    this.lines.push(JSON.stringify(head));
    this.startMs = header.timestamp * 1000;
  }

  output(chunk: AsciicastOutput): void {
    // Microsecond precision, as asciinema writes; a chunk before the start is clamped to 0.
    const seconds = Math.max(0, Math.round((chunk.time - this.startMs) * 1000) / 1e6);
    this.lines.push(JSON.stringify([seconds, 'o', chunk.data]));
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  /** Convenience for a whole recording at once. */
  static write(header: AsciicastHeader, chunks: Iterable<AsciicastOutput>): string {
    const writer = new AsciicastWriter(header);
    for (const chunk of chunks) writer.output(chunk);
    return writer.toString();
  }
}
