/**
 * Terminal recordings: the raw output the store kept per session with its arrival times, and
 * the `cast` export made from it — one asciicast v2 recording per session. The header carries
 * no environment, and the output is redacted by the export's one Redactor (every secret of the
 * incident, wherever it was found), across chunk boundaries too, since a secret can arrive
 * split over two reads of the pty.
 */
import type { Redactor } from '../../common/report/redaction';
import { redactionMarker } from '../../common/report/redaction';
import type { Detection } from '../../common/report/secretScanner';
import type { IncidentStore, OutputChunk } from '../store/incidentStore';
import { AsciicastWriter } from '../terminal/asciicastWriter';

/** The recording's size when the tab's own is not known: a common laptop terminal. */
const DEFAULT_COLS = 120;
const DEFAULT_ROWS = 36;

export interface Recording {
  sessionId: string;
  chunks: readonly OutputChunk[];
  /** Each chunk's text (decoded as one UTF-8 stream, so a character split over chunks is whole). */
  texts: string[];
  /** All of it: what the redactor scans. */
  whole: string;
}

export function readRecording(store: IncidentStore, sessionId: string): Recording {
  const chunks = [...store.iterateOutputChunks(sessionId)];
  const decoder = new TextDecoder();
  const texts = chunks.map((chunk, i) => decoder.decode(chunk.data, { stream: i < chunks.length - 1 }));
  return { sessionId, chunks, texts, whole: texts.join('') };
}

/** The recording as asciicast v2, redacted; `detections` are the rules' findings in `whole`. */
export function castRecording(recording: Recording, redactor: Redactor, title: string, where: string, detections?: readonly Detection[]): string {
  const { chunks, texts, whole } = recording;
  const matches = redactor.matches(whole, where, detections);
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
