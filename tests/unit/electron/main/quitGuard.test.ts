import { describe, expect, it } from 'vitest';
import type { RunningCommandsAnswer } from '../../../../electron/common/bridge';
import { QuitGuard, quitWarning } from '../../../../electron/main/quitGuard';

function guard(answer: RunningCommandsAnswer | Error, userSays: boolean) {
  const calls = { asked: 0, confirmed: 0 };
  const quitGuard = new QuitGuard({
    askRunning: async () => {
      calls.asked++;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    confirmQuit: async () => {
      calls.confirmed++;
      return userSays;
    },
  });
  return { quitGuard, calls };
}

describe('QuitGuard', () => {
  it('quits without a dialog when nothing runs', async () => {
    const { quitGuard, calls } = guard({ running: 0 }, false);
    expect(await quitGuard.check()).toBe(true);
    expect(calls.confirmed).toBe(0);
    expect(quitGuard.mayQuit).toBe(true);
  });

  it('asks when commands run, and stays open when the user cancels', async () => {
    const { quitGuard, calls } = guard({ running: 2 }, false);
    expect(await quitGuard.check()).toBe(false);
    expect(quitGuard.mayQuit).toBe(false);
    expect(calls.confirmed).toBe(1);
  });

  it('quits when the user agrees, and does not ask again on the next close', async () => {
    const { quitGuard, calls } = guard({ running: 1 }, true);
    expect(await quitGuard.check()).toBe(true);
    expect(await quitGuard.check()).toBe(true);
    expect(calls.asked).toBe(1);
  });

  it('shows one dialog when close and before-quit arrive together', async () => {
    const { quitGuard, calls } = guard({ running: 1 }, false);
    const results = await Promise.all([quitGuard.check(), quitGuard.check()]);
    expect(results).toEqual([false, false]);
    expect(calls.confirmed).toBe(1);
  });

  it('lets the user quit when the page cannot answer', async () => {
    const { quitGuard, calls } = guard(new Error('page hung'), false);
    expect(await quitGuard.check()).toBe(true);
    expect(calls.confirmed).toBe(0);
  });
});

describe('quitWarning', () => {
  it('counts, quotes the commands and says what happens to the record', () => {
    const one = quitWarning({ running: 1, examples: ['kubectl rollout status deploy/api'] });
    expect(one.message).toBe('A command is still running. Quit War Room anyway?');
    expect(one.detail).toContain('$ kubectl rollout status deploy/api');
    expect(one.detail).toContain('stays in the incident');
    expect(quitWarning({ running: 3 }).message).toBe('3 commands are still running. Quit War Room anyway?');
  });
});
