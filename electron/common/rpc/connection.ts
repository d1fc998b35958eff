import type { Event } from '../event';

/**
 * A duplex channel between a client and the host: a WebSocket, an Electron MessagePort, or
 * an in-memory pair in tests. The RPC layer speaks JSON over it, and sends events that carry
 * bytes (terminal output) as binary frames (binaryFrame.ts); it knows nothing else about the
 * transport. Clients only ever send text.
 */
export type WireMessage = string | Uint8Array;

export interface MessageConnection {
  send(message: WireMessage): void;
  readonly onDidReceiveMessage: Event<WireMessage>;
  readonly onDidClose: Event<void>;
  close(): void;
}
