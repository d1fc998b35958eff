/**
 * Stable identifiers for the parts of a runbook. Pure JavaScript (no `node:crypto`): this
 * code also runs in the browser. The hash only has to tell runbook pieces apart, it is not
 * a security boundary.
 */

/** A 53-bit string hash (cyrb53), as 11 base-36 digits: short and stable across platforms. */
export function hashText(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return base36(value).padStart(11, '0');
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `value.toString(36)` for an integer below 2^53, without V8's slow path for radix
 * conversion of large doubles (a 5 MB runbook hashes tens of thousands of steps).
 */
function base36(value: number): string {
  let out = '';
  let v = value;
  do {
    let q = Math.floor(v / 36);
    let r = v - q * 36;
    // The division rounds; near a multiple of 36 it can land one too high.
    if (r < 0) {
      q -= 1;
      r += 36;
    }
    out = DIGITS[r] + out;
    v = q;
  } while (v > 0);
  return out;
}

/** Longest slug kept; a heading that is a whole paragraph still gets a usable anchor. */
const MAX_SLUG_LENGTH = 64;

/**
 * GitHub-style anchor: lower case, punctuation dropped, spaces to `-`. Letters of any script
 * and digits stay, so `## Überprüfung` and `## 障害対応` keep meaningful ids.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug;
}

/** Hands out names unique in order of appearance: the name itself, then suffixed ones. */
class UniqueNames {
  private readonly used = new Set<string>();
  /** Next suffix to try per base, so 20 000 headings called "Check" stay linear. */
  private readonly next = new Map<string, number>();

  constructor(
    private readonly firstSuffix: number,
    private readonly suffixed: (base: string, n: number) => string,
  ) {}

  take(base: string): string {
    let name = base;
    const from = this.next.get(base) ?? this.firstSuffix;
    let n = from;
    while (this.used.has(name)) name = this.suffixed(base, n++);
    // Most names are free at once: leave the suffix map alone unless a suffix was used.
    if (n !== from) this.next.set(base, n);
    this.used.add(name);
    return name;
  }
}

/** Ids unique within one runbook: `x`, `x-1`, `x-2` (GitHub's rule for anchors). */
export class UniqueIds extends UniqueNames {
  constructor() {
    super(1, (base, n) => `${base}-${n}`);
  }
}

/** Display titles unique in order of appearance: `Title`, `Title (2)`, `Title (3)`. */
export class UniqueTitles extends UniqueNames {
  constructor() {
    super(2, (title, n) => `${title} (${n})`);
  }
}

/** The runbook id: the same path always gives the same id, whatever the content. */
export function runbookId(path: string): string {
  return `rb-${hashText(path.replace(/\\/g, '/'))}`;
}
