import { AsciicastWriter } from '../../terminal/asciicastWriter';
import type { OutputChunk } from '../../store/incidentStore';

/** What replaces a secret value in a recording. */
const MASK = '********';
/** Values shorter than this are not masked: "1" or "yes" would shred the recording. */
const MIN_SECRET_CHARS = 4;

export interface CastOptions {
  cols: number;
  rows: number;
  title?: string;
  /** Values to mask wherever they appear in the output (secret incident inputs). */
  secrets: string[];
}

/**
 * A session's stored raw output as an asciicast v2 text. The header has no `env`; secret
 * values are masked even across a row boundary, by holding back the tail of each row that
 * could begin one and joining it to the next.
 */
export function castForSession(chunks: Iterable<OutputChunk>, options: CastOptions): string {
  const secrets = options.secrets.filter((s) => s.length >= MIN_SECRET_CHARS).sort((a, b) => b.length - a.length);
  const holdBack = Math.max(0, ...secrets.map((s) => s.length - 1));
  const decoder = new TextDecoder();
  let writer: AsciicastWriter | undefined;
  let carry = '';
  let carryAt = 0;
  for (const chunk of chunks) {
    writer ??= new AsciicastWriter({ width: options.cols, height: options.rows, timestamp: chunk.at / 1000, title: options.title });
    let text = mask(carry + decoder.decode(chunk.data), secrets);
    carry = '';
    if (holdBack > 0 && text.length > holdBack) {
      carry = text.slice(-holdBack);
      text = text.slice(0, -holdBack);
    } else if (holdBack > 0) {
      carry = text;
      text = '';
    }
    carryAt = chunk.at;
    if (text) writer.output({ time: chunk.at, data: text });
  }
  writer ??= new AsciicastWriter({ width: options.cols, height: options.rows, timestamp: Date.now() / 1000, title: options.title });
  if (carry) writer.output({ time: carryAt, data: mask(carry, secrets) });
  return writer.toString();
}

function mask(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}
