import type { Disposable } from '../../../common/event';
import type { TerminalOutput } from '../../../common/services/terminalService';
import { ClientOutputChannel } from '../../terminal/clientOutputChannel';
import type { PtyHost } from '../../terminal/ptyHost';

/**
 * Each client's view of each session: its own batching and watermark (ClientOutputChannel),
 * so a slow browser tab pauses only itself, never the pty or another client. A client is
 * named by the id it subscribes with and acknowledges with, inside the protocol.
 */
export class ClientStreams implements Disposable {
  private readonly channels = new Map<string, Map<string, ClientOutputChannel>>();
  private readonly listener: Disposable;

  constructor(private readonly ptys: PtyHost) {
    this.listener = ptys.onDidData(({ sessionId, data }) => {
      const clients = this.channels.get(sessionId);
      if (clients) for (const channel of clients.values()) channel.push(data);
    });
  }

  /** Starts a client's stream with a snapshot of the screen, then live output. */
  attach(sessionId: string, clientId: string, send: (output: TerminalOutput) => void): Disposable {
    this.ptys.get(sessionId); // Throws for a session that does not exist.
    let clients = this.channels.get(sessionId);
    if (!clients) this.channels.set(sessionId, (clients = new Map()));
    clients.get(clientId)?.dispose();
    const channel = new ClientOutputChannel(
      (message) => send({ kind: message.kind, data: message.data }),
      // A session that ended keeps the client's screen as it was.
      async (scope) => {
        try {
          return await this.ptys.snapshot(sessionId, scope);
        } catch {
          return '';
        }
      },
    );
    clients.set(clientId, channel);
    channel.resync();
    return {
      dispose: () => {
        channel.dispose();
        if (clients.get(clientId) === channel) clients.delete(clientId);
        if (clients.size === 0 && this.channels.get(sessionId) === clients) this.channels.delete(sessionId);
      },
    };
  }

  ack(sessionId: string, clientId: string, bytes: number): void {
    this.channels.get(sessionId)?.get(clientId)?.ack(bytes);
  }

  /** The client dropped output it could not draw: the current screen, its scrollback once output is quiet. */
  redraw(sessionId: string, clientId: string): void {
    this.channels.get(sessionId)?.get(clientId)?.resync('screen');
  }

  dispose(): void {
    this.listener.dispose();
    for (const clients of this.channels.values()) for (const channel of clients.values()) channel.dispose();
    this.channels.clear();
  }
}
