import { useConnectionState, useHost } from '../host/hostContext';

/** Says plainly when the console cannot reach its host; nothing when all is well. */
export function ConnectionBanner() {
  const state = useConnectionState();
  const host = useHost();
  if (state === 'connected') return null;
  const text =
    state === 'unauthorized'
      ? 'Not connected: this page was opened without its access token. Open the URL that `warroom serve` printed.'
      : state === 'connecting'
        ? 'Connecting to the War Room host…'
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
