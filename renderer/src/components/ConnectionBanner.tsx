import { useEffect, useState } from 'react';
import { useConnectionState, useHost } from '../host/hostContext';

/**
 * The page's first connection waits for `warroom serve` to load its host (~0.3 s on 2 cores):
 * the header says "Connecting…" meanwhile, and this banner only if it lasts longer.
 */
const FIRST_CONNECTION_QUIET_MS = 1_500;

/** Says plainly when the console cannot reach its host; nothing when all is well. */
export function ConnectionBanner() {
  const state = useConnectionState();
  const host = useHost();
  const [slowFirstConnection, setSlowFirstConnection] = useState(false);
  useEffect(() => {
    if (state !== 'connecting') return;
    const timer = setTimeout(() => setSlowFirstConnection(true), FIRST_CONNECTION_QUIET_MS);
    return () => clearTimeout(timer);
  }, [state]);
  if (state === 'connected' || (state === 'connecting' && !slowFirstConnection)) return null;
  const text =
    state === 'unauthorized'
      ? 'Not connected: this page was opened without its access token. Open the URL that `warroom serve` printed.'
      : state === 'connecting'
        ? // A first connection that lasts may never come: `warroom serve` stopped (or its host failed) after sending the page.
          host.kind === 'electron'
          ? 'Connecting to the War Room host…'
          : 'Connecting to the War Room host… If this lasts, check that `warroom serve` is still running; its log (logs/warroom.log in its data folder) says why it stopped or failed.'
        : state === 'restarted'
          ? 'The War Room host restarted with a new access token, so this page cannot rejoin it. Open the new URL that `warroom serve` printed; your incidents and their timelines are there. The shells of the stopped host ended with it.'
          : host.kind === 'electron'
            ? 'The War Room host stopped: its terminal shells ended with it (what they recorded is kept). Restarting it…'
            : 'The War Room host stopped: its terminal shells ended with it (what they recorded is kept). Reconnecting… If `warroom serve` was restarted, open the new URL it printed.';
  return (
    <div className={`connection-banner connection-banner--${state}`} role="alert" data-state={state}>
      {text}
    </div>
  );
}
