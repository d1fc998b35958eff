import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RpcServer } from '../../../common/rpc/rpcServer';
import { openConsole } from '../../browser/openConsole';
import { resolveDataDir } from '../../dataDir';
import type { WarroomHost } from '../../host/warroomHost';
import { HostLog } from '../../hostLog';
import { isLoopback } from '../../server/accessPolicy';
import { startWebServer } from '../../server/webServer';
import { EXIT_OK, type CliIo } from '../cliIo';
import { parseCommandArgs, parsePort } from '../parseCommandArgs';

/** How long closing the web server may take before the host shuts down anyway. */
const CLOSE_GRACE_MS = 2_000;
/** The host loads at the first page's WebSocket, or after this long without one: a served host keeps its team sync going with no page open. */
const HOST_START_AT_THE_LATEST_MS = 2_000;

/** Why 7341: fixed so a bookmark survives restarts; `--port 0` picks any free one. */
export const DEFAULT_PORT = 7341;

/** The built console, beside this bundle: out/electron/node/cli.js → out/renderer. */
export function defaultStaticDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer');
}

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    'serve',
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      runbooks: { type: 'string', multiple: true },
      'no-open': { type: 'boolean' },
    },
    { min: 0, max: 0 },
  );
  const port = parsePort('serve', values.port, DEFAULT_PORT);
  const host = values.host ?? '127.0.0.1';
  const dataDir = resolveDataDir(values.data);
  const log = new HostLog(dataDir);
  // The URL is printed as soon as the port listens, and the host (store, terminals, runbook
  // library: most of the code, and ~400 ms of CPU on 2 cores) loads when a page opens its
  // WebSocket, which waits for it (webServer.ts). Loaded at once, it slowed the browser's own
  // start (launch and first page ~200 ms later on 2 cores); loaded when the HTML is sent, it
  // delayed the page's stylesheet, hence its first paint. The first screen needs none of it: it
  // is read from the database (firstScreen.ts).
  let hostLoading = false;
  let stopping = false;
  let atTheLatest: NodeJS.Timeout | undefined;
  let startHost: (host: Promise<WarroomHost>) => void = () => {};
  const hostStarted = new Promise<WarroomHost>((resolve, reject) => (startHost = (host) => host.then(resolve, reject)));
  const rpc: Promise<RpcServer> = hostStarted.then((h) => h.rpc);
  const loadHost = (why: string) => {
    if (hostLoading || stopping) return;
    hostLoading = true;
    clearTimeout(atTheLatest);
    log.info(`loading the host: ${why}`);
    startHost(
      import('../../host/warroomHost').then(
        ({ WarroomHost }) =>
          new WarroomHost({
            dataDir,
            host: 'serve',
            runbookDirs: (values.runbooks ?? []).map((dir) => path.resolve(dir)),
            logError: (error, context) => log.error(error, context),
          }),
      ),
    );
  };

  // Loaded while the browser starts (better-sqlite3: ~10 ms), not when the first page asks.
  const incidentListSnapshot = () => import('../../store/incidentListSnapshot');

  let server;
  try {
    server = await startWebServer({
      host,
      port,
      staticDir: process.env.WARROOM_STATIC_DIR ?? defaultStaticDir(),
      rpc,
      // Read straight from the database: the page's list shows before the host has loaded.
      firstScreen: () => incidentListSnapshot().then(({ readIncidentList }) => readIncidentList(dataDir)),
      onSocket: () => loadHost('a page connected'),
      log: (line) => log.info(line),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.stderr(`warroom serve: port ${port} on ${host} is in use; pick another with --port N (0 picks a free one).`);
    } else {
      io.stderr(`warroom serve: cannot listen on ${host}:${port}: ${(error as Error).message}.`);
    }
    return 1;
  }
  if (!isLoopback(host)) io.stderr(`warroom serve: warning: listening on ${host}, not loopback; anyone who learns the URL can drive this console.`);
  // Served anyway (the console is what the responder needs now); its Runbook folders say so too.
  for (const dir of values.runbooks ?? []) {
    if (!fs.existsSync(dir)) io.stderr(`warroom serve: warning: no such runbook folder '${dir}'; serving without its runbooks.`);
  }
  // Before the URL: whoever reads it may stop us at once (a signal without a handler kills).
  const stopAsked = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  // The one line on stdout, and nothing else there: scripts and tests read the URL from it.
  io.stdout(server.url);
  log.info(`serving on port ${server.port}, data in ${dataDir}`);
  void incidentListSnapshot().catch(() => undefined);
  if (!hostLoading) atTheLatest = setTimeout(() => loadHost(`no page within ${HOST_START_AT_THE_LATEST_MS / 1000} s`), HOST_START_AT_THE_LATEST_MS);
  // A host that cannot start (a bug; a refused database starts it anyway, saying why) is logged
  // and the page's WebSocket refused, so the console says the host is down instead of waiting.
  hostStarted.catch((error: unknown) => log.error(error, 'starting the host'));

  if (!values['no-open']) {
    try {
      openConsole(server.url, path.join(dataDir, 'browser-profile'));
    } catch (error) {
      log.error(error, 'opening a browser');
    }
  }

  await stopAsked;
  // Stopping: a host not loaded yet never will be (a socket caught mid-handshake is closed below).
  stopping = true;
  clearTimeout(atTheLatest);
  // The host's shutdown records the stop on each incident's timeline: it must not wait on a
  // client's socket (a close that lingers is cut short).
  await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
  if (hostLoading) await hostStarted.then((h) => h.dispose(), () => undefined);
  return EXIT_OK;
}
