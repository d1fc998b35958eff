import fs from 'node:fs';
import path from 'node:path';
import type { Disposable } from '../../common/event';
import { RpcServer } from '../../common/rpc/rpcServer';
import { AppServiceContract } from '../../common/services/appService';
import { IncidentServiceContract } from '../../common/services/incidentService';
import { ReportServiceContract } from '../../common/services/reportService';
import { RunbookServiceContract } from '../../common/services/runbookService';
import { TerminalServiceContract } from '../../common/services/terminalService';
import { RunbookLibrary } from '../library/runbookLibrary';
import { bundledRunbooksDir } from '../packageRoot';
import type { PdfPrinter } from '../report/exportIncident';
import { libraryLookup } from '../report/runbookLookup';
import { AppServiceImpl } from '../services/appServiceImpl';
import { createReportService } from '../services/reportServiceImpl';
import { createRunbookService } from '../services/runbookServiceImpl';
import { TerminalServiceImpl } from '../services/terminalServiceImpl';
import { IncidentServiceImpl } from '../services/incidentServiceImpl';
import { openIncidentStore } from '../services/openIncidentStore';
import type { IncidentStore } from '../store/incidentStore';
import { APP_VERSION } from '../version';

export interface WarroomHostOptions {
  dataDir: string;
  host: 'electron' | 'serve';
  /** Runbook folders for this launch only (`serve --runbooks DIR`). */
  runbookDirs?: string[];
  /** The bundled runbooks; null leaves them out (tests with their own library). */
  bundledRunbooksDir?: string | null;
  heartbeatIntervalMs?: number;
  /** better-sqlite3's addon built for this runtime (the Electron-ABI copy inside the app). */
  sqliteNativeBinding?: string;
  /** How PDFs are printed; inside the Electron app main's printToPDF, else a system Chromium. */
  printPdf?: PdfPrinter;
  logError?: (error: unknown, context: string) => void;
}

/**
 * The host owns every service (store, terminals, runbook library, exporters) and
 * serves them over one RpcServer. The same object runs in `warroom serve` and in
 * the Electron app's utility process, so what the tests drive is what ships.
 */
export class WarroomHost implements Disposable {
  readonly rpc: RpcServer;
  readonly runbooks: RunbookLibrary;
  /** The incident store; null when it refused the database (IncidentService.getStatus says why). */
  readonly incidentStore: IncidentStore | null;
  /** The incidents' terminals; null without a store. */
  readonly terminals: TerminalServiceImpl | null;
  private readonly disposables: { dispose(): void | Promise<void> }[] = [];

  constructor(options: WarroomHostOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.rpc = new RpcServer({ logError: options.logError });
    const app = new AppServiceImpl(
      {
        name: 'War Room',
        version: APP_VERSION,
        host: options.host,
        platform: process.platform,
        dataDir: options.dataDir,
        shell: defaultShell(),
        startedAt: new Date().toISOString(),
      },
      options.heartbeatIntervalMs,
    );
    this.disposables.push(app);
    this.rpc.register(AppServiceContract, app);

    this.runbooks = new RunbookLibrary({
      bundledDir: options.bundledRunbooksDir === undefined ? bundledRunbooksDir() : options.bundledRunbooksDir,
      launchDirs: options.runbookDirs,
      settingsFile: path.join(options.dataDir, 'settings.json'),
    });
    this.disposables.push(this.runbooks);
    this.rpc.register(RunbookServiceContract, createRunbookService(this.runbooks));

    const opened = openIncidentStore(options.dataDir, options.sqliteNativeBinding);
    this.incidentStore = 'store' in opened ? opened.store : null;
    const incidents = new IncidentServiceImpl(opened, this.runbooks);
    this.disposables.push(incidents);
    this.rpc.register(IncidentServiceContract, incidents);

    // Without a store nothing could be recorded: the terminals wait for a usable database.
    this.terminals = this.incidentStore ? new TerminalServiceImpl({ store: this.incidentStore, logError: options.logError }) : null;
    if (this.terminals) {
      this.disposables.push(this.terminals);
      this.rpc.register(TerminalServiceContract, this.terminals);
    }

    this.rpc.register(ReportServiceContract, createReportService(this.incidentStore, libraryLookup(this.runbooks), options.printPdf));
  }

  /**
   * Ends every service in turn, waiting for each: the terminals end their shells and the pty
   * thread before the store closes and the process exits (a pty thread torn down while a
   * shell's exit is on its way aborts the whole process).
   */
  async dispose(): Promise<void> {
    for (const d of this.disposables.splice(0)) await d.dispose();
    // Last: services above may still record (a terminal's last command) while they shut down.
    this.incidentStore?.close();
  }
}

export function defaultShell(): string {
  return process.env.SHELL || (process.platform === 'win32' ? 'powershell.exe' : '/bin/bash');
}
