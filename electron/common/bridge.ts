/**
 * The one object the Electron preload exposes to the renderer (as
 * `window.warroomBridge`): a message pipe to the host, carrying the same RPC
 * messages as the WebSocket of `warroom serve`. Nothing else of Node or Electron
 * reaches the page.
 */
export interface WarroomBridge {
  readonly kind: 'electron';
  send(message: string): void;
  /** Returns an unsubscribe function. */
  onMessage(listener: (message: string) => void): () => void;
  /** Fires when the host process went away (it is restarted; the window stays). */
  onHostExit(listener: () => void): () => void;
  /** Fires when a restarted host is ready: the renderer re-subscribes. */
  onHostReady(listener: () => void): () => void;
}

export const BRIDGE_GLOBAL = 'warroomBridge';
