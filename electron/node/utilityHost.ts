import { UserError } from '../common/errors';
import { Emitter } from '../common/event';
import { isPrintPdfResult, type PrintPdfRequest } from '../common/hostPrintMessages';
import type { MessageConnection, WireMessage } from '../common/rpc/connection';
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
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('utilityHost: must run inside Electron as a utility process.\n');
  process.exit(1);
}

const dataDir = resolveDataDir(undefined);
const log = new HostLog(dataDir);
const port = parentPort;

// PDFs are printed by main with Electron's printToPDF: ask, and wait for the answer with the same id.
const pendingPrints = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();
let nextPrintId = 1;
const printPdf = (html: string) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const id = nextPrintId++;
    pendingPrints.set(id, { resolve, reject });
    port.postMessage({ type: 'print-pdf', id, html } satisfies PrintPdfRequest);
  });

const host = new WarroomHost({ dataDir, host: 'electron', printPdf, logError: (error, context) => log.error(error, context) });

port.on('message', ({ data, ports }) => {
  if (isPrintPdfResult(data)) {
    const pending = pendingPrints.get(data.id);
    pendingPrints.delete(data.id);
    if ('error' in data) pending?.reject(new UserError(`Printing the PDF failed: ${data.error}`, 'E_PDF'));
    else pending?.resolve(new Uint8Array(Buffer.from(data.pdfBase64, 'base64')));
    return;
  }
  for (const messagePort of ports) host.rpc.connect(portConnection(messagePort));
});

function portConnection(port: PortLike): MessageConnection {
  const message = new Emitter<WireMessage>();
  const close = new Emitter<void>();
  port.on('message', ({ data }) => typeof data === 'string' && message.fire(data));
  port.on('close', () => close.fire());
  port.start();
  return { send: (text) => port.postMessage(text), onDidReceiveMessage: message.event, onDidClose: close.event, close: () => port.close() };
}
