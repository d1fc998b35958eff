import WebSocket from 'ws';
import { RpcClient } from '../../electron/common/rpc/rpcClient';
import { IncidentServiceContract, type IncidentService } from '../../electron/common/services/incidentService';
import { TerminalServiceContract, type TerminalService } from '../../electron/common/services/terminalService';
import { wsConnection } from '../../electron/node/server/wsConnection';
import type { ServedConsole } from './startServedConsole';

export interface ServedClient {
  incidents: IncidentService;
  terminals: TerminalService;
  close: () => void;
  onDidClose: (listener: () => void) => void;
}

/** A direct RPC client of a served host (what the page does, without a browser). */
export async function connectToServed(served: Pick<ServedConsole, 'origin' | 'token'>): Promise<ServedClient> {
  const socket = new WebSocket(`${served.origin.replace('http', 'ws')}/rpc?token=${served.token}`, { headers: { Origin: served.origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const connection = wsConnection(socket);
  const client = new RpcClient(connection);
  return {
    incidents: client.getService(IncidentServiceContract),
    terminals: client.getService(TerminalServiceContract),
    close: () => socket.close(),
    onDidClose: (listener) => void connection.onDidClose(listener),
  };
}
