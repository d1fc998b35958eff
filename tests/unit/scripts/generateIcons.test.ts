import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width, height and colour type from a PNG's IHDR, the first chunk after the signature. */
function pngInfo(png: Buffer) {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colourType: png.readUInt8(25) };
}

/** Reads an ICO the way Windows does: ICONDIR, then 16-byte entries pointing at the images. */
function parseIco(ico: Buffer) {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + 16 * i;
    const declared = ico.readUInt8(entry) || 256;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(ico.length);
    return { declared, bits: ico.readUInt16LE(entry + 6), image: ico.subarray(offset, offset + length) };
  });
}

/** Reads an ICNS: 'icns' + length, then typed chunks whose lengths include their 8-byte header. */
function parseIcns(icns: Buffer) {
  expect(icns.toString('ascii', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < icns.length; ) {
    const length = icns.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    chunks.push({ type: icns.toString('ascii', at, at + 4), data: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return chunks;
}

describe('generate-icons', () => {
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-icons-'));
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/generate-icons.mjs'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('renders the mark at every size from 16 to 1024, square, with alpha', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const info = pngInfo(fs.readFileSync(path.join(out, 'icons', `${size}x${size}.png`)));
      expect(info).toEqual({ width: size, height: size, colourType: 6 });
    }
    expect(pngInfo(fs.readFileSync(path.join(out, 'icon.png'))).width).toBe(1024);
  });

  it('writes an ICO whose entries declare the size of the PNG they hold', () => {
    const entries = parseIco(fs.readFileSync(path.join(out, 'icon.ico')));
    expect(entries.map((e) => e.declared)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) {
      expect(entry.bits).toBe(32);
      expect(pngInfo(entry.image).width).toBe(entry.declared);
    }
  });

  it('writes an ICNS with every macOS slot up to 512@2x, each a PNG of its size', () => {
    const expected: Record<string, number> = { icp4: 16, icp5: 32, ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 };
    const chunks = parseIcns(fs.readFileSync(path.join(out, 'icon.icns')));
    expect(chunks.map((c) => c.type).sort()).toEqual(Object.keys(expected).sort());
    for (const chunk of chunks) expect(pngInfo(chunk.data).width).toBe(expected[chunk.type]);
  });
});
