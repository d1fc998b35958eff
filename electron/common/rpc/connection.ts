import type { Event } from '../event';

/**
 * A duplex text channel between a client and the host: a WebSocket, an Electron
 * MessagePort, or an in-memory pair in tests. The RPC layer speaks JSON over it
 * and knows nothing else about the transport.
 */
export interface MessageConnection {
  send(message: string): void;
  readonly onDidReceiveMessage: Event<string>;
  readonly onDidClose: Event<void>;
  close(): void;
}
