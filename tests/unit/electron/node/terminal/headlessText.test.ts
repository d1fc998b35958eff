import { afterEach, describe, expect, it } from 'vitest';
import { FULL_SCREEN_MARK, HeadlessText } from '../../../../../electron/node/terminal/headlessText';

let t: HeadlessText | undefined;
afterEach(() => t?.dispose());

async function render(data: string | string[], cols = 20, rows = 5): Promise<string> {
  t = new HeadlessText(cols, rows);
  for (const chunk of typeof data === 'string' ? [data] : data) t.write(chunk);
  const text = await t.text();
  t.dispose();
  t = undefined;
  return text;
}

/** A sequence that changes nothing on screen and is not plain: the terminal parses all that follows. */
const NOT_PLAIN = '\x1b[?25h';

/** Pseudo-random numbers from a seed, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('HeadlessText', () => {
  it('resolves carriage returns, backspaces and erases as the screen shows them', async () => {
    expect(await render('10%\r50%\r100%\r\n')).toBe('100%');
    expect(await render('abc\b\bX\r\n')).toBe('aXc');
    expect(await render('hello world\r\x1b[Kbye\r\n')).toBe('bye');
    expect(await render('\x1b[31mred\x1b[0m plain\r\n')).toBe('red plain');
  });

  it('keeps every line of output far longer than its scrollback, in order, once', async () => {
    let data = '';
    for (let i = 0; i < 5000; i++) data += `line ${i}\r\n`;
    const lines = (await render(data)).split('\n');
    expect(lines).toHaveLength(5000);
    expect(lines.every((l, i) => l === `line ${i}`)).toBe(true);
  });

  it('joins a long line the terminal wrapped, keeping its spaces', async () => {
    const long = 'word '.repeat(10).trimEnd(); // 49 chars on 20 columns
    expect(await render(`${long}\r\nnext\r\n`)).toBe(`${long}\nnext`);
  });

  it("keeps a full-screen program's last screen, after what the command printed", async () => {
    // less/vim/top: enter the alternate screen, draw, redraw, leave it (which clears it).
    const data = 'before\r\n\x1b[?1049h\x1b[H\x1b[2Jfirst draw\x1b[H\x1b[2Jtop line\r\n  second\x1b[?1049lafter\r\n';
    expect(await render(data)).toBe(`before\nafter\n\n${FULL_SCREEN_MARK}\ntop line\n  second`);
    // Still on it when the record is made (the program was killed): the screen as it is.
    expect(await render('\x1b[?47h\x1b[3;1Hstill here')).toBe(`${FULL_SCREEN_MARK}\nstill here`);
    // Plain output has no such section.
    expect(await render('plain\r\n')).toBe('plain');
  });

  it('does not collect rows a scroll region moved (a status-line program)', async () => {
    // Rows 2-4 scroll among themselves; nothing leaves the screen.
    const text = await render('top\r\n\x1b[2;4r\x1b[4;1Ha\r\nb\r\nc\r\n\x1b[r\x1b[5;1Hbottom');
    expect(text.split('\n').filter((l) => l === 'top')).toHaveLength(1);
    expect(text).toContain('bottom');
  });

  it('keeps what `clear` wiped: the user saw it', async () => {
    expect(await render('before\r\n\x1b[H\x1b[2Jafter\r\n')).toBe('before\n\nafter'.replace('\n\n', '\n'));
  });

  describe('plain output (lines of printable text and colours), collected without the terminal', () => {
    it('reads the same as through the terminal, however it is split into writes', async () => {
      const pieces = ['word', ' ', 'é', 'Ω', 'Жё', '—', '→', '│', '\r\n', '\r\n', '\x1b[31m', '\x1b[0m', '\x1b[m', 'x'.repeat(45), '   '];
      for (let seed = 1; seed <= 40; seed++) {
        const next = random(seed);
        let output = '';
        while (output.length < 600) output += pieces[Math.floor(next() * pieces.length)];
        const chunks: string[] = [];
        for (let at = 0; at < output.length; ) {
          const size = 1 + Math.floor(next() * 40);
          chunks.push(output.slice(at, at + size));
          at += size;
        }
        expect(await render(chunks), `seed ${seed}`).toBe(await render([NOT_PLAIN, output]));
      }
    });

    it('hands the screen to the terminal at the first other sequence, which then acts on it', async () => {
      const lines = Array.from({ length: 12 }, (_, i) => `line ${i}`);
      const plain = lines.join('\r\n') + '\r\n';
      const cases = [
        '50%\r100%\r\n', // a progress bar
        '\x1b[2A\x1b[Kedited\r\n', // cursor up two rows, erase: rewrites a line still on screen
        'a\tb\r\n', // a tab moves the cursor
        'bare\nfeed\r\n', // a line feed without a carriage return
        '日本\r\n', // wide characters
        '\x1b[H\x1b[2Jcleared\r\n', // clear: what was seen is kept
        '\x1b[?1049hfull\x1b[?1049lback\r\n', // a full-screen program
      ];
      for (const rest of cases) {
        for (const split of [0, 1, 5]) {
          const whole = plain + rest;
          const at = plain.length + split;
          expect(await render([whole.slice(0, at), whole.slice(at)]), JSON.stringify(rest)).toBe(await render([NOT_PLAIN, whole]));
        }
      }
    });

    it('takes a CR LF split between writes as a line end, and a lone CR as a return to the line start', async () => {
      expect(await render(['one\r', '\ntwo\r', '\n'])).toBe('one\ntwo');
      expect(await render(['12345\r', 'ab\r\n'])).toBe('ab345');
      expect(await render(['done\r'])).toBe('done');
    });

    it('keeps a long plain flood whole and in order', async () => {
      const lines = Array.from({ length: 20_000 }, (_, i) => `${i} ${'z'.repeat(1 + (i % 50))}`);
      const text = await render(lines.map((l) => `\x1b[32m${l}\x1b[0m\r\n`));
      expect(text).toBe(lines.join('\n'));
    });
  });
});
