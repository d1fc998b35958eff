import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../common/errors';
import type { Disposable } from '../../common/event';
import { RpcServer } from '../../common/rpc/rpcServer';
import { AppServiceContract } from '../../common/services/appService';
import { IncidentServiceContract } from '../../common/services/incidentService';
import { ReportServiceContract } from '../../common/services/reportService';
import { RunbookServiceContract } from '../../common/services/runbookService';
import { SyncServiceContract } from '../../common/services/syncService';
import { TerminalServiceContract } from '../../common/services/terminalService';
import type { RunbookLibrary } from '../library/runbookLibrary';
import { bundledRunbooksDir } from '../packageRoot';
import type { PdfPrinter } from '../report/exportIncident';
import { libraryLookup } from '../report/runbookLookup';
import { AppServiceImpl } from '../services/appServiceImpl';
import { createRunbookService } from '../services/runbookServiceImpl';
import type { TerminalServiceImpl } from '../services/terminalServiceImpl';
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
  /** The team sync's automatic interval (tests shorten it); 30 s by default. */
  syncIntervalMs?: number;
}

/**
 * The host owns every service (store, terminals, runbook library, exporters) and
 * serves them over one RpcServer. The same object runs in `warroom serve` and in
 * the Electron app's utility process, so what the tests drive is what ships.
 *
 * It starts in two steps. At once: the app service and the incident store, all the console
 * needs to show its incidents. Then, as chunks of their own loaded meanwhile: the runbook
 * library (which reads and indexes every runbook), the terminals (node-pty, a headless
 * xterm.js per shell) and the exporters. Their calls and subscriptions wait for them
 * (RpcServer.register takes a promise).
 */
export class WarroomHost implements Disposable {
  readonly rpc: RpcServer;
  readonly runbooks: Promise<RunbookLibrary>;
  /** The incident store; null when it refused the database (IncidentService.getStatus says why). */
  readonly incidentStore: IncidentStore | null;
  /** The incidents' terminals; null without a store. */
  readonly terminals: Promise<TerminalServiceImpl> | null;
  /** Services in start order, each once it has loaded (dispose waits for those still loading). */
  private readonly disposables: Promise<{ dispose(): void | Promise<void> } | null>[] = [];

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
    this.disposables.push(Promise.resolve(app));
    this.rpc.register(AppServiceContract, app);

    this.runbooks = import('../library/runbookLibrary').then(
      ({ RunbookLibrary }) =>
        new RunbookLibrary({
          bundledDir: options.bundledRunbooksDir === undefined ? bundledRunbooksDir() : options.bundledRunbooksDir,
          launchDirs: options.runbookDirs,
          settingsFile: path.join(options.dataDir, 'settings.json'),
        }),
    );
    this.disposables.push(this.runbooks);
    this.rpc.register(RunbookServiceContract, this.runbooks.then(createRunbookService));
    const runbooks = { get: async (id: string) => (await this.runbooks).get(id) };

    const opened = openIncidentStore(options.dataDir, options.sqliteNativeBinding);
    const store = 'store' in opened ? opened.store : null;
    this.incidentStore = store;
    const incidents = new IncidentServiceImpl(opened, runbooks);
    this.disposables.push(Promise.resolve(incidents));
    this.rpc.register(IncidentServiceContract, incidents);

    // Without a store nothing could be recorded: the terminals wait for a usable database.
    this.terminals = store
      ? import('../services/terminalServiceImpl').then(({ TerminalServiceImpl }) => new TerminalServiceImpl({ store, logError: options.logError }))
      : null;
    if (this.terminals) {
      this.disposables.push(this.terminals);
      this.rpc.register(TerminalServiceContract, this.terminals);
    }

    this.rpc.register(
      ReportServiceContract,
      import('../services/reportServiceImpl').then(({ createReportService }) => createReportService(store, libraryLookup(runbooks), options.printPdf)),
    );
    // The team sync (git): its timer and its reaction to this device's notes and status changes.
    if (store) {
      const sync = import('../services/syncServiceImpl').then(
        ({ SyncServiceImpl }) => new SyncServiceImpl({ store, dataDir: options.dataDir, lookup: libraryLookup(runbooks), intervalMs: options.syncIntervalMs, logError: options.logError }),
      );
      this.disposables.push(sync);
      this.rpc.register(SyncServiceContract, sync);
    } else {
      // Nothing to sync without a database: the Sync panel says so (the store's banner says why).
      const off = async (): Promise<never> => {
        throw new UserError('Team sync is off until the database is fixed (see above).', 'E_STORE_REFUSED');
      };
      this.rpc.register(SyncServiceContract, { getStatus: off, setRemote: off, syncNow: off, setPrivate: off, onDidChange: () => ({ dispose: () => {} }) });
    }
    // A service that cannot load is a bug: say so in the host log (its calls fail with a pointer there).
    for (const loading of this.disposables) loading.catch((error: unknown) => options.logError?.(error, 'loading a service'));
  }

  /**
   * Ends every service in turn, waiting for each: the terminals end their shells and the pty
   * thread before the store closes and the process exits (a pty thread torn down while a
   * shell's exit is on its way aborts the whole process).
   */
  async dispose(): Promise<void> {
    for (const loading of this.disposables.splice(0)) await (await loading.catch(() => null))?.dispose();
    // Last: services above may still record (a terminal's last command) while they shut down.
    this.incidentStore?.close();
  }
}

export function defaultShell(): string {
  return process.env.SHELL || (process.platform === 'win32' ? 'powershell.exe' : '/bin/bash');
}
