import type { Page } from '@playwright/test';

/**
 * A test double of the whole Electron bridge (`window.warroomBridge`, electron/common/bridge.ts)
 * for the served console: the host's RPC rides a WebSocket to the real host, as the real bridge
 * rides a MessagePort, and the test plays the native side: `menu(page, command)` is a menu
 * item chosen, `openFolderAnswer` what the choose-folder dialog returns.
 */
export async function installBridgeDouble(page: Page, options: { openFolderAnswer?: string | null } = {}): Promise<void> {
  await page.addInitScript((openFolderAnswer) => {
    type Listener<T> = (value: T) => void;
    const subscribe = <T>(set: Set<Listener<T>>, listener: Listener<T>) => {
      set.add(listener);
      return () => void set.delete(listener);
    };
    const messages = new Set<Listener<string | Uint8Array>>();
    const menu = new Set<Listener<string>>();
    const queue: string[] = [];
    const url = new URL('rpc', location.href);
    url.protocol = 'ws:';
    url.search = '';
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => queue.splice(0).forEach((m) => socket.send(m));
    // Text, or a binary frame of terminal output, as the real bridge hands them on.
    socket.onmessage = (event) => messages.forEach((l) => l(typeof event.data === 'string' ? event.data : new Uint8Array(event.data as ArrayBuffer)));
    const w = window as unknown as Record<string, unknown>;
    w.warroomBridge = {
      kind: 'electron',
      send: (message: string) => (socket.readyState === WebSocket.OPEN ? socket.send(message) : queue.push(message)),
      onMessage: (listener: Listener<string | Uint8Array>) => subscribe(messages, listener),
      onHostExit: () => () => {},
      onHostReady: () => () => {},
      onMenuCommand: (listener: Listener<string>) => subscribe(menu, listener),
      provideRunningCommands: () => () => {},
      showOpenFolderDialog: async () => openFolderAnswer,
    };
    w.__warroomMenu = (command: string) => menu.forEach((l) => l(command));
  }, options.openFolderAnswer ?? null);
}

/** A native menu item was chosen (main sends its command to the page). */
export async function menu(page: Page, command: 'new-incident' | 'open-runbook-folder' | 'export-report' | 'toggle-theme'): Promise<void> {
  await page.evaluate((c) => (window as unknown as { __warroomMenu(c: string): void }).__warroomMenu(c), command);
}
