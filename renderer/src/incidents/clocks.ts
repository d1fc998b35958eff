import type { Incident, Milestones, TimelineEvent } from '../../../electron/common/incident/model';
import { updateCadence, type UpdateCadence } from '../../../electron/common/incident/updateCadence';
import type { SeverityOption } from '../../../electron/common/services/incidentService';
import type { RunbookDocument } from '../../../electron/common/services/runbookService';

export interface IncidentClocks {
  /** When the clock started: the detected milestone (a backdated alert), else opening. */
  startedAt: number;
  /** End of the response window, or null where the scale states no response time. */
  respondBy: number | null;
  /**
   * When the response window was met: the identified milestone, the first move off
   * "Investigating" — someone has a handle on it. The acknowledged milestone is the opening
   * itself, so it cannot be the test.
   */
  identifiedAt: number | null;
  responseMinutes: number | null;
  cadence: UpdateCadence;
  lastPostedAt: number | null;
  /** The first update is due one cadence after detection, each next one a cadence after the last; null once resolved. */
  nextUpdateDue: number | null;
  resolvedAt: number | null;
}

export function computeClocks(incident: Incident, options: readonly SeverityOption[], milestones: Milestones, runbooks: readonly RunbookDocument[], events: readonly TimelineEvent[]): IncidentClocks {
  const startedAt = milestones.detected.at ?? incident.createdAt;
  const level = options.find((o) => o.id === incident.severity) ?? null;
  const responseMinutes = level?.responseMinutes ?? null;
  let lastPostedAt: number | null = null;
  for (const event of events) {
    if (event.kind === 'statusUpdate.posted' && (lastPostedAt === null || event.occurredAt > lastPostedAt)) lastPostedAt = event.occurredAt;
  }
  const texts = runbooks.flatMap((d) => [d.source]);
  const cadence = updateCadence(texts, level, options);
  const resolvedAt = incident.status === 'resolved' ? milestones.resolved.at : null;
  return {
    startedAt,
    respondBy: responseMinutes === null ? null : startedAt + responseMinutes * 60_000,
    identifiedAt: milestones.identified.at,
    responseMinutes,
    cadence,
    lastPostedAt,
    nextUpdateDue: resolvedAt !== null ? null : (lastPostedAt ?? startedAt) + cadence.minutes * 60_000,
    resolvedAt,
  };
}
