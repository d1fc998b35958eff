/**
 * A command's output text is kept whole up to a generous cap, then as head + tail around a
 * marker: the start says what the command did, the end how it finished, and a runaway
 * `cat` of a 100 MB log cannot bloat the incident.
 */

/** 1 Mi characters: several thousand screens, far past what a responder reads, still small on disk. */
export const OUTPUT_TEXT_CAP = 1024 * 1024;

export function outputMarker(omitted: number): string {
  return `\n… [${omitted} characters of output omitted] …\n`;
}

export interface CappedOutput {
  text: string;
  truncated: boolean;
}

export function capOutputText(text: string, cap = OUTPUT_TEXT_CAP): CappedOutput {
  if (text.length <= cap) return { text, truncated: false };
  const head = Math.floor(cap / 2);
  const tail = cap - head;
  let headEnd = head;
  let tailStart = text.length - tail;
  // Don't split a surrogate pair: it would leave a lone half that renders as garbage.
  if (isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd -= 1;
  if (isLowSurrogate(text.charCodeAt(tailStart))) tailStart += 1;
  return {
    text: text.slice(0, headEnd) + outputMarker(tailStart - headEnd) + text.slice(tailStart),
    truncated: true,
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
