import type { SyncStatus } from '../../../electron/common/services/syncService';
import { useHost } from '../host/hostContext';
import { useHostData, type HostData } from '../host/useHostData';

/** The team sync's state (for one incident, or none), reloaded whenever the host says it changed. */
export function useSyncStatus(incidentId: string | null): HostData<SyncStatus> {
  const host = useHost();
  return useHostData(
    () => host.sync.getStatus(incidentId),
    [host, incidentId],
    (reload) => host.sync.onDidChange(reload),
  );
}
