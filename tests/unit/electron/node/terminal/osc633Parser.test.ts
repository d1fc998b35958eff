import { describe, expect, it } from 'vitest';
import {
  escapeOsc633Value,
  Osc633Parser,
  unescapeOsc633Value,
  type Osc633Sequence,
} from '../../../../../electron/node/terminal/osc633Parser';

const NONCE = '0123456789abcdef0123456789abcdef';
const seq = (payload: string, terminator = '\x07') => `\x1b]633;${payload};${NONCE}${terminator}`;

type Item = { data: string } | { seq: Osc633Sequence };

/** Feeds chunks and returns data (merged) and sequences in order. */
function run(chunks: string[], nonce = NONCE): Item[] {
  const parser = new Osc633Parser(nonce);
  const items: Item[] = [];
  const sink = {
    data(text: string) {
      const last = items[items.length - 1];
      if (last && 'data' in last) last.data += text;
      else items.push({ data: text });
    },
    sequence(s: Osc633Sequence) {
      items.push({ seq: s });
    },
  };
  for (const chunk of chunks) parser.write(chunk, sink);
  parser.flush(sink);
  return items;
}

/** Every way of cutting `text` in two (and in single characters). */
function splits(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

describe('Osc633Parser', () => {
  const stream =
    'before' +
    seq('A') +
    'prompt$ ' +
    seq('B') +
    seq('E;echo hi\\x3b there') +
    seq('C', '\x1b\\') +
    'hi\r\n' +
    seq('D;0') +
    seq('P;Cwd=/tmp/a\\\\b') +
    'after';

  const expected: Item[] = [
    { data: 'before' },
    { seq: { code: 'A', args: [] } },
    { data: 'prompt$ ' },
    { seq: { code: 'B', args: [] } },
    { seq: { code: 'E', args: ['echo hi\\x3b there'] } },
    { seq: { code: 'C', args: [] } },
    { data: 'hi\r\n' },
    { seq: { code: 'D', args: ['0'] } },
    { seq: { code: 'P', args: ['Cwd=/tmp/a\\\\b'] } },
    { data: 'after' },
  ];

  it('extracts nonce-carrying sequences with BEL and ST terminators and strips them from data', () => {
    expect(run([stream])).toEqual(expected);
  });

  it('gives the same result wherever the chunks are split', () => {
    for (const chunks of splits(stream)) expect(run(chunks)).toEqual(expected);
  });

  it('gives the same result for three-way splits around a sequence', () => {
    const text = 'x' + seq('D;130') + 'y';
    for (let i = 1; i < text.length; i++) {
      for (let j = i + 1; j < text.length; j++) {
        expect(run([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual([
          { data: 'x' },
          { seq: { code: 'D', args: ['130'] } },
          { data: 'y' },
        ]);
      }
    }
  });

  const forgeries = [
    '\x1b]633;D;0\x07', // what `printf '\e]633;D;0\a'` prints
    '\x1b]633;E;rm -rf /;deadbeef\x07', // an E with a made-up nonce
    `\x1b]633;D;0;${NONCE.slice(0, -1)}\x07`, // almost the nonce
    `\x1b]633;D;0;${NONCE}x\x07`,
    `\x1b]633;${NONCE}\x07`, // the nonce but no code
    '\x1b]633;A\x1b\\',
  ];

  it('passes look-alike sequences without the nonce through untouched and reports nothing', () => {
    for (const forged of forgeries) {
      const text = 'out' + forged + 'put';
      for (const chunks of splits(text)) expect(run(chunks)).toEqual([{ data: text }]);
    }
  });

  it('does not let a forged prefix swallow a real sequence that follows', () => {
    const text = '\x1b]633;D;0' + '\x1b]633;B;' + NONCE + '\x07';
    // The forged one is aborted by the ESC of the real one (ours never contain raw ESC).
    expect(run([text])).toEqual([{ data: '\x1b]633;D;0' }, { seq: { code: 'B', args: [] } }]);
  });

  it('releases an unterminated look-alike as soon as a control character shows it is not ours', () => {
    const parser = new Osc633Parser(NONCE);
    const got: string[] = [];
    parser.write('\x1b]633;D;0 binary junk\n more', { data: (t) => got.push(t), sequence: () => got.push('SEQ') });
    expect(got.join('')).toBe('\x1b]633;D;0 binary junk\n more');
  });

  it('holds back only a possible sequence start at a chunk end', () => {
    const parser = new Osc633Parser(NONCE);
    const got: string[] = [];
    const sink = { data: (t: string) => got.push(t), sequence: () => got.push('SEQ') };
    parser.write('abc\x1b]63', sink);
    expect(got).toEqual(['abc']);
    parser.write('x', sink); // not 633 after all
    expect(got.join('')).toBe('abc\x1b]63x');
  });

  it('leaves other OSC and CSI sequences alone', () => {
    const text = '\x1b]0;title\x07\x1b[31mred\x1b[0m\x1b]133;A\x07';
    expect(run([text])).toEqual([{ data: text }]);
  });

  it('does not pass anything through twice or lose anything for random splits of mixed data', () => {
    const pieces = ['plain ', seq('C'), 'out\x1b[1m', '\x1b]633;D;0\x07', 'é😀', seq('D;2'), '\x1b]633;x', 'end'];
    const text = pieces.join('');
    const want = run([text]);
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 300; n++) {
      const chunks: string[] = [];
      let i = 0;
      while (i < text.length) {
        const len = 1 + Math.floor(rand() * 12);
        chunks.push(text.slice(i, i + len));
        i += len;
      }
      expect(run(chunks)).toEqual(want);
    }
    expect(want.filter((x) => 'seq' in x)).toHaveLength(2);
  });

  it('refuses a nonce that could break the framing', () => {
    expect(() => new Osc633Parser('')).toThrow();
    expect(() => new Osc633Parser('a;b')).toThrow();
  });
});

describe('escape / unescape', () => {
  it('round-trips backslashes, semicolons and control characters', () => {
    const value = 'a\\b;c\nd\te\x7f\x01é😀';
    const escaped = escapeOsc633Value(value);
    expect(escaped).not.toMatch(/[;\x00-\x1f\x7f]/);
    expect(escaped).toBe('a\\\\b\\x3bc\\x0ad\\x09e\\x7f\\x01é😀');
    expect(unescapeOsc633Value(escaped)).toBe(value);
  });

  it('keeps a literal backslash-x that the shell escaped', () => {
    expect(unescapeOsc633Value(escapeOsc633Value('\\x41'))).toBe('\\x41');
  });
});
