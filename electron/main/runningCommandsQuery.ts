import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import { z } from 'zod';
import { APP_CHANNELS } from '../common/appChannels';
import type { RunningCommandsAnswer } from '../common/bridge';

/** Why 1.5 s: a busy page still answers in well under that; a hung one must not block quitting. */
export const ANSWER_TIMEOUT_MS = 1_500;
/** Why 5: the quit dialog quotes a few command lines, not a wall of them. */
const MAX_EXAMPLES = 5;
/** Why 200: a command line long enough to recognise, short enough for a dialog. */
const MAX_EXAMPLE_CHARS = 200;

const AnswerMessage = z.object({
  id: z.number().int(),
  answer: z.object({
    running: z.number().int().min(0).max(1_000_000),
    examples: z.array(z.string()).optional(),
  }),
});

/** Nothing known means nothing to warn about: a broken page must never trap the user in the app. */
const UNKNOWN: RunningCommandsAnswer = { running: 0 };

/**
 * Asks the page "is anything still running?" before the app quits (the page
 * knows the terminals' state through its host connection). Answers from any
 * frame but our own page are ignored, and so are malformed ones.
 */
export class RunningCommandsQuery {
  private nextId = 1;
  private readonly pending = new Map<number, (answer: RunningCommandsAnswer) => void>();

  constructor(ipcMain: IpcMain, isTrusted: (frame: IpcMainEvent['senderFrame']) => boolean) {
    ipcMain.on(APP_CHANNELS.runningAnswer, (event, raw: unknown) => {
      if (!isTrusted(event.senderFrame)) return;
      const parsed = AnswerMessage.safeParse(raw);
      if (!parsed.success) return;
      const resolve = this.pending.get(parsed.data.id);
      const { running, examples } = parsed.data.answer;
      resolve?.({ running, examples: (examples ?? []).slice(0, MAX_EXAMPLES).map((line) => line.slice(0, MAX_EXAMPLE_CHARS)) });
    });
  }

  ask(contents: WebContents | null, timeoutMs = ANSWER_TIMEOUT_MS): Promise<RunningCommandsAnswer> {
    if (!contents || contents.isDestroyed()) return Promise.resolve(UNKNOWN);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(UNKNOWN), timeoutMs);
      const finish = (answer: RunningCommandsAnswer) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(answer);
      };
      this.pending.set(id, finish);
      contents.send(APP_CHANNELS.queryRunning, id);
    });
  }
}
