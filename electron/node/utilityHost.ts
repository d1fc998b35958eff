import { Emitter } from '../common/event';
import type { MessageConnection } from '../common/rpc/connection';
import { resolveDataDir } from './dataDir';
import { WarroomHost } from './host/warroomHost';
import { HostLog } from './hostLog';

/**
 * The host inside the Electron app: an Electron utility process (plain Node plus
 * `process.parentPort`). Main sends one MessagePort per window; each becomes an
 * RPC connection. This file never imports electron: the two shapes it uses are
 * declared here.
 */
interface PortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: PortLike[] }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('utilityHost: must run inside Electron as a utility process.\n');
  process.exit(1);
}

const dataDir = resolveDataDir(undefined);
const log = new HostLog(dataDir);
const host = new WarroomHost({ dataDir, host: 'electron', logError: (error, context) => log.error(error, context) });

parentPort.on('message', ({ ports }) => {
  for (const port of ports) host.rpc.connect(portConnection(port));
});

function portConnection(port: PortLike): MessageConnection {
  const message = new Emitter<string>();
  const close = new Emitter<void>();
  port.on('message', ({ data }) => typeof data === 'string' && message.fire(data));
  port.on('close', () => close.fire());
  port.start();
  return { send: (text) => port.postMessage(text), onDidReceiveMessage: message.event, onDidClose: close.event, close: () => port.close() };
}
