import { describe, expect, it } from 'vitest';
import { decodeRunbook, MAX_LINE_CHARS, normalizeRunbookText } from '../../../../../electron/common/runbook/decodeRunbook';

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + i * 2] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

/** What a Windows-1252 editor makes of UTF-8 bytes (the reverse of the repair). */
function mojibake(s: string): string {
  const cp1252: Record<number, number> = { 0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x2c6, 0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152, 0x8e: 0x17d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc, 0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a, 0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178 };
  return [...utf8(s)].map((b) => String.fromCharCode(cp1252[b] ?? b)).join('');
}

describe('decodeRunbook', () => {
  it('reads UTF-8 with and without a BOM, and never lets the BOM into the text', () => {
    const plain = decodeRunbook(utf8('# Title\n'));
    const bom = decodeRunbook(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('# Title\n')]));
    expect(plain.text).toBe('# Title\n');
    expect(bom.text).toBe('# Title\n');
    expect(bom.diagnostics).toEqual([]);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const source = '# Café ✅\n\n```bash\nkubectl get pods\n```\n';
    expect(decodeRunbook(utf16(source, false)).text).toBe(source);
    expect(decodeRunbook(utf16(source, true)).text).toBe(source);
  });

  it('recognises UTF-16 without a BOM instead of calling it binary, and says so', () => {
    const withBom = utf16('# Title\n\nSome text here.\n', false);
    const decoded = decodeRunbook(withBom.slice(2));
    expect(decoded.fatal).toBeNull();
    expect(decoded.text).toBe('# Title\n\nSome text here.\n');
    expect(decoded.diagnostics[0]?.level).toBe('warning');
  });

  it('turns CRLF and bare CR line ends into LF', () => {
    expect(decodeRunbook(utf8('a\r\nb\rc\n')).text).toBe('a\nb\nc\n');
    expect(normalizeRunbookText('x\r\ny\r').text).toBe('x\ny\n');
  });

  it('repairs mojibake and says so', () => {
    const source = '# 🚨 Outage — it’s down\n\n- [ ] ✅ Acknowledge → #inc\n';
    const broken = mojibake(source);
    expect(broken).toContain('ðŸš¨');
    expect(broken).toContain('â€™');
    expect(broken).toContain('âœ…');
    const decoded = decodeRunbook(utf8(broken));
    expect(decoded.text).toBe(source);
    expect(decoded.diagnostics).toHaveLength(1);
    expect(decoded.diagnostics[0]!.message).toMatch(/Windows-1252/);
  });

  it('repairs mojibake applied twice', () => {
    expect(normalizeRunbookText(mojibake(mojibake('it’s ✅'))).text).toBe('it’s ✅');
  });

  it('leaves genuine accented text and lone look-alike pairs alone', () => {
    const text = 'Café, naïve, Ãrvíztűrő, ©2024, Â¿qué?\n';
    const decoded = normalizeRunbookText(text);
    expect(decoded.text).toBe(text);
    expect(decoded.diagnostics).toEqual([]);
  });

  it('reads a file that is not UTF-8 as Windows-1252 with a warning', () => {
    const bytes = new Uint8Array([...utf8('# It'), 0x92, ...utf8('s down '), 0x96, ...utf8(' now\n')]);
    const decoded = decodeRunbook(bytes);
    expect(decoded.fatal).toBeNull();
    expect(decoded.text).toContain('It’s');
    expect(decoded.text).toContain('–');
    expect(decoded.diagnostics.some((d) => d.level === 'warning' && /Windows-1252/.test(d.message))).toBe(true);
  });

  it('refuses binary files with one clear error', () => {
    const png = new Uint8Array(4096);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    for (let i = 16; i < png.length; i++) png[i] = (i * 7919) % 256;
    const decoded = decodeRunbook(png);
    expect(decoded.fatal).toMatch(/binary/);
    expect(decoded.diagnostics).toEqual([{ level: 'error', message: decoded.fatal, line: 1 }]);
    expect(decoded.text).toBe('');
  });

  it('keeps a text file with a stray NUL, replacing it and warning on its line', () => {
    const text = `# Title\n\n${'Plain prose line.\n'.repeat(200)}bad\u0000byte\n`;
    const decoded = decodeRunbook(utf8(text));
    expect(decoded.fatal).toBeNull();
    expect(decoded.text).not.toContain('\u0000');
    expect(decoded.diagnostics).toEqual([expect.objectContaining({ level: 'warning', line: 203 })]);
  });

  it('refuses empty and whitespace-only files', () => {
    expect(decodeRunbook(new Uint8Array()).fatal).toMatch(/empty/);
    expect(decodeRunbook(utf8(' \n\r\n\t\n')).fatal).toMatch(/no content/);
  });

  it('refuses a file whose single line is absurdly long, quickly', () => {
    const started = Date.now();
    const decoded = decodeRunbook(utf8(`# ok\n${'x'.repeat(MAX_LINE_CHARS + 1)}`));
    expect(decoded.fatal).toMatch(/Line 2 is/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
