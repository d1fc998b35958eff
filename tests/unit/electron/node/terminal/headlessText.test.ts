import { afterEach, describe, expect, it } from 'vitest';
import { FULL_SCREEN_MARK, HeadlessText } from '../../../../../electron/node/terminal/headlessText';

let t: HeadlessText | undefined;
afterEach(() => t?.dispose());

async function render(data: string, cols = 20, rows = 5): Promise<string> {
  t = new HeadlessText(cols, rows);
  t.write(data);
  return t.text();
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
});
