/**
 * What the terminal benchmarks measure War Room against, in the same run: a bare node-pty
 * reader (what any pty-based terminal must pay) and util-linux `script`, and the brief's
 * 100 MB file for `cat` (a generator like `base64` would be measured instead of the pipeline).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import * as pty from 'node-pty';

const MB = 1024 * 1024;
/** The brief's file size: big enough that start-up costs vanish. */
export const FLOOD_FILE_BYTES = 100 * MB;
/** Line length of the generated file: like a log line. */
const LINE_CHARS = 120;

/**
 * Writes FLOOD_FILE_BYTES of log-like ASCII lines to `path`. Returns what a terminal receives
 * for `cat` of it: the pty turns each `\n` into `\r\n`.
 */
export function writeFloodFile(path: string): { fileBytes: number; terminalBytes: number } {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_:/.';
  let block = '';
  for (let i = 0; block.length < MB; i++) {
    let line = `${String(i).padStart(8, '0')} `;
    for (let j = 0; line.length < LINE_CHARS - 1; j++) line += alphabet[(i * 7 + j * 13) % alphabet.length];
    block += line + '\n';
  }
  const chunk = Buffer.from(block.slice(0, MB));
  const newlinesPerChunk = chunk.toString('latin1').split('\n').length - 1;
  const fd = openSync(path, 'w');
  for (let written = 0; written < FLOOD_FILE_BYTES; written += chunk.length) writeSync(fd, chunk);
  closeSync(fd);
  return { fileBytes: FLOOD_FILE_BYTES, terminalBytes: FLOOD_FILE_BYTES + newlinesPerChunk * (FLOOD_FILE_BYTES / MB) };
}

/** `command` under sh, read by node-pty in this process and nothing else. Resolves with the ms it took. */
export async function bareNodePty(command: string, env?: Record<string, string>): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const p = pty.spawn('/bin/sh', ['-c', command], { cols: 120, rows: 30, env, encoding: 'utf8' });
    p.onData(() => {});
    p.onExit(() => resolve());
  });
  return performance.now() - start;
}

/** `command` under `script -q -c CMD /dev/null`, whose output this process reads from a pipe. */
export async function scriptRun(command: string, env?: Record<string, string>): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('script', ['-q', '-c', command, '/dev/null'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => {});
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  return performance.now() - start;
}
