import type { WebSocket } from 'ws';
import { Emitter } from '../../common/event';
import type { MessageConnection } from '../../common/rpc/connection';

/** A `ws` socket as a MessageConnection for the RpcServer. */
export function wsConnection(socket: WebSocket): MessageConnection {
  const message = new Emitter<string>();
  const close = new Emitter<void>();
  socket.on('message', (data, isBinary) => {
    if (!isBinary) message.fire(data.toString());
  });
  socket.on('close', () => {
    close.fire();
    message.dispose();
    close.dispose();
  });
  socket.on('error', () => socket.terminate());
  return {
    send(text) {
      if (socket.readyState === socket.OPEN) socket.send(text);
    },
    onDidReceiveMessage: message.event,
    onDidClose: close.event,
    close: () => socket.close(),
  };
}
