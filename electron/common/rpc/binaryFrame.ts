import type { HostMessage } from './protocol';

/**
 * An event whose payload carries bytes (terminal output) travels as one binary frame instead
 * of JSON: a JSON string of a megabyte of output costs the page a parse and a UTF-16 copy,
 * and xterm.js takes the UTF-8 bytes as they are (`write(Uint8Array)`).
 *
 * Frame: a 4-byte little-endian length N, N bytes of UTF-8 JSON (the `evt` message with the
 * payload's other fields), then the payload's `data` bytes to the end of the frame.
 */
export interface BytesPayload {
  data: Uint8Array;
}

export function isBytesPayload(v: unknown): v is BytesPayload {
  return typeof v === 'object' && v !== null && (v as BytesPayload).data instanceof Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEventFrame(id: number, payload: BytesPayload): Uint8Array {
  const { data, ...rest } = payload;
  const header = encoder.encode(JSON.stringify({ t: 'evt', id, v: rest } satisfies HostMessage));
  const frame = new Uint8Array(4 + header.length + data.length);
  new DataView(frame.buffer).setUint32(0, header.length, true);
  frame.set(header, 4);
  frame.set(data, 4 + header.length);
  return frame;
}

/** The `evt` message of a frame, its `data` a view into the frame; null for a frame that is not one. */
export function decodeEventFrame(frame: Uint8Array): Extract<HostMessage, { t: 'evt' }> | null {
  if (frame.length < 4) return null;
  const length = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, true);
  if (4 + length > frame.length) return null;
  try {
    const message = JSON.parse(decoder.decode(frame.subarray(4, 4 + length))) as HostMessage;
    if (message.t !== 'evt' || typeof message.v !== 'object' || message.v === null) return null;
    return { ...message, v: { ...message.v, data: frame.subarray(4 + length) } };
  } catch {
    return null;
  }
}
