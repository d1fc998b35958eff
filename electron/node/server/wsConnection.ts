import type { WebSocket } from 'ws';
import { Emitter } from '../../common/event';
import type { MessageConnection, WireMessage } from '../../common/rpc/connection';

/**
 * A `ws` socket as a MessageConnection: for the RpcServer (it receives text, sends text and
 * binary frames) and for Node clients of a served host (tests, benches: they receive both).
 */
export function wsConnection(socket: WebSocket): MessageConnection {
  const message = new Emitter<WireMessage>();
  const close = new Emitter<void>();
  socket.on('message', (data, isBinary) => {
    if (!isBinary) message.fire(data.toString());
    else if (Buffer.isBuffer(data)) message.fire(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  socket.on('close', () => {
    close.fire();
    message.dispose();
    close.dispose();
  });
  socket.on('error', () => socket.terminate());
  return {
    send(wire) {
      if (socket.readyState === socket.OPEN) socket.send(wire);
    },
    onDidReceiveMessage: message.event,
    onDidClose: close.event,
    close: () => socket.close(),
  };
}
