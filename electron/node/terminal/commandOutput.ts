import { HeadlessText } from './headlessText';

/**
 * Raw output kept whole for a record: 1 MiB (in UTF-16 units) covers any listing or log
 * excerpt a responder reads in a terminal, and costs ~20 ms of headless parsing. Beyond it
 * the record keeps the head and the tail, the parts that say what started and how it ended.
 */
export const OUTPUT_CAP_CHARS = 1024 * 1024;
/** Half the cap goes to the head. */
const HEAD_CHARS = OUTPUT_CAP_CHARS / 2;
/** The other half to the tail. */
const TAIL_CHARS = OUTPUT_CAP_CHARS - HEAD_CHARS;

export interface CommandOutput {
  text: string;
  /** UTF-8 bytes of raw output received. */
  bytes: number;
  truncated: boolean;
}

/**
 * Collects one command's output for its record with bounded memory and bounded work:
 * at most HEAD_CHARS go through a headless terminal while the command runs, at most
 * TAIL_CHARS of the latest raw output wait in a ring, and the rest is only counted. So a
 * command printing 100 MB costs what 1 MB does, and the pty is never slowed by it.
 */
export class CommandOutputRecorder {
  private readonly head: HeadlessText;
  private headChars = 0;
  private headBytes = 0;
  /** Raw output after the head: whole until the cap is passed, then the latest TAIL_CHARS. */
  private rest: string[] = [];
  private restChars = 0;
  private totalBytes = 0;
  private dropped = false;

  constructor(
    private readonly cols: number,
    private readonly rows: number,
  ) {
    this.head = new HeadlessText(cols, rows);
  }

  write(data: string): void {
    if (!data) return;
    this.totalBytes += Buffer.byteLength(data);
    if (this.headChars < HEAD_CHARS) {
      const take = safeCut(data, HEAD_CHARS - this.headChars);
      const part = data.slice(0, take);
      this.head.write(part);
      this.headChars += part.length;
      this.headBytes += Buffer.byteLength(part);
      data = data.slice(take);
      if (!data) return;
    }
    this.rest.push(data);
    this.restChars += data.length;
    if (this.headChars + this.restChars > OUTPUT_CAP_CHARS) this.trimRest();
  }

  async finish(): Promise<CommandOutput> {
    try {
      if (!this.dropped) {
        for (const chunk of this.rest) this.head.write(chunk);
        return { text: await this.head.text(), bytes: this.totalBytes, truncated: false };
      }
      const headText = await this.head.text();
      const tailRaw = this.rest.join('');
      const tail = new HeadlessText(this.cols, this.rows);
      tail.write(tailRaw);
      let tailText = await tail.text();
      tail.dispose();
      // The ring starts mid-line (maybe mid-escape): drop that partial first line.
      const firstBreak = tailText.indexOf('\n');
      if (firstBreak >= 0) tailText = tailText.slice(firstBreak + 1);
      const omitted = this.totalBytes - this.headBytes - Buffer.byteLength(tailRaw);
      return {
        text: `${headText}\n… [${omitted} bytes omitted] …\n${tailText}`,
        bytes: this.totalBytes,
        truncated: true,
      };
    } finally {
      this.head.dispose();
      this.rest = [];
    }
  }

  /** Frees the headless terminal without producing a record. */
  dispose(): void {
    this.head.dispose();
    this.rest = [];
  }

  private trimRest(): void {
    this.dropped = true;
    while (this.rest.length > 1 && this.restChars - (this.rest[0]?.length ?? 0) >= TAIL_CHARS) {
      this.restChars -= this.rest.shift()?.length ?? 0;
    }
    const first = this.rest[0];
    if (first !== undefined && this.restChars > TAIL_CHARS) {
      const cut = safeCut(first, this.restChars - TAIL_CHARS);
      this.rest[0] = first.slice(cut);
      this.restChars -= cut;
    }
  }
}

/** `n`, moved forward by one if cutting there would split a surrogate pair. */
export function safeCut(text: string, n: number): number {
  if (n <= 0) return 0;
  if (n >= text.length) return text.length;
  const c = text.charCodeAt(n - 1);
  return c >= 0xd800 && c <= 0xdbff ? n + 1 : n;
}
