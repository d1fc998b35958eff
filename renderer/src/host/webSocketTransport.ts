import { Emitter } from '../../../electron/common/event';
import type { MessageConnection } from '../../../electron/common/rpc/connection';

/** Opens one WebSocket to the host as a MessageConnection; resolves once open. */
export function openWebSocketConnection(url: string): Promise<MessageConnection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const message = new Emitter<string>();
    const close = new Emitter<void>();
    let opened = false;
    socket.onopen = () => {
      opened = true;
      resolve({
        send: (text) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(text);
        },
        onDidReceiveMessage: message.event,
        onDidClose: close.event,
        close: () => socket.close(),
      });
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') message.fire(event.data);
    };
    socket.onclose = () => {
      if (!opened) reject(new Error('WebSocket closed before it opened'));
      close.fire();
    };
  });
}
