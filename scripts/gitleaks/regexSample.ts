/**
 * A random string matching an RE2 pattern, like the `reggen` package gitleaks' rule
 * generators use for their true-positive examples (`secrets.NewSecret(regex)`), from a seeded
 * generator so the fixture regenerates identically. Unbounded repeats add at most `limit`.
 */
import { parse, type Node, type Range } from './re2ToJs';

/** mulberry32: small, fast, and good enough for sample strings. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Printable ASCII: what a negated class picks from. */
const PRINTABLE: Range = [0x21, 0x7e];

export function regexSample(pattern: string, random: () => number, limit = 1): string {
  const pick = (n: number) => Math.floor(random() * n);
  const fromRanges = (ranges: Range[]): number => {
    const total = ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
    let at = pick(total);
    for (const [lo, hi] of ranges) {
      if (at <= hi - lo) return lo + at;
      at -= hi - lo + 1;
    }
    return ranges[0]![0];
  };
  const gen = (node: Node): string => {
    switch (node.t) {
      case 'lit': {
        const ch = String.fromCharCode(node.c);
        return node.fold && random() < 0.5 ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch;
      }
      case 'class': {
        if (!node.neg) return String.fromCharCode(fromRanges(node.ranges));
        const allowed: Range[] = [];
        for (let c = PRINTABLE[0]; c <= PRINTABLE[1]; c++) if (!node.ranges.some(([lo, hi]) => c >= lo && c <= hi)) allowed.push([c, c]);
        return String.fromCharCode(fromRanges(allowed));
      }
      case 'assert':
        return '';
      case 'group':
        return gen(node.body);
      case 'alt':
        return gen(node.alts[pick(node.alts.length)]!);
      case 'cat':
        return node.items.map(gen).join('');
      case 'rep': {
        const max = node.max === Infinity ? node.min + limit : node.max;
        const count = node.min + pick(max - node.min + 1);
        let out = '';
        for (let i = 0; i < count; i++) out += gen(node.body);
        return out;
      }
    }
  };
  return gen(parse(pattern));
}
