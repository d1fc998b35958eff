// Renders build/icon.svg into the icons electron-builder packs:
//   build/icons/<N>x<N>.png  for N in 16…1024 (Linux takes the folder)
//   build/icon.png           1024 px (the fallback every target understands)
//   build/icon.icns          macOS (PNG entries, written here; no iconutil needed)
//   build/icon.ico           Windows (PNG entries, Vista and later)
// The SVG is rendered with resvg (a registry package with a prebuilt addon per
// platform, no downloads); the ICNS and ICO containers are simple enough to write.
// Usage: node scripts/generate-icons.mjs [--svg FILE] [--out DIR]
import { Resvg } from '@resvg/resvg-js';
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every size a platform asks for: Windows 16–256, Linux desktop themes 16–512, macOS up to 512@2x. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows shell sizes; 256 is the largest an ICO entry can declare. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/**
 * ICNS entry types holding PNG data, and their pixel size (Apple's icns format:
 * ic11–ic14 are the @2x variants of 16–256; icp4/icp5 the small PNG slots).
 */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

/** An ICO file: ICONDIR, one 16-byte entry per image, then the PNGs. */
export function encodeIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    if (size > 256) throw new Error(`an ICO entry cannot be ${size} px (256 at most)`);
    header.writeUInt8(size === 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size === 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

/** An ICNS file: 'icns' + total length, then (type, length incl. 8-byte header, data) entries; big-endian. */
export function encodeIcns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { svg: { type: 'string' }, out: { type: 'string' } } });
  const svgFile = path.resolve(values.svg ?? path.join(root, 'build', 'icon.svg'));
  const out = path.resolve(values.out ?? path.join(root, 'build'));
  const svg = fs.readFileSync(svgFile);
  const started = Date.now();
  const pngs = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)]));
  fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
  for (const [size, png] of pngs) fs.writeFileSync(path.join(out, 'icons', `${size}x${size}.png`), png);
  fs.writeFileSync(path.join(out, 'icon.png'), pngs.get(1024));
  fs.writeFileSync(path.join(out, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  fs.writeFileSync(path.join(out, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))));
  console.log(`generate-icons: ${PNG_SIZES.length} PNGs, icon.ico and icon.icns in ${path.relative(root, out) || '.'} (${Date.now() - started} ms).`);
}
