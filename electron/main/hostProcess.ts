import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import path from 'node:path';
import { HOST_CHANNELS } from '../common/hostChannels';
import { isPrintPdfRequest, type PrintPdfResult } from '../common/hostPrintMessages';
import { printReportPdf } from './printReportPdf';

/** Why 1 s: a crash loop must not spin the CPU, a single crash should barely be noticed. */
const RESTART_DELAY_MS = 1_000;

/**
 * Runs the host (all services, the store, the ptys) in a utility process and
 * hands each window a MessagePort to it. If the host dies it is restarted and
 * the window gets a new port; the window itself stays.
 */
export class HostProcess {
  private child: UtilityProcess | undefined;
  private readonly windows = new Set<WebContents>();
  private stopping = false;

  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    const child = utilityProcess.fork(this.entry, [], {
      serviceName: 'War Room host',
      env: { ...process.env, ...this.env },
      stdio: 'inherit',
    });
    this.child = child;
    child.on('message', (message: unknown) => {
      if (!isPrintPdfRequest(message)) return;
      printReportPdf(message.html).then(
        (pdf) => child.postMessage({ type: 'print-pdf-result', id: message.id, pdfBase64: pdf.toString('base64') } satisfies PrintPdfResult),
        (error: Error) => child.postMessage({ type: 'print-pdf-result', id: message.id, error: error.message } satisfies PrintPdfResult),
      );
    });
    child.on('exit', (code) => {
      if (this.stopping) return;
      console.error(`War Room host exited with code ${code}; restarting.`);
      for (const contents of this.windows) if (!contents.isDestroyed()) contents.send(HOST_CHANNELS.hostExit);
      setTimeout(() => {
        this.start();
        for (const contents of this.windows) this.connect(contents, true);
      }, RESTART_DELAY_MS);
    });
  }

  /** Gives a window its own port to the host. */
  connect(contents: WebContents, afterRestart = false): void {
    if (!this.child) throw new Error('host not started');
    this.windows.add(contents);
    contents.once('destroyed', () => this.windows.delete(contents));
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage(afterRestart ? HOST_CHANNELS.hostReady : HOST_CHANNELS.port, null, [port2]);
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill();
  }
}

export function hostEntry(mainDir: string): string {
  return path.join(mainDir, '..', 'node', 'utilityHost.js');
}
