import type { EventKind } from '../../../electron/common/incident/model';
import type { IncidentDetails } from '../../../electron/common/services/incidentService';
import { firstScreenIncidents } from '../firstScreen';
import { useHost } from '../host/hostContext';
import { useHostData, type HostData } from '../host/useHostData';

/**
 * The incidents list, fresh whenever the host says one was created or changed; until the host
 * answers, the list `warroom serve` drew into the page's HTML (if it did).
 */
export function useIncidentList() {
  const host = useHost();
  return useHostData(() => host.incidents.list(), [host], (reload) => host.incidents.onDidChangeIncidents(reload), firstScreenIncidents);
}

/**
 * Kinds that leave the header, checklist, inputs, milestones and action items as they were: no
 * reload. (Action items are derived on the host from all their events, loaded or not.)
 */
const TIMELINE_ONLY: ReadonlySet<EventKind> = new Set<EventKind>([
  'note',
  'command.started',
  'command.finished',
  'star',
  'unstar',
  'statusUpdate.copied',
  'statusUpdate.posted',
  'capture.paused',
  'capture.resumed',
  'host.stopped',
  'host.started',
  'output.struck',
]);

/** The open incident's state besides its timeline, reloaded when an event changes it (a backdated one may move "detected"). */
export function useIncidentDetails(incidentId: string): HostData<IncidentDetails> {
  const host = useHost();
  return useHostData(
    () => host.incidents.get(incidentId),
    [host, incidentId],
    (reload) => host.incidents.onDidAppendEvent(incidentId)((events) => events.some((e) => !TIMELINE_ONLY.has(e.kind) || e.occurredAt < e.recordedAt) && reload()),
  );
}
