import { round } from './benchMath';
import type { BenchResult } from './benchResult';
import { Redactor } from '../electron/common/report/redaction';
import { SecretScanner } from '../electron/common/report/secretScanner';
import { pathToFileURL } from 'node:url';
/**
 * Redacting 50 MB of command output with the whole rule set (gitleaks' ~220 rules and War
 * Room's own): the keyword pass, the rules around their hits, then every found value hidden
 * everywhere. Target: ≤ 2 s. Two kinds of output: logs where every line holds a keyword
 * ("api", "token"…) and a secret now and then, and 50 MB of base64 (no keyword structure,
 * short keywords like "ey" or "sk" match by chance).
 *
 * Baseline: one pass of `indexOf` for a 10-character string over the same text (the floor of
 * reading it once).
 */
export type { BenchResult } from './benchResult';

const CHARS = 50_000_000;

function logText(): string {
  const line = (i: number) =>
    i % 5000 === 0
      ? `2026-11-23T03:12:${String(i % 60).padStart(2, '0')}Z retry with postgres://app:S3cret${i}@db/orders api_key=9f86d081884c7d659a2feaa0c55ad01${i % 10}\n`
      : `2026-11-23T03:12:${String(i % 60).padStart(2, '0')}Z INFO GET /api/cart/${i} 200 12ms token_ttl=3600 upstream=checkout-7d9f\n`;
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < CHARS; i++) {
    const l = line(i);
    parts.push(l);
    length += l.length;
  }
  return parts.join('').slice(0, CHARS);
}

function base64Text(): string {
  const bytes = Buffer.alloc((CHARS / 4) * 3);
  let x = 0x9e3779b9;
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes.toString('base64').replace(/(.{76})/g, '$1\n').slice(0, CHARS);
}

export async function run(): Promise<BenchResult[]> {
  const scanner = new SecretScanner();
  const results: BenchResult[] = [];
  for (const [name, make] of [
    ['logs, a keyword on every line', logText],
    ['base64', base64Text],
  ] as const) {
    const text = make();
    const floorStart = performance.now();
    text.indexOf('zzzzzzzzzz');
    const floorMs = performance.now() - floorStart;
    const start = performance.now();
    const redactor = new Redactor({ scanner });
    const detections = redactor.learn(text);
    const out = redactor.redact(text, 'bench', detections);
    const ms = performance.now() - start;
    if (name.startsWith('logs') && (out.includes('S3cret5000') || !out.includes('[REDACTED:'))) throw new Error('the bench text was not redacted');
    results.push({
      name: `redact 50 MB of ${name} (${redactor.findings().length} secrets)`,
      value: round(ms),
      unit: 'ms',
      baseline: { name: 'one indexOf pass over it', value: round(floorMs) },
      target: '≤ 2000 ms',
    });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
