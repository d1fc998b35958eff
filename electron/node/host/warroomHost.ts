import fs from 'node:fs';
import path from 'node:path';
import type { Disposable } from '../../common/event';
import { RpcServer } from '../../common/rpc/rpcServer';
import { AppServiceContract } from '../../common/services/appService';
import { RunbookServiceContract } from '../../common/services/runbookService';
import { RunbookLibrary } from '../library/runbookLibrary';
import { bundledRunbooksDir } from '../packageRoot';
import { AppServiceImpl } from '../services/appServiceImpl';
import { createRunbookService } from '../services/runbookServiceImpl';
import { APP_VERSION } from '../version';

export interface WarroomHostOptions {
  dataDir: string;
  host: 'electron' | 'serve';
  /** Runbook folders for this launch only (`serve --runbooks DIR`). */
  runbookDirs?: string[];
  /** The bundled runbooks; null leaves them out (tests with their own library). */
  bundledRunbooksDir?: string | null;
  heartbeatIntervalMs?: number;
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
  private readonly disposables: Disposable[] = [];

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
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function defaultShell(): string {
  return process.env.SHELL || (process.platform === 'win32' ? 'powershell.exe' : '/bin/bash');
}
