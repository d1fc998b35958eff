/**
 * Translates a Go (RE2) regular expression into a JavaScript RegExp that matches the same
 * strings, for the gitleaks rules we vendor. The two dialects look alike and differ in ways
 * that silently change what matches, so nothing is passed through as text: the pattern is
 * parsed into a tree and written out again.
 *
 * - Inline flags: `(?i)` in the middle of a pattern, `(?i:…)`, `(?-i:…)`, `(?s:…)`, `(?m)`.
 *   JavaScript (Node 20) has no inline modifiers, so case-insensitive parts are spelled out
 *   (`k` → `[kK]`, `[a-f]` → `[a-fA-F]`); a pattern that is case-insensitive throughout gets the
 *   `i` flag instead, which keeps V8's fast literal search.
 * - Classes with RE2's meaning: `\s` is `[\t\n\f\r ]` (JavaScript's also takes Unicode spaces
 *   and `\v`), `.` excludes only `\n`, POSIX `[[:alnum:]]`, `\pL`-style Unicode classes.
 * - Anchors: `\A`, `\z`, `^`/`$` with and without `(?m)` become look-arounds whose meaning no
 *   JavaScript flag changes.
 * - `(?P<name>…)` named groups; `\Q…\E` quoting; `\x{…}` escapes.
 * A construct with no faithful translation (`(?U)`, astral code points) throws a
 * `Re2ConversionError`, and the rule is listed as not converted — never dropped silently.
 *
 * It also measures two things the scanner uses to stay fast (see secretScanner.ts): how many
 * line breaks a match can span, and a leading `[\w.-]{0,50}?` that only widens the match to
 * the left (gitleaks' "identifier prefix"), which is split off so V8 can search for the
 * literal keyword after it.
 */
import type { ConvertedRegex } from '../../electron/common/report/gitleaksFormat';

export class Re2ConversionError extends Error {}

export type Range = [number, number];
export type Node =
  | { t: 'lit'; c: number; fold: boolean }
  | { t: 'class'; ranges: Range[]; neg: boolean; fold: boolean }
  | { t: 'assert'; js: string }
  | { t: 'group'; capture: boolean; name?: string; body: Node }
  | { t: 'alt'; alts: Node[] }
  | { t: 'cat'; items: Node[] }
  | { t: 'rep'; min: number; max: number; lazy: boolean; body: Node };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

