/**
 * The browser baseline of the flood bench: a plain xterm.js page fed by a bare node-pty over a
 * WebSocket, with the flow control xterm.js documents (xtermjs.org/docs/guides/flowcontrol,
 * "watermarks"): the page counts the bytes it handed to `term.write` and not yet parsed (write
 * callbacks); past HIGH it asks the server to pause the pty, below LOW to resume it. Nothing
 * else: no recording, no batching, no snapshots. The page has a note box like the console's,
 * so the same "note typed during the flood" can be measured.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import * as pty from 'node-pty';
import { WebSocketServer } from 'ws';

const require = createRequire(import.meta.url);
/** xterm.js's guide: a high watermark of ~100 KB keeps the pipe full, a low one of ~10 KB the screen current. */
const HIGH = 100_000;
const LOW = 10_000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>plain xterm.js</title>
<link rel="stylesheet" href="/xterm.css">
<style>body{margin:0;background:#0d1117} #t{width:1000px;height:560px}</style>
<label>Note <input id="note" aria-label="Note" style="width:400px"></label>
<div id="t"></div>
<script src="/xterm.js"></script>
<script>
const term = new Terminal({ scrollback: 5000, fontSize: 13 });
term.open(document.getElementById('t'));
const ws = new WebSocket('ws://' + location.host + '/pty');
ws.binaryType = 'arraybuffer';
let watermark = 0;
let paused = false;
window.ptyExited = null;
ws.onmessage = (e) => {
  if (typeof e.data === 'string') {
    const m = JSON.parse(e.data);
    if (m.exit !== undefined) window.ptyExited = Date.now();
    return;
  }
  const bytes = new Uint8Array(e.data);
  watermark += bytes.length;
  term.write(bytes, () => {
    watermark = Math.max(watermark - bytes.length, 0);
    if (paused && watermark < ${LOW}) { paused = false; ws.send('{"resume":true}'); }
  });
  if (!paused && watermark > ${HIGH}) { paused = true; ws.send('{"pause":true}'); }
};
term.onData((d) => ws.send(JSON.stringify({ input: d })));
window.run = (command) => { window.ptyExited = null; ws.send(JSON.stringify({ run: command, cols: term.cols, rows: term.rows })); };
window.ready = new Promise((r) => (ws.onopen = r));
</script>`;

export interface PlainXtermServer {
  url: string;
  /** Ends the page's connections (and their ptys) and the server. */
  close(): Promise<void>;
}

/** Serves the page; each `run` message spawns `sh -c COMMAND` in a fresh pty with `env`. */
export async function startPlainXtermServer(env: Record<string, string>): Promise<PlainXtermServer> {
  const xtermJs = readFileSync(require.resolve('@xterm/xterm/lib/xterm.js'));
  const xtermCss = readFileSync(require.resolve('@xterm/xterm/css/xterm.css'));
  const server: Server = createServer((req, res) => {
    const body = req.url === '/xterm.js' ? xtermJs : req.url === '/xterm.css' ? xtermCss : PAGE;
    const type = req.url === '/xterm.js' ? 'text/javascript' : req.url === '/xterm.css' ? 'text/css' : 'text/html';
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  const wss = new WebSocketServer({ server, path: '/pty' });
  wss.on('connection', (socket) => {
    let proc: pty.IPty | undefined;
    socket.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as { run?: string; cols?: number; rows?: number; input?: string; pause?: true; resume?: true };
      if (m.run) {
        proc = pty.spawn('/bin/sh', ['-c', m.run], { cols: m.cols ?? 120, rows: m.rows ?? 30, env, encoding: null });
        const running = proc;
        running.onData((data) => socket.send(data as unknown as Buffer));
        running.onExit(({ exitCode }) => {
          if (proc === running) proc = undefined;
          socket.send(JSON.stringify({ exit: exitCode }));
        });
      } else if (m.input !== undefined) proc?.write(m.input);
      else if (m.pause) proc?.pause();
      else if (m.resume) proc?.resume();
    });
    socket.on('close', () => proc?.kill());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
