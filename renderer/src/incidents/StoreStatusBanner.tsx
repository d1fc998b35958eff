import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';

/** Says, in the store's own words, why incidents cannot be recorded (damaged or newer database). */
export function StoreStatusBanner() {
  const host = useHost();
  const status = useHostData(() => host.incidents.getStatus(), [host]);
  if (!status.data || status.data.ok) return null;
  return (
    <div className="store-banner" role="alert" data-testid="store-error">
      <strong>Incidents are unavailable: the database was refused.</strong> {status.data.message} Runbooks still work; nothing is recorded until this is fixed.
    </div>
  );
}
