import WebSocket from 'ws';
import { Emitter } from '../../electron/common/event';
import type { MessageConnection } from '../../electron/common/rpc/connection';
import { RpcClient } from '../../electron/common/rpc/rpcClient';
import { IncidentServiceContract, type IncidentService } from '../../electron/common/services/incidentService';
import type { ServedConsole } from './servedConsole';

/** A direct RPC client of a served host (what the page does, without a browser). */
export async function connectToServed(served: Pick<ServedConsole, 'origin' | 'token'>): Promise<{ incidents: IncidentService; close: () => void; onDidClose: (listener: () => void) => void }> {
  const socket = new WebSocket(`${served.origin.replace('http', 'ws')}/rpc?token=${served.token}`, { headers: { Origin: served.origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const message = new Emitter<string>();
  const close = new Emitter<void>();
  socket.on('message', (data) => message.fire(data.toString()));
  socket.on('close', () => close.fire());
  socket.on('error', () => {});
  const connection: MessageConnection = {
    send: (text) => socket.readyState === WebSocket.OPEN && socket.send(text),
    onDidReceiveMessage: message.event,
    onDidClose: close.event,
    close: () => socket.close(),
  };
  const client = new RpcClient(connection);
  return { incidents: client.getService(IncidentServiceContract), close: () => socket.close(), onDidClose: (listener) => void close.event(listener) };
}
