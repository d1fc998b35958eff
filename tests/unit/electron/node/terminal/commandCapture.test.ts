import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedCommand } from '../../../../../electron/common/terminal/model';
import { CommandCapture, type PromptInfo } from '../../../../../electron/node/terminal/commandCapture';

// The sequences as the shell scripts send them (nonce already checked and removed by the parser).
const prompt = (seq: number, done: number, status: number | '', reprompt = 0) => ({
  code: 'A',
  args: [String(seq), String(done), String(status), '1795470000.100000', '1795470000.102000', String(reprompt)],
});
const B = { code: 'B', args: [] };
const E = (line: string) => ({ code: 'E', args: [line] });
const C = (n: number) => ({ code: 'C', args: [String(n)] });
const D = (status: number, n: number) => ({ code: 'D', args: [String(status), String(n)] });

let capture: CommandCapture;
afterEach(() => capture?.dispose());

function open(): { records: CapturedCommand[]; prompts: (PromptInfo | undefined)[] } {
  capture = new CommandCapture({ sessionId: 's', incidentId: 'i', cwd: '/', cols: 80, rows: 24 });
  const records: CapturedCommand[] = [];
  const prompts: (PromptInfo | undefined)[] = [];
  capture.onDidFinishCommand((r) => records.push(r));
  capture.onDidShowPrompt((p) => prompts.push(p));
  return { records, prompts };
}

describe('CommandCapture', () => {
  it('ends a command whose D was lost once a prompt says the shell saw it finish', async () => {
    // A Ctrl+C makes the terminal drop output not yet read: D can go, the next prompt comes.
    const { records } = open();
    for (const seq of [prompt(1, 0, ''), B, E('sleep 1'), C(1)]) capture.handleSequence(seq, 1000);
    capture.handleData('zzz\r\n');
    expect(capture.state).toBe('running');
    capture.handleSequence(prompt(2, 1, 0), 2000);
    capture.handleSequence(B, 2000);
    await capture.whenIdle();
    expect(capture.state).toBe('idle');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ commandLine: 'sleep 1', exitCode: 0, endedBy: 'prompt', endedAt: 2000, output: 'zzz' });
    // The next command is recorded on its own, not merged into the lost one.
    for (const seq of [E('echo next'), C(2), D(0, 2), prompt(3, 2, 0), B]) capture.handleSequence(seq, 3000);
    await capture.whenIdle();
    expect(records.map((r) => r.commandLine)).toEqual(['sleep 1', 'echo next']);
  });

  it('is not ended by a prompt the running command itself prints', async () => {
    const { records } = open();
    for (const seq of [prompt(4, 3, 0), B, E('show-prompt'), C(4)]) capture.handleSequence(seq, 1000);
    // `printf '%s' "${PS1@P}"` inside command 4 expands A with the last finished command: 3.
    capture.handleSequence(prompt(4, 3, 0), 1100);
    capture.handleSequence(B, 1100);
    expect(capture.state).toBe('running');
    expect(capture.commandOpen).toBe(true);
    capture.handleSequence(D(0, 4), 1200);
    capture.handleSequence(prompt(5, 4, 0), 1200);
    await capture.whenIdle();
    expect(records).toHaveLength(1);
    expect(records[0]?.endedAt).toBe(1200);
  });

  it('ignores a D repeated from an earlier command', async () => {
    const { records } = open();
    for (const seq of [prompt(1, 0, ''), E('a'), C(7), D(0, 7), prompt(2, 7, 0), E('b'), C(8)]) capture.handleSequence(seq, 1000);
    capture.handleSequence(D(130, 7), 1100);
    expect(capture.state).toBe('running');
    capture.handleSequence(D(3, 8), 1200);
    await capture.whenIdle();
    expect(records.map((r) => [r.commandLine, r.exitCode])).toEqual([
      ['a', 0],
      ['b', 3],
    ]);
  });

  it('reports each new prompt once, however often it is redrawn', () => {
    const { prompts } = open();
    capture.handleSequence(prompt(1, 0, ''), 1000);
    capture.handleSequence(prompt(1, 0, ''), 1001); // Ctrl+L, a resize
    capture.handleSequence(prompt(2, 0, '', 1), 1002);
    expect(prompts.map((p) => [p?.seq, p?.reprompt])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(prompts[0]).toMatchObject({ hooksStartedAt: 1795470000100, hooksEndedAt: 1795470000102 });
  });

  it('reads the shells’ clocks in any locale and at any precision', () => {
    const { prompts } = open();
    capture.handleSequence({ code: 'A', args: ['1', '0', '', '1795470000,5', '1795470000.1234567890', '0'] }, 1);
    expect(prompts[0]).toMatchObject({ hooksStartedAt: 1795470000500 });
    expect(prompts[0]?.hooksEndedAt).toBeCloseTo(1795470000123.4568, 3);
  });

  it('still works with scripts that send bare sequences', async () => {
    const { records, prompts } = open();
    for (const seq of [{ code: 'A', args: [] }, E('ls'), { code: 'C', args: [] }]) capture.handleSequence(seq, 1000);
    // A bare A cannot say whether it follows the command: only D ends it.
    capture.handleSequence({ code: 'A', args: [] }, 1100);
    expect(capture.state).toBe('running');
    capture.handleSequence({ code: 'D', args: ['2'] }, 1200);
    capture.handleSequence({ code: 'A', args: [] }, 1200);
    await capture.whenIdle();
    expect(records[0]).toMatchObject({ commandLine: 'ls', exitCode: 2 });
    expect(prompts).toEqual([undefined, undefined]);
  });
});
