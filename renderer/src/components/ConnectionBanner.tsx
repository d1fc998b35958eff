import { useConnectionState } from '../host/hostContext';

/** Says plainly when the console cannot reach its host; nothing when all is well. */
export function ConnectionBanner() {
  const state = useConnectionState();
  if (state === 'connected') return null;
  const text =
    state === 'unauthorized'
      ? 'Not connected: this page was opened without its access token. Open the URL that `warroom serve` printed.'
      : state === 'connecting'
        ? 'Connecting to the War Room host…'
        : 'Connection to the War Room host lost. Reconnecting… Commands keep running and recording in the host.';
  return (
    <div className={`connection-banner connection-banner--${state}`} role="alert" data-state={state}>
      {text}
    </div>
  );
}
