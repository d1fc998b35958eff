import { describe, expect, it } from 'vitest';
import { OUTPUT_HEAD_LINES, OUTPUT_TAIL_LINES, OUTPUT_MAX_CHARS, excerptOutput } from '../../../../../electron/common/report/outputExcerpt';
import { Redactor } from '../../../../../electron/common/report/redaction';

const lines = (n: number, make = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

describe('excerptOutput', () => {
  it('shows short output whole', () => {
    expect(excerptOutput('a\nb\n')).toEqual({ text: 'a\nb', omittedLines: 0 });
  });

  it('keeps the first and last lines of long output around a marker that counts what is left out', () => {
    const { text, omittedLines } = excerptOutput(lines(500));
    const shown = text.split('\n');
    expect(shown.slice(0, OUTPUT_HEAD_LINES)).toEqual(lines(OUTPUT_HEAD_LINES).split('\n'));
    expect(shown[OUTPUT_HEAD_LINES]).toMatch(/^… \[440 lines \(\d+ characters\) omitted here — the JSON bundle has the full output\] …$/);
    expect(shown.slice(-OUTPUT_TAIL_LINES)).toEqual(lines(500).split('\n').slice(-OUTPUT_TAIL_LINES));
    expect(omittedLines).toBe(500 - OUTPUT_HEAD_LINES - OUTPUT_TAIL_LINES);
  });

  it('cuts a few very long lines by characters', () => {
    const { text } = excerptOutput('x'.repeat(100_000));
    expect(text.length).toBeLessThan(OUTPUT_MAX_CHARS + 200);
    expect(text).toContain('omitted here');
  });

  it('masks a secret straddling a cut whole, and one in the shown tail', () => {
    const token = 'ghp_R2d2C3poBb8Luke5Leia9Han0Solo1Chewie4';
    // Line 40 ends the head; a long line 39 puts the token across the character cut.
    const body = lines(300, (i) => (i === 0 ? `${'y'.repeat(OUTPUT_MAX_CHARS / 2 - 10)} ${token}` : i === 290 ? `tail has --password=Tail-Secret-9` : `line ${i}`));
    const redactor = new Redactor();
    const { text } = excerptOutput(body, (piece) => redactor.matches(piece, 'output'));
    expect(text).not.toContain('ghp_R2d2');
    expect(text).toContain('[REDACTED:github-token]');
    expect(text).toContain('tail has --password=[REDACTED:cli-password]');
  });
});
