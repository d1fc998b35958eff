import { Emitter } from '../../../electron/common/event';
import type { MessageConnection, WireMessage } from '../../../electron/common/rpc/connection';

/** Opens one WebSocket to the host as a MessageConnection; resolves once open. */
export function openWebSocketConnection(url: string): Promise<MessageConnection> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    // Terminal output comes as binary frames: an ArrayBuffer is at hand at once (a Blob is not).
    socket.binaryType = 'arraybuffer';
    const message = new Emitter<WireMessage>();
    const close = new Emitter<void>();
    let opened = false;
    socket.onopen = () => {
      opened = true;
      resolve({
        send: (wire) => {
          if (socket.readyState === WebSocket.OPEN) socket.send(wire);
        },
        onDidReceiveMessage: message.event,
        onDidClose: close.event,
        close: () => socket.close(),
      });
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') message.fire(event.data);
      else if (event.data instanceof ArrayBuffer) message.fire(new Uint8Array(event.data));
    };
    socket.onclose = () => {
      if (!opened) reject(new Error('WebSocket closed before it opened'));
      close.fire();
    };
  });
}
