import { FIRST_SCREEN_DATA_ID, type FirstScreenData } from '../../electron/common/firstScreen';
import type { Incident } from '../../electron/common/incident/model';

/**
 * The incidents list `warroom serve` drew into the HTML with the first screen
 * (node/server/firstScreen.ts), for the list's first render to match it; undefined without one
 * (the Electron app, an older host, a page without its session).
 */
export const firstScreenIncidents: Incident[] | undefined = readFirstScreen()?.incidents.slice();

function readFirstScreen(): FirstScreenData | undefined {
  const element = typeof document === 'undefined' ? null : document.getElementById(FIRST_SCREEN_DATA_ID);
  if (!element?.textContent) return undefined;
  try {
    const data = JSON.parse(element.textContent) as FirstScreenData;
    return Array.isArray(data.incidents) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    element.remove();
  }
}

/**
 * The console's first screen is the incidents list. Work that is not needed for it (fetching
 * and compiling the terminal and runbook chunks: ~600 KB of script) waits until the list has
 * been drawn: started at the first idle moment after mount, it ran while the list's reply was
 * on its way and delayed it by ~50 ms.
 */
let drawn = false;
const waiting: (() => void)[] = [];
/** However the first screen fares (the host unreachable), deferred work starts after this long. */
const AT_THE_LATEST_MS = 3_000;

/** Called once the incidents list has been drawn: from the first screen's data, the host's, or its error. */
export function markFirstScreenDrawn(): void {
  if (drawn) return;
  drawn = true;
  for (const run of waiting.splice(0)) run();
}

/** Runs `work` at the first idle moment after the first screen was drawn; returns a cancel. */
export function whenFirstScreenIdle(work: () => void): () => void {
  let state: 'waiting' | 'started' | 'cancelled' = 'waiting';
  let idle: number | undefined;
  const start = () => {
    if (state !== 'waiting') return;
    state = 'started';
    clearTimeout(latest);
    idle = window.requestIdleCallback?.(work, { timeout: 1_000 });
    if (idle === undefined) setTimeout(work, 0);
  };
  const latest = setTimeout(start, AT_THE_LATEST_MS);
  if (drawn) start();
  else waiting.push(start);
  return () => {
    state = 'cancelled';
    clearTimeout(latest);
    if (idle !== undefined) window.cancelIdleCallback(idle);
  };
}
