/**
 * Repair of "mojibake": UTF-8 text that was once decoded as Windows-1252 and saved again, so
 * that 🚨 reads `ðŸš¨`, ’ reads `â€™` and ✅ reads `âœ…`. We map each suspicious run back to the
 * Windows-1252 bytes it came from and keep the result only where those bytes are valid UTF-8.
 */

/**
 * Windows-1252 bytes 0x80–0x9F as Unicode. The five bytes the code page leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the C1 controls of the same value (WHATWG), so a
 * round trip through a browser or Python keeps them.
 */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/** Unicode code point → the Windows-1252 byte that decodes to it (only for bytes ≥ 0x80). */
const CP1252_REVERSE: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  CP1252_HIGH.forEach((codePoint, i) => map.set(codePoint, 0x80 + i));
  for (let b = 0xa0; b <= 0xff; b++) map.set(b, b);
  return map;
})();

/** Decodes Windows-1252 bytes (for files that are not UTF-8 at all). */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192; // String.fromCharCode takes arguments on the stack; keep batches small
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** Characters whose Windows-1252 byte is a UTF-8 continuation byte (0x80–0xBF). */
const CONTINUATION_CLASS =
  '\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013\\u2014' +
  '\\u2018-\\u201a\\u201c-\\u201e\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122';

/** A would-be UTF-8 lead byte (0xC2–0xF4 read as Latin-1) followed by continuation bytes. */
const SUSPECT_RUN = new RegExp(`[\\u00c2-\\u00f4][${CONTINUATION_CLASS}]{1,3}`, 'g');

/** Quick test so clean files (nearly all of them) skip the repair entirely. */
const HAS_LEAD = /[\u00c2-\u00f4]/;

/**
 * Decodes one UTF-8 sequence given as byte values, or returns null when the bytes are not
 * exactly one valid, shortest-form scalar value.
 */
function decodeUtf8Sequence(bytes: number[]): string | null {
  const lead = bytes[0]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  if (bytes.length !== need) return null;
  const second = bytes[1]!;
  if (lead === 0xe0 && second < 0xa0) return null; // overlong
  if (lead === 0xed && second > 0x9f) return null; // UTF-16 surrogate
  if (lead === 0xf0 && second < 0x90) return null; // overlong
  if (lead === 0xf4 && second > 0x8f) return null; // beyond U+10FFFF
  let cp = need === 2 ? lead & 0x1f : need === 3 ? lead & 0x0f : lead & 0x07;
  for (let i = 1; i < need; i++) cp = (cp << 6) | (bytes[i]! & 0x3f);
  return String.fromCodePoint(cp);
}

export interface MojibakeRepair {
  text: string;
  /** How many sequences were repaired (0: text unchanged). */
  repaired: number;
  /** One example, `ðŸš¨ → 🚨`, for the diagnostic. */
  example: string | null;
}

/** Double-encoded text (mojibake of mojibake) needs a second pass; three is already absurd. */
const MAX_PASSES = 3;

/**
 * Repairs mojibake when that is clearly right: every repaired run is valid UTF-8, and the
 * evidence is more than one stray two-character pair (which might be genuine Latin-1 text
 * such as `Ã©`): at least one three- or four-byte sequence, or two or more repairs.
 */
export function repairMojibake(text: string): MojibakeRepair {
  let current = text;
  let total = 0;
  let example: string | null = null;
  for (let pass = 0; pass < MAX_PASSES && HAS_LEAD.test(current); pass++) {
    let repaired = 0;
    let long = 0;
    let firstExample: string | null = null;
    const next = current.replace(SUSPECT_RUN, (run) => {
      const bytes: number[] = [];
      for (const ch of run) bytes.push(CP1252_REVERSE.get(ch.codePointAt(0)!) ?? -1);
      const lead = bytes[0]!;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      // The run may be longer than one sequence (`Ã©Â»`): decode its head, keep the tail.
      const decoded = decodeUtf8Sequence(bytes.slice(0, need));
      if (decoded === null) return run;
      repaired++;
      if (need > 2) long++;
      const source = [...run].slice(0, need).join('');
      firstExample ??= `${source} → ${decoded}`;
      return decoded + [...run].slice(need).join('');
    });
    if (repaired === 0 || (long === 0 && repaired < 2 && total === 0)) break;
    current = next;
    total += repaired;
    example ??= firstExample;
  }
  return { text: current, repaired: total, example };
}
