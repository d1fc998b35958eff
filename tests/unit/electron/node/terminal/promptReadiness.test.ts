import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PromptInfo } from '../../../../../electron/node/terminal/commandCapture';
import { PromptReadiness } from '../../../../../electron/node/terminal/promptReadiness';

// Times are ms; the fake clock is vitest's, shared by PromptReadiness and its timer.
const T0 = 1_795_470_000_000;

let shell: { atPrompt: boolean; commandOpen: boolean; interrupts: number };
let r: PromptReadiness;
beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  shell = { atPrompt: true, commandOpen: false, interrupts: 0 };
  r = new PromptReadiness(
    { atPrompt: () => shell.atPrompt, commandOpen: () => shell.commandOpen, interrupt: () => shell.interrupts++ },
    () => Date.now(),
  );
});
afterEach(() => {
  r.dispose();
  vi.useRealTimers();
});

/** A command of the shell's runs (true) or it sits at its prompt (false). */
function running(on: boolean): void {
  shell.commandOpen = on;
  shell.atPrompt = !on;
}

/** A new prompt whose hooks ran from `start` to `start + 1` ms after T0. */
function prompt(start: number, fields: Partial<PromptInfo> = {}): PromptInfo {
  return { seq: 1, doneSeq: 1, doneStatus: 0, hooksStartedAt: T0 + start, hooksEndedAt: T0 + start + 1, reprompt: false, ...fields };
}

describe('PromptReadiness', () => {
  it('holds text typed at the prompt until a prompt that starts after Enter', () => {
    r.userInput('ls -l');
    expect(r.notReadyReason()).toMatch(/unsent text/);
    vi.advanceTimersByTime(10);
    // A redraw or a late prompt does not clear what is still on the line.
    r.promptShown(prompt(20, { reprompt: true }));
    expect(r.notReadyReason()).toMatch(/unsent text/);
    r.userInput('\r');
    expect(r.notReadyReason()).toMatch(/since the last line typed there/);
    // Hooks that started before the Enter was written: the keys may wait for that prompt's editor.
    r.promptShown(prompt(5));
    expect(r.notReadyReason()).toBeDefined();
    vi.advanceTimersByTime(10);
    r.promptShown(prompt(15, { doneSeq: 2 }));
    expect(r.notReadyReason()).toBeUndefined();
  });

  it('leaves keys sent to a running command to it', () => {
    running(true);
    r.userInput('q');
    expect(r.notReadyReason()).toBeUndefined();
  });

  it('takes a prompt drawn again after the Ctrl+C as its answer', () => {
    vi.advanceTimersByTime(100);
    r.userInput('\x03');
    r.promptShown(prompt(100.3, { reprompt: true }));
    expect(r.notReadyReason()).toBeUndefined();
    vi.advanceTimersByTime(1000);
    expect(shell.interrupts).toBe(0);
  });

  it('sends SIGINT again when the shell sits silent at a prompt drawn before the Ctrl+C', () => {
    vi.advanceTimersByTime(100);
    // The prompt's hooks ended just before the Ctrl+C was written: bash may have lost it.
    r.userInput('\x03');
    r.output();
    r.promptShown(prompt(99.5));
    expect(r.notReadyReason()).toMatch(/Ctrl\+C/);
    vi.advanceTimersByTime(99);
    expect(shell.interrupts).toBe(0);
    vi.advanceTimersByTime(2);
    expect(shell.interrupts).toBe(1);
    // Its answer: the prompt drawn again.
    r.output();
    r.promptShown(prompt(205, { reprompt: true, seq: 2 }));
    expect(r.notReadyReason()).toBeUndefined();
    vi.advanceTimersByTime(1000);
    expect(shell.interrupts).toBe(1);
  });

  it('never signals the shell while a command may run, nor when the user typed after Ctrl+C', () => {
    running(true);
    r.userInput('\x03');
    vi.advanceTimersByTime(1000);
    expect(shell.interrupts).toBe(0);
    // Typing after the Ctrl+C: that line's Enter will settle it, not a signal of ours.
    running(false);
    r.userInput('\x03');
    vi.advanceTimersByTime(1);
    r.userInput('echo x');
    vi.advanceTimersByTime(1000);
    expect(shell.interrupts).toBe(0);
    expect(r.notReadyReason()).toMatch(/Ctrl\+C/);
  });

  it('waits for output to stop before signalling', () => {
    r.userInput('\x03');
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(50);
      r.output();
    }
    expect(shell.interrupts).toBe(0);
    vi.advanceTimersByTime(101);
    expect(shell.interrupts).toBe(1);
  });

  it('counts a command killed by the Ctrl+C as its answer, not one that just ended', () => {
    running(true);
    vi.advanceTimersByTime(100);
    r.userInput('\x03');
    running(false);
    r.promptShown(prompt(100.5, { doneStatus: 130 }));
    expect(r.notReadyReason()).toBeUndefined();

    running(true);
    vi.advanceTimersByTime(100);
    r.userInput('\x03');
    running(false);
    r.promptShown(prompt(200.5, { doneStatus: 0, doneSeq: 2 }));
    expect(r.notReadyReason()).toMatch(/Ctrl\+C/);
  });

  it('counts the terminal echoing ^C before the command ended as its answer', () => {
    // ping catches SIGINT, prints a summary and exits 0 or 1.
    running(true);
    vi.advanceTimersByTime(100);
    r.userInput('\x03');
    r.text('^C\r\n--- 10.0.0.1 ping statistics ---\r\n');
    r.sequenceSeen('D');
    running(false);
    r.promptShown(prompt(101, { doneStatus: 1 }));
    expect(r.notReadyReason()).toBeUndefined();
  });

  it('does not count a ^C echoed after the command ended', () => {
    // The shell had printed D when the SIGINT came: it reached bash, maybe after its hooks.
    running(true);
    vi.advanceTimersByTime(100);
    r.userInput('\x03');
    r.sequenceSeen('D');
    running(false);
    r.text('^C');
    r.promptShown(prompt(101));
    expect(r.notReadyReason()).toMatch(/Ctrl\+C/);
  });

  it('counts a prompt whose hooks ended well after the Ctrl+C', () => {
    // vim ignores Ctrl+C; the user quits it later.
    running(true);
    r.userInput('\x03');
    vi.advanceTimersByTime(5000);
    running(false);
    r.promptShown(prompt(5000));
    expect(r.notReadyReason()).toBeUndefined();
  });

  it('gives up after two unanswered signals (a shell that ignores SIGINT)', () => {
    r.userInput('\x03');
    vi.advanceTimersByTime(1000);
    expect(shell.interrupts).toBe(2);
    expect(r.notReadyReason()).not.toMatch(/Ctrl\+C/);
  });

  it('without the shell’s clock, takes any new prompt as the answer', () => {
    r.userInput('\x03');
    r.promptShown(undefined);
    expect(r.notReadyReason()).toBeUndefined();
  });
});
