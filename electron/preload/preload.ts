import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, type WarroomBridge } from '../common/bridge';
import { HOST_CHANNELS } from '../common/hostChannels';

// The one object the page gets: a message pipe to the host. Messages sent before
// the port arrives wait in a queue; the page never sees the port or ipcRenderer.
let port: MessagePort | null = null;
const queue: string[] = [];
const messageListeners = new Set<(message: string) => void>();
const exitListeners = new Set<() => void>();
const readyListeners = new Set<() => void>();

function adopt(next: MessagePort): void {
  port = next;
  port.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'string') for (const listener of messageListeners) listener(event.data);
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
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
