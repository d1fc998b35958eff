/**
 * The one object the Electron preload exposes to the renderer (as
 * `window.warroomBridge`): a message pipe to the host, carrying the same RPC
 * messages as the WebSocket of `warroom serve`. Nothing else of Node or Electron
 * reaches the page.
 */
export interface WarroomBridge {
  readonly kind: 'electron';
  send(message: string): void;
  /** Host messages: JSON text, or a binary frame of terminal output. Returns an unsubscribe function. */
  onMessage(listener: (message: string | Uint8Array) => void): () => void;
  /** Fires when the host process went away (it is restarted; the window stays). */
  onHostExit(listener: () => void): () => void;
  /** Fires when a restarted host is ready: the renderer re-subscribes. */
  onHostReady(listener: () => void): () => void;
  /** A native menu item the page acts on (it knows the open incident, the theme). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /**
   * Registers the page's answer to "is anything still running?", asked before
   * the app quits. One provider at a time; returns an unregister function.
   * Without a provider, or when it is slow, main assumes nothing runs.
   */
  provideRunningCommands(provider: () => RunningCommandsAnswer | Promise<RunningCommandsAnswer>): () => void;
  /** The native choose-a-folder dialog; resolves to the folder, or null when cancelled. */
  showOpenFolderDialog(request: OpenFolderDialogRequest): Promise<string | null>;
}

/** What the native menu asks of the page; everything else the menu does itself. */
export const MENU_COMMANDS = ['new-incident', 'open-runbook-folder', 'export-report', 'toggle-theme'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export interface RunningCommandsAnswer {
  /** Commands still running in the incidents' terminals. */
  running: number;
  /** A few of their command lines, quoted in the quit dialog. */
  examples?: string[];
}

export interface OpenFolderDialogRequest {
  title?: string;
}

export const BRIDGE_GLOBAL = 'warroomBridge';
