import { Emitter } from '../event';
import type { MessageConnection, WireMessage } from './connection';

/**
 * Two connected in-memory ends, delivering asynchronously like a real channel.
 * Used by unit tests and by in-process hosts (the CLI) that need no transport.
 */
export function createMemoryConnectionPair(): [MessageConnection, MessageConnection] {
  const make = () => ({ message: new Emitter<WireMessage>(), close: new Emitter<void>(), closed: false });
  const a = make();
  const b = make();
  const end = (self: typeof a, other: typeof a): MessageConnection => ({
    send(message) {
      if (self.closed) return;
      // Bytes are copied, as a real channel would.
      const copy = typeof message === 'string' ? message : message.slice();
      queueMicrotask(() => other.message.fire(copy));
    },
    onDidReceiveMessage: self.message.event,
    onDidClose: self.close.event,
    close() {
      if (self.closed) return;
      self.closed = other.closed = true;
      queueMicrotask(() => {
        self.close.fire();
        other.close.fire();
      });
    },
  });
  return [end(a, b), end(b, a)];
}
