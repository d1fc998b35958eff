/**
 * The `cast` export: one asciicast v2 recording per terminal session, from the raw output the
 * store kept with its arrival times. The header carries no environment, and the output is
 * redacted like every other format — across chunk boundaries too, since a secret can arrive
 * split over two reads of the pty.
 */
import type { Redactor } from '../../common/report/redaction';
import { redactionMarker } from '../../common/report/redaction';
import type { IncidentStore, OutputChunk } from '../store/incidentStore';
import { AsciicastWriter } from '../terminal/asciicastWriter';

/** The recording's size when the tab's own is not known: a common laptop terminal. */
const DEFAULT_COLS = 120;
const DEFAULT_ROWS = 36;

export interface SessionCast {
  sessionId: string;
  text: string;
}

export function castSessions(store: IncidentStore, sessionIds: readonly string[], redactor: Redactor, title: string): SessionCast[] {
  return sessionIds.map((sessionId, i) => ({
    sessionId,
    text: castSession([...store.iterateOutputChunks(sessionId)], redactor, `${title} — terminal ${i + 1}`, `Terminal ${i + 1} output`),
  }));
}

export function castSession(chunks: readonly OutputChunk[], redactor: Redactor, title: string, where: string): string {
  const decoder = new TextDecoder();
  const texts = chunks.map((chunk, i) => decoder.decode(chunk.data, { stream: i < chunks.length - 1 }));
  const whole = texts.join('');
  const matches = redactor.matches(whole, where);
  const writer = new AsciicastWriter({ width: DEFAULT_COLS, height: DEFAULT_ROWS, timestamp: (chunks[0]?.at ?? Date.now()) / 1000, title });
  let m = 0;
  let chunkStart = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunkEnd = chunkStart + texts[i]!.length;
    let out = '';
    let pos = chunkStart;
    while (m < matches.length && matches[m]!.start < chunkEnd) {
      const match = matches[m]!;
      // A secret that began in an earlier chunk was replaced there; drop the rest of it here.
      if (match.start >= pos) out += whole.slice(pos, match.start) + redactionMarker(match.kind);
      pos = Math.min(Math.max(pos, match.end), chunkEnd);
      if (match.end > chunkEnd) break;
      m++;
    }
    if (pos < chunkEnd) out += whole.slice(pos, chunkEnd);
    if (out) writer.output({ time: chunks[i]!.at, data: out });
    chunkStart = chunkEnd;
  }
  return writer.toString();
}
