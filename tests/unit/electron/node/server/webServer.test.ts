import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RpcServer } from '../../../../../electron/common/rpc/rpcServer';
import type { Incident } from '../../../../../electron/common/incident/model';
import { startWebServer, type RunningWebServer, type WebServerOptions } from '../../../../../electron/node/server/webServer';
import { inTimeZone } from '../../../inTimeZone';

// `warroom serve` prints its URL before the host has started (serveCommand.ts): the static
// files are served at once, and a WebSocket waits for the host, or is refused if it fails.
let server: RunningWebServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = undefined;
  dir = undefined;
});

async function start(rpc: Promise<RpcServer>, more: Partial<WebServerOptions> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'wr-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><title>War Room</title><div id="root"></div></html>');
  server = await startWebServer({ host: '127.0.0.1', port: 0, staticDir: dir, rpc, ...more });
  return server;
}

function sessionCookie(s: RunningWebServer): Record<string, string> {
  return { cookie: `warroom_token_${s.port}=${s.token}` };
}

function connect(s: RunningWebServer): { socket: WebSocket; outcome: Promise<string> } {
  const socket = new WebSocket(`ws://127.0.0.1:${s.port}/rpc?token=${s.token}`);
  const outcome = new Promise<string>((resolve) => {
    socket.once('open', () => resolve('open'));
    socket.once('unexpected-response', (_request, response) => resolve(`refused ${response.statusCode}`));
    socket.once('error', (error) => resolve(`error ${error.message}`));
  });
  return { socket, outcome };
}

describe('the web server while the host starts', () => {
  it('serves the console at once, and opens a WebSocket once the host is there', async () => {
    let hostReady: (rpc: RpcServer) => void = () => {};
    const s = await start(new Promise<RpcServer>((resolve) => (hostReady = resolve)));
    const page = await fetch(`http://127.0.0.1:${s.port}/`, { headers: { cookie: `warroom_token_${s.port}=${s.token}` } });
    expect(await page.text()).toContain('<title>War Room</title>');
    const { socket, outcome } = connect(s);
    const early = await Promise.race([outcome, new Promise((r) => setTimeout(() => r('waiting'), 300))]);
    expect(early).toBe('waiting');
    hostReady(new RpcServer());
    expect(await outcome).toBe('open');
    socket.close();
  });

  it('refuses the WebSocket with 503 when the host fails to start', async () => {
    const s = await start(Promise.reject(new Error('host failed')));
    const { outcome } = connect(s);
    expect(await outcome).toBe('refused 503');
  });

  it('closes at once with a WebSocket connected and one still waiting for the host', async () => {
    const s = await start(Promise.resolve(new RpcServer()));
    const connected = connect(s);
    expect(await connected.outcome).toBe('open');
    // A second server whose host never comes: its socket waits in the upgrade (this hung `close`).
    const waitingServer = await startWebServer({ host: '127.0.0.1', port: 0, staticDir: dir!, rpc: new Promise<RpcServer>(() => {}) });
    const waiting = connect(waitingServer);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = Promise.all([s.close(), waitingServer.close()]).then(() => 'closed');
    expect(await Promise.race([closing, new Promise((resolve) => setTimeout(() => resolve('still open after 3 s'), 3_000))])).toBe('closed');
    expect(await waiting.outcome).toMatch(/^error|^refused/);
    server = undefined;
  });

  it.runIf(process.platform === 'linux')('leaves no file open behind a page that went away mid-response', async () => {
    const s = await start(Promise.resolve(new RpcServer()));
    mkdirSync(join(dir!, 'assets'));
    const big = join(dir!, 'assets', 'big.js');
    writeFileSync(big, 'x'.repeat(32 * 1024 * 1024));
    const openOnBig = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === big;
      } catch {
        return false;
      }
    }).length;
    await new Promise<void>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port: s.port, path: '/assets/big.js', headers: { cookie: `warroom_token_${s.port}=${s.token}` } }, (response) => {
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
    });
    for (let i = 0; i < 50 && openOnBig() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(openOnBig()).toBe(0);
  });
});