const MAX_CODE_UNIT = 0xffff;
const r = (a: string, b: string = a): Range => [a.codePointAt(0)!, b.codePointAt(0)!];
const DIGIT: Range[] = [r('0', '9')];
const WORD: Range[] = [r('0', '9'), r('A', 'Z'), r('_'), r('a', 'z')];
/** RE2's `\s`: no `\v`, no Unicode spaces. */
const SPACE: Range[] = [r('\t', '\n'), r('\f', '\r'), r(' ')];
const POSIX: Record<string, Range[]> = {
  alnum: [r('0', '9'), r('A', 'Z'), r('a', 'z')],
  alpha: [r('A', 'Z'), r('a', 'z')],
  ascii: [[0, 0x7f]],
  blank: [r('\t'), r(' ')],
  cntrl: [[0, 0x1f], [0x7f, 0x7f]],
  digit: DIGIT,
  graph: [r('!', '~')],
  lower: [r('a', 'z')],
  print: [r(' ', '~')],
  punct: [r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')],
  space: [r('\t', '\r'), r(' ')],
  upper: [r('A', 'Z')],
  word: WORD,
  xdigit: [r('0', '9'), r('A', 'F'), r('a', 'f')],
};
/** Unicode classes by RE2 name → JavaScript `\p{…}` (needs the `u` flag, which we avoid): unsupported. */

/** The pattern's tree (also used to generate sample strings: regexSample.ts). */
export function parse(source: string): Node {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Re2ConversionError(`${message} at ${pos} in ${source}`);
  };

  const parseAlt = (flags: Flags): Node => {
    const alts: Node[] = [parseCat(flags)];
    while (source[pos] === '|') {
      pos++;
      alts.push(parseCat(flags));
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  };

  // `flags` is mutable within one group: `(?i)` changes it for the rest of the group.
  const parseCat = (flags: Flags): Node => {
    const items: Node[] = [];
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') {
      const atom = parseAtom(flags);
      if (atom === null) continue;
      items.push(parseQuantifier(atom));
    }
    return items.length === 1 ? items[0]! : { t: 'cat', items };
  };

  const parseQuantifier = (atom: Node): Node => {
    for (;;) {
      const c = source[pos];
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(pos));
        if (!m) return atom; // RE2 takes a `{` that is not a repeat literally.
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (min > 1000 || (max !== Infinity && max > 1000) || max < min) fail('bad repeat');
        pos += m[0].length - 1;
      } else return atom;
      pos++;
      let lazy = false;
      if (source[pos] === '?') {
        lazy = true;
        pos++;
      }
      if (atom.t === 'assert') fail('repeated assertion');
      atom = { t: 'rep', min, max, lazy, body: atom };
    }
  };

  const parseAtom = (flags: Flags): Node | null => {
    const c = source[pos]!;
    if (c === '(') return parseGroup(flags);
    if (c === '[') return parseClass(flags);
    if (c === '.') {
      pos++;
      return flags.s ? { t: 'class', ranges: [[0, MAX_CODE_UNIT]], neg: false, fold: false } : { t: 'class', ranges: [r('\n')], neg: true, fold: false };
    }
    if (c === '^') {
      pos++;
      return { t: 'assert', js: flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])' };
    }
    if (c === '$') {
      pos++;
      return { t: 'assert', js: flags.m ? '(?![^\\n])' : '(?![\\s\\S])' };
    }
    if (c === '\\') {
      const next = source[pos + 1];
      if (next === 'Q') {
        const end = source.indexOf('\\E', pos + 2);
        const quoted = source.slice(pos + 2, end === -1 ? source.length : end);
        pos = end === -1 ? source.length : end + 2;
        return { t: 'cat', items: [...quoted].map((ch) => ({ t: 'lit', c: ch.codePointAt(0)!, fold: flags.i })) };
      }
      const asserts: Record<string, string> = { b: '\\b', B: '\\B', A: '(?<![\\s\\S])', z: '(?![\\s\\S])' };
      if (next !== undefined && next in asserts) {
        pos += 2;
        return { t: 'assert', js: asserts[next]! };
      }
      const escaped = parseEscape(flags);
      return escaped;
    }
    if (c === '*' || c === '+' || c === '?') fail('missing argument to repetition operator');
    pos += c.length;
    const cp = source.codePointAt(pos - 1)!;
    if (cp > MAX_CODE_UNIT) fail('astral code point');
    return { t: 'lit', c: cp, fold: flags.i };
  };

  /** An escape outside a class: a literal or a class node. */
  const parseEscape = (flags: Flags): Node => {
    const cls = parseClassEscape();
    if (cls) return { t: 'class', ranges: cls.ranges, neg: cls.neg, fold: flags.i };
    return { t: 'lit', c: parseCharEscape(), fold: flags.i };
  };

  /** `\d \w \s \D \W \S`, `\pX`: a class, or null when the escape is a single character. */
  const parseClassEscape = (): { ranges: Range[]; neg: boolean } | null => {
    const e = source[pos + 1];
    const perl: Record<string, Range[]> = { d: DIGIT, w: WORD, s: SPACE };
    if (e !== undefined && e.toLowerCase() in perl && /[dwsDWS]/.test(e)) {
      pos += 2;
      return { ranges: perl[e.toLowerCase()]!, neg: e !== e.toLowerCase() };
    }
    if (e === 'p' || e === 'P') fail('Unicode class \\p');
    return null;
  };

  const parseCharEscape = (): number => {
    const e = source[pos + 1];
    if (e === undefined) fail('trailing backslash');
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (e! in simple) {
      pos += 2;
      return simple[e!]!;
    }
    if (e === 'x') {
      const m = /^\\x(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(source.slice(pos));
      if (!m) fail('bad \\x escape');
      pos += m![0].length;
      const cp = parseInt(m![1] ?? m![2]!, 16);
      if (cp > MAX_CODE_UNIT) fail('astral code point');
      return cp;
    }
    if (/[0-7]/.test(e!)) {
      const m = /^\\([0-7]{1,3})/.exec(source.slice(pos))!;
      if (m[1]!.length < 2 && m[1] !== '0') fail('backreference');
      pos += m[0].length;
      return parseInt(m[1]!, 8);
    }
    if (/[!-/:-@[-`{-~]/.test(e!)) {
      pos += 2;
      return e!.charCodeAt(0);
    }
    return fail(`unknown escape \\${e}`);
  };

  const parseClass = (flags: Flags): Node => {
    pos++;
    let neg = false;
    if (source[pos] === '^') {
      neg = true;
      pos++;
    }
    const ranges: Range[] = [];
    let first = true;
    while (pos < source.length && (source[pos] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(source.slice(pos));
      if (posix) {
        const set = POSIX[posix[2]!] ?? fail(`unknown POSIX class ${posix[2]}`);
        ranges.push(...(posix[1] ? complement(set) : set));
        pos += posix[0].length;
        continue;
      }
      if (source[pos] === '\\') {
        const cls = parseClassEscape();
        if (cls) {
          ranges.push(...(cls.neg ? complement(cls.ranges) : cls.ranges));
          continue;
        }
      }
      const lo = classChar();
      if (source[pos] === '-' && source[pos + 1] !== ']' && pos + 1 < source.length) {
        pos++;
        const hi = classChar();
        if (hi < lo) fail('bad character class range');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    if (source[pos] !== ']') fail('missing ]');
    pos++;
    return { t: 'class', ranges: normalize(ranges), neg, fold: flags.i };
  };

  const classChar = (): number => {
    if (source[pos] === '\\') return parseCharEscape();
    const cp = source.codePointAt(pos)!;
    if (cp > MAX_CODE_UNIT) fail('astral code point');
    pos++;
    return cp;
  };

  const parseGroup = (flags: Flags): Node | null => {
    pos++;
    if (source[pos] !== '?') {
      const body = parseAlt({ ...flags });
      expect(')');
      return { t: 'group', capture: true, body };
    }
    const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(pos));
    if (named) {
      pos += named[0].length;
      const body = parseAlt({ ...flags });
      expect(')');
      return { t: 'group', capture: true, name: named[1]!, body };
    }
    const m = /^\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(source.slice(pos));
    if (!m) return fail('unknown group syntax');
    pos += m[0].length;
    const scoped = m[3] === ':' ? { ...flags } : flags;
    for (const [letters, on] of [
      [m[1]!, true],
      [m[2] ?? '', false],
    ] as const) {
      for (const f of letters) {
        if (f === 'i' || f === 'm' || f === 's') scoped[f] = on;
        else fail(`flag ${f} has no JavaScript equivalent`);
      }
    }
    if (m[3] === ')') return null; // `(?i)`: flags changed for the rest of this group.
    const body = parseAlt(scoped);
    expect(')');
    return { t: 'group', capture: false, body };
  };

  const expect = (c: string) => {
    if (source[pos] !== c) fail(`expected ${c}`);
    pos++;
  };

  const tree = parseAlt({ i: false, m: false, s: false });
  if (pos !== source.length) fail('unexpected )');
  return tree;
}

function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_UNIT) out.push([next, MAX_CODE_UNIT]);
  return out;
}

/** The ranges plus their other-case letters (ASCII letters; RE2 also folds k/K/K and s/S/ſ). */
function folded(ranges: Range[]): Range[] {
  const extra: Range[] = [];
  for (const [lo, hi] of ranges) {
    const overlap = (a: number, b: number, delta: number) => {
      const from = Math.max(lo, a);
      const to = Math.min(hi, b);
      if (from <= to) extra.push([from + delta, to + delta]);
    };
    overlap(0x41, 0x5a, 0x20);
    overlap(0x61, 0x7a, -0x20);
  }
  return normalize([...ranges, ...extra]);
}

const hasLetters = (ranges: Range[]) => ranges.some(([lo, hi]) => (lo <= 0x5a && hi >= 0x41) || (lo <= 0x7a && hi >= 0x61));

function escapeChar(cp: number, inClass: boolean): string {
  if (cp < 0x20 || cp === 0x7f || (cp > 0x7e && cp < 0xa0) || cp > 0x7e) {
    const named: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r', 12: '\\f', 11: '\\v' };
    return named[cp] ?? `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  const ch = String.fromCharCode(cp);
  const special = inClass ? '\\]^-[' : '\\^$.|?*+()[]{}/';
  return special.includes(ch) ? `\\${ch}` : ch;
}

function emitClass(ranges: Range[], neg: boolean): string {
  if (!neg && ranges.length === 1 && ranges[0]![0] === 0 && ranges[0]![1] === MAX_CODE_UNIT) return '[\\s\\S]';
  const body = ranges
    .map(([lo, hi]) => (lo === hi ? escapeChar(lo, true) : hi === lo + 1 ? escapeChar(lo, true) + escapeChar(hi, true) : `${escapeChar(lo, true)}-${escapeChar(hi, true)}`))
    .join('');
  return `[${neg ? '^' : ''}${body}]`;
}

/** Whether case folding is uniform: every letter-bearing node folds (→ `i` flag) or none does. */
function foldMode(node: Node): { folds: boolean; plain: boolean } {
  const acc = { folds: false, plain: false };
  const walk = (n: Node) => {
    switch (n.t) {
      case 'lit':
        if (hasLetters([[n.c, n.c]])) acc[n.fold ? 'folds' : 'plain'] = true;
        break;
      case 'class':
        if (hasLetters(n.ranges)) acc[n.fold ? 'folds' : 'plain'] = true;
        break;
      case 'group':
      case 'rep':
        walk(n.body);
        break;
      case 'alt':
        n.alts.forEach(walk);
        break;
      case 'cat':
        n.items.forEach(walk);
        break;
    }
  };
  walk(node);
  return acc;
}

function emit(node: Node, expandFold: boolean): string {
  switch (node.t) {
    case 'lit':
      if (expandFold && node.fold && hasLetters([[node.c, node.c]])) return emitClass(folded([[node.c, node.c]]), false);
      return escapeChar(node.c, false);
    case 'class':
      return emitClass(expandFold && node.fold ? folded(node.ranges) : node.ranges, node.neg);
    case 'assert':
      return node.js;
    case 'group': {
      const body = emit(node.body, expandFold);
      if (!node.capture) return `(?:${body})`;
      return node.name ? `(?<${node.name}>${body})` : `(${body})`;
    }
    case 'alt':
      return node.alts.map((a) => emit(a, expandFold)).join('|');
    case 'cat':
      return node.items.map((item) => (item.t === 'alt' ? `(?:${emit(item, expandFold)})` : emit(item, expandFold))).join('');
    case 'rep': {
      const inner = node.body.t === 'cat' || node.body.t === 'alt' || node.body.t === 'rep' ? `(?:${emit(node.body, expandFold)})` : emit(node.body, expandFold);
      const q =
        node.min === 0 && node.max === Infinity ? '*' : node.min === 1 && node.max === Infinity ? '+' : node.min === 0 && node.max === 1 ? '?' : node.max === Infinity ? `{${node.min},}` : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
      return `${inner}${q}${node.lazy ? '?' : ''}`;
    }
  }
}

/** Most line breaks one match can contain (Infinity when unbounded). */
function maxNewlines(node: Node): number {
  switch (node.t) {
    case 'lit':
      return node.c === 10 ? 1 : 0;
    case 'class': {
      const has = node.ranges.some(([lo, hi]) => lo <= 10 && hi >= 10);
      return has !== node.neg ? 1 : 0;
    }
    case 'assert':
      return 0;
    case 'group':
      return maxNewlines(node.body);
    case 'alt':
      return Math.max(...node.alts.map(maxNewlines));
    case 'cat':
      return node.items.reduce((n, item) => n + maxNewlines(item), 0);
    case 'rep': {
      const per = maxNewlines(node.body);
      return per === 0 ? 0 : node.max === Infinity ? Infinity : per * node.max;
    }
  }
}


export function re2ToJs(re2: string, options: { splitPrefix?: boolean; groupCount?: number } = {}): ConvertedRegex {
  let tree = parse(re2);
  let prefix: ConvertedRegex['prefix'];
  if (options.splitPrefix && tree.t === 'cat' && tree.items.length > 1) {
    const first = tree.items[0]!;
    if (first.t === 'rep' && first.lazy && first.min === 0 && first.max !== Infinity && first.body.t === 'class') {
      const mode = foldMode(first.body);
      prefix = { class: emitClass(first.body.fold && mode.folds ? folded(first.body.ranges) : first.body.ranges, first.body.neg), max: first.max };
      tree = tree.items.length === 2 ? tree.items[1]! : { t: 'cat', items: tree.items.slice(1) };
    }
  }
  const mode = foldMode(tree);
  const useFlag = mode.folds && !mode.plain;
  const source = emit(tree, !useFlag);
  const flags = useFlag ? 'i' : '';
  // Prove the result compiles here, not at the first scan.
  new RegExp(source, flags);
  const span = maxNewlines(tree);
  return { source, flags, lineSpan: span === Infinity ? null : span, ...(prefix ? { prefix } : {}) };
}
