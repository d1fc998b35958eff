import { browserClock, type Clock } from './clock';

/**
 * At most this often does a stream of host events re-render a part of the console (the tab
 * list and its "Where this terminal points" bar, the timeline): ten times a second reads as
 * live, and during a flood of events the page keeps its time for the user. Not longer: a
 * command's end comes as two or three tab updates in a row, and the last (the prompt is back)
 * waits for the interval.
 */
export const UI_UPDATE_INTERVAL_MS = 100;

export interface Coalesced<T> {
  push(value: T): void;
  dispose(): void;
}

/**
 * Hands `apply` the latest value pushed, at most once per `intervalMs`: a value after a quiet
 * spell goes at once (a single change shows without delay), values pushed meanwhile wait for
 * the end of the interval and only the last of them is applied.
 */
export function coalesceLatest<T>(apply: (value: T) => void, intervalMs = UI_UPDATE_INTERVAL_MS, clock: Clock = browserClock): Coalesced<T> {
  let lastApplied = -Infinity;
  let pending: { value: T } | undefined;
  let timer: unknown;
  let disposed = false;
  const flush = () => {
    timer = undefined;
    if (disposed || !pending) return;
    const { value } = pending;
    pending = undefined;
    lastApplied = clock.now();
    apply(value);
  };
  return {
    push(value) {
      if (disposed) return;
      pending = { value };
      if (timer !== undefined) return;
      const wait = lastApplied + intervalMs - clock.now();
      if (wait <= 0) flush();
      else timer = clock.setTimeout(flush, wait);
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