describe('the first screen in the app shell', () => {
  const incident: Incident = { id: 'i1', title: 'Checkout latency', severity: 'SEV2', status: 'investigating', commander: null, impact: null, runbookIds: [], createdAt: 0, updatedAt: 0, lastSeq: 1 };

  it('draws the incidents into the shell for the page that holds the session, never stored', async () => {
    const s = await start(new Promise<RpcServer>(() => {}), { firstScreen: async () => [incident] });
    for (const path of ['/', '/some/client/route']) {
      const page = await fetch(`http://127.0.0.1:${s.port}${path}`, { headers: sessionCookie(s) });
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(await page.text()).toContain('<span class="incident-item__title">Checkout latency</span>');
    }
  });

  it('draws it in the theme the page’s cookie names, and ignores any other value', async () => {
    const s = await start(new Promise<RpcServer>(() => {}), { firstScreen: async () => [incident] });
    const withCookie = async (cookie: string) => (await fetch(`http://127.0.0.1:${s.port}/`, { headers: { cookie: `${sessionCookie(s).cookie}; ${cookie}` } })).text();
    expect(await withCookie('warroom_theme=light')).toContain('<html data-theme="light">');
    expect(await withCookie('warroom_theme=dark')).toContain('<html data-theme="dark">');
    expect(await withCookie('warroom_theme="><script>')).not.toContain('data-theme');
  });

  it('writes its times in UTC when the page’s cookie says the responder shows them so', () =>
    inTimeZone('America/New_York', async () => {
      const s = await start(new Promise<RpcServer>(() => {}), { firstScreen: async () => [{ ...incident, createdAt: Date.UTC(2026, 10, 23, 14, 3) }] });
      const withCookie = async (cookie: string) => (await fetch(`http://127.0.0.1:${s.port}/`, { headers: { cookie: `${sessionCookie(s).cookie}; ${cookie}` } })).text();
      expect(await withCookie('warroom_utc=1')).toContain(' · Investigating · 2026-11-23 14:03</span>');
      expect(await withCookie('warroom_utc=yes')).toContain(' · Investigating · 2026-11-23 09:03</span>');
    }));

  it('serves the plain shell without the session, and when the list cannot be read', async () => {
    let list: () => Promise<readonly Incident[] | null> = async () => [incident];
    const s = await start(new Promise<RpcServer>(() => {}), { firstScreen: () => list() });
    const stranger = await fetch(`http://127.0.0.1:${s.port}/`);
    expect(await stranger.text()).toBe('<!doctype html><html><title>War Room</title><div id="root"></div></html>');
    const wrongToken = await fetch(`http://127.0.0.1:${s.port}/`, { headers: { cookie: `warroom_token_${s.port}=nope` } });
    expect(await wrongToken.text()).not.toContain('Checkout latency');
    list = async () => null;
    expect(await (await fetch(`http://127.0.0.1:${s.port}/`, { headers: sessionCookie(s) })).text()).not.toContain('incident-list');
    list = () => Promise.reject(new Error('database locked'));
    const failed = await fetch(`http://127.0.0.1:${s.port}/`, { headers: sessionCookie(s) });
    expect(failed.status).toBe(200);
    expect(await failed.text()).toBe('<!doctype html><html><title>War Room</title><div id="root"></div></html>');
  });

  it('tells the caller of each WebSocket handshake, before it waits for the host', async () => {
    let handshakes = 0;
    const s = await start(new Promise<RpcServer>(() => {}), { onSocket: () => handshakes++ });
    await fetch(`http://127.0.0.1:${s.port}/`, { headers: sessionCookie(s) });
    expect(handshakes).toBe(0);
    const { socket } = connect(s);
    for (let i = 0; i < 100 && handshakes === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handshakes).toBe(1);
    socket.terminate();
  });
});
