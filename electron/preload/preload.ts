import { contextBridge, ipcRenderer } from 'electron';
import { APP_CHANNELS } from '../common/appChannels';
import { BRIDGE_GLOBAL, isMenuCommand, type MenuCommand, type RunningCommandsAnswer, type WarroomBridge } from '../common/bridge';
import { HOST_CHANNELS } from '../common/hostChannels';

// The one object the page gets: a message pipe to the host. Messages sent before
// the port arrives wait in a queue; the page never sees the port or ipcRenderer.
let port: MessagePort | null = null;
const queue: string[] = [];
const messageListeners = new Set<(message: string | Uint8Array) => void>();
const exitListeners = new Set<() => void>();
const readyListeners = new Set<() => void>();
const menuListeners = new Set<(command: MenuCommand) => void>();
let runningProvider: (() => RunningCommandsAnswer | Promise<RunningCommandsAnswer>) | null = null;

function adopt(next: MessagePort): void {
  port = next;
  port.onmessage = (event: MessageEvent) => {
    // Text, or a binary frame of terminal output (a Uint8Array crosses the bridge as a copy).
    const data: unknown = event.data;
    if (typeof data === 'string' || data instanceof Uint8Array) for (const listener of messageListeners) listener(data);
  };
  port.start();
  for (const message of queue.splice(0)) port.postMessage(message);
}

ipcRenderer.on(HOST_CHANNELS.port, (event) => event.ports[0] && adopt(event.ports[0]));
ipcRenderer.on(HOST_CHANNELS.hostExit, () => {
  port?.close();
  port = null;
  for (const listener of exitListeners) listener();
});
ipcRenderer.on(HOST_CHANNELS.hostReady, (event) => {
  if (!event.ports[0]) return;
  adopt(event.ports[0]);
  for (const listener of readyListeners) listener();
});

ipcRenderer.on(APP_CHANNELS.menuCommand, (_event, command: unknown) => {
  if (isMenuCommand(command)) for (const listener of menuListeners) listener(command);
});
// Main waits only briefly for this answer; a page that throws or has no provider answers "nothing runs".
ipcRenderer.on(APP_CHANNELS.queryRunning, async (_event, id: unknown) => {
  let answer: RunningCommandsAnswer = { running: 0 };
  try {
    if (runningProvider) answer = await runningProvider();
  } catch {
    answer = { running: 0 };
  }
  ipcRenderer.send(APP_CHANNELS.runningAnswer, { id, answer });
});

const subscribe = <T>(set: Set<T>, listener: T) => {
  set.add(listener);
  return () => void set.delete(listener);
};

const bridge: WarroomBridge = {
  kind: 'electron',
  send(message) {
    if (port) port.postMessage(message);
    else queue.push(message);
  },
  onMessage: (listener) => subscribe(messageListeners, listener),
  onHostExit: (listener) => subscribe(exitListeners, listener),
  onHostReady: (listener) => subscribe(readyListeners, listener),
  onMenuCommand: (listener) => subscribe(menuListeners, listener),
  provideRunningCommands(provider) {
    runningProvider = provider;
    return () => {
      if (runningProvider === provider) runningProvider = null;
    };
  },
  showOpenFolderDialog: (request) => ipcRenderer.invoke(APP_CHANNELS.showOpenFolderDialog, request),
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
