import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { WebSocketServer } from 'ws';
import { firstScreenPrefs, type FirstScreenPrefs } from '../../common/firstScreen';
import type { Incident } from '../../common/incident/model';
import { readCookie } from '../../common/readCookie';
import type { RpcServer } from '../../common/rpc/rpcServer';
import { AccessPolicy } from './accessPolicy';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../common/security/securityHeaders';
import { withFirstScreen } from './firstScreen';
import { wsConnection } from './wsConnection';

export interface WebServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  /**
   * Serves the WebSockets. A promise while the host is still starting: a connection waits
   * for it (its handshake completes then), and is refused if it fails.
   */
  rpc: RpcServer | Promise<RpcServer>;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  /**
   * The incidents list to draw into the app shell (firstScreen.ts) for a page that holds the
   * session; null (or a failure) serves the plain shell, and the page asks the host.
   */
  firstScreen?: () => Promise<readonly Incident[] | null>;
  /** Called at every WebSocket handshake, before it waits for `rpc`. */
  onSocket?: () => void;
  log?: (line: string) => void;
}

export interface RunningWebServer {
  /** The URL to open: it carries the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The WebSocket path; everything else is static files, which carry no data (but the first screen's, for the session only). */
export const RPC_PATH = '/rpc';
/** Answers 204 with a valid token (cookie or query), 401 without. */
export const SESSION_PATH = '/api/session';
/** Why 64 MiB: a pasted runbook or imported bundle fits; a runaway client doesn't exhaust the host. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const NOT_BUILT = 'The console is not built: run `npm run build`.\n';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * `warroom serve`'s HTTP side: the console's static files and the RPC WebSocket,
 * on loopback by default, guarded by an AccessPolicy.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? AccessPolicy.newToken();
  const staticRoot = path.resolve(options.staticDir);
  // Known only once the port is bound, after the handlers below exist.
  // eslint-disable-next-line prefer-const
  let policy: AccessPolicy | undefined;

  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (!policy || !policy.isAllowedHost(request.headers.host)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === SESSION_PATH) {
      // Lets the page tell "wrong or missing token" from "host down"; it carries no data.
      response.writeHead(policy.isValidToken(policy.tokenFromRequest(request)) ? 204 : 401, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (url.pathname === '/' && url.searchParams.has('token')) {
      // Trade the token for a cookie and drop it from the address bar (and from history).
      if (policy.isValidToken(url.searchParams.get('token'))) response.setHeader('Set-Cookie', policy.sessionCookie());
      response.writeHead(303, { Location: '/' }).end();
      return;
    }
    // The first screen carries incidents: for the page that holds the session only.
    const firstScreen =
      options.firstScreen && policy.isValidToken(policy.tokenFromRequest(request))
        ? { incidents: options.firstScreen, prefs: firstScreenPrefs((name) => readCookie(request.headers.cookie, name)) }
        : undefined;
    serveStatic(staticRoot, url.pathname, response, firstScreen);
  });

  // Every socket, until it closes: one in the middle of a WebSocket upgrade (waiting for the
  // host) belongs to neither the HTTP server's `closeAllConnections` nor the WebSocket server's
  // clients, and `close` would wait for it for ever.
  const open = new Set<Socket>();
  server.on('connection', (socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });

  // `ws` (with https, tls and zlib behind it) loads once the host has, not before the URL is
  // printed (`serve` answers sooner) nor at the page's first WebSocket (which would wait for it).
  let sockets: WebSocketServer | undefined;
  const socketServer = async () => (sockets ??= new (await import('ws')).WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES }));
  // A host that failed is the caller's to report; here it only means refusing WebSockets.
  Promise.resolve(options.rpc).then(socketServer, () => undefined).catch(() => undefined);
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const refusal = url.pathname !== RPC_PATH ? 'unknown path' : policy?.refusalReason(request);
    if (refusal !== null) {
      options.log?.(`refused a WebSocket connection: ${refusal ?? 'not ready'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    options.onSocket?.();
    Promise.all([options.rpc, socketServer()]).then(
      ([rpc, wss]) => {
        if (socket.destroyed) return; // The page gave up waiting; it reconnects by itself.
        wss.handleUpgrade(request, socket, head, (ws) => rpc.connect(wsConnection(ws)));
      },
      () => socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  policy = new AccessPolicy(token, options.host, port);
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets?.clients ?? []) client.terminate();
        sockets?.close();
        server.closeAllConnections();
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}

/** How to draw the first screen for this request (firstScreen.ts). */
interface FirstScreenRequest {
  incidents: () => Promise<readonly Incident[] | null>;
  prefs: FirstScreenPrefs;
}

function serveStatic(root: string, pathname: string, response: http.ServerResponse, firstScreen?: FirstScreenRequest): void {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const file = path.resolve(root, '.' + (relative === '/' ? '/index.html' : relative));
  if (!file.startsWith(root + path.sep)) {
    response.writeHead(404).end();
    return;
  }
  fs.stat(file, (error, stat) => {
    // Unknown paths get the app shell, so a reload on any client-side route works.
    const target = !error && stat.isFile() ? file : path.join(root, 'index.html');
    if (firstScreen && target === path.join(root, 'index.html')) {
      serveAppShellWithFirstScreen(target, firstScreen, response);
      return;
    }
    const type = CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream';
    const stream = fs.createReadStream(target);
    // A page gone mid-response (a reload, the server closing) leaves no file open behind it.
    response.once('close', () => stream.destroy());
    stream.on('error', () => {
      if (!response.headersSent) response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end(NOT_BUILT);
    });
    stream.once('open', () => {
      response.writeHead(200, {
        'Content-Type': type,
        // Hashed asset names never change; the shell must always be fresh.
        'Cache-Control': target.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      stream.pipe(response);
    });
  });
}

/** The app shell with the first screen drawn in; the plain shell if that cannot be had. */
function serveAppShellWithFirstScreen(file: string, firstScreen: FirstScreenRequest, response: http.ServerResponse): void {
  Promise.all([fs.promises.readFile(file, 'utf8'), firstScreen.incidents().catch(() => null)]).then(
    ([shell, incidents]) => {
      if (response.destroyed) return;
      response.writeHead(200, {
        'Content-Type': CONTENT_TYPES['.html'],
        // It holds this machine's incidents as they were at this moment: never stored, never reused.
        'Cache-Control': incidents ? 'no-store' : 'no-cache',
      });
      response.end(incidents ? withFirstScreen(shell, incidents, firstScreen.prefs) : shell);
    },
    () => {
      if (response.destroyed) return;
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end(NOT_BUILT);
    },
  );
}
