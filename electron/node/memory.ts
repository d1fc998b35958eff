/**
 * A full garbage collection once the host is idle after a flood. Node, unlike a browser,
 * collects no garbage when idle: a 100 MB flood leaves tens of MB of dead objects in V8's old
 * generation (the mirror's and the capture's rows, the strings of every batch that lived long
 * enough to be promoted), kept until the next flood's allocations force a collection. Over a
 * few floods that took the host past 300 MB. Collecting once the flood is over costs a pause
 * of tens of milliseconds when nothing waits for the host.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Quiet time after the trigger, so the command's record and the clients' redraws go first. */
const SETTLE_MS = 200;

let collect: (() => void) | null | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Runs a full collection SETTLE_MS from now (calls meanwhile fold into it). */
export function collectGarbageSoon(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    garbageCollector()?.();
  }, SETTLE_MS);
  timer.unref();
}

/** V8's `gc`, reached without a command-line flag: a context created after the flag is set has it. */
function garbageCollector(): (() => void) | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}
