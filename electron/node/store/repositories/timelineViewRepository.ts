/** What the timeline adds up to: action items as they stand and the incident's milestones. */
import type { Statement } from 'better-sqlite3';
import { deriveActionItems, type ActionItem } from '../../../common/incident/actionItems';
import { deriveMilestones } from '../../../common/incident/milestones';
import type { Milestones } from '../../../common/incident/model';
import { EVENT_COLUMNS, toEvent, type EventRow } from '../rows';
import type { StoreContext } from '../storeContext';

export class TimelineViewRepository {
  private readonly actionItemEvents: Statement;
  private readonly milestoneEvents: Statement;

  constructor(ctx: StoreContext) {
    // The same `kind IN (…)` as the partial index's WHERE (ACTION_ITEM_KINDS), so it applies.
    this.actionItemEvents = ctx.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_action_items
       WHERE incident_id = ? AND kind IN ('actionItem.added', 'actionItem.edited', 'actionItem.done', 'actionItem.reopened')
       ORDER BY seq`,
    );
    // The same `kind IN (…)` and `occurred_at < recorded_at` terms as the partial indexes'
    // WHERE clauses, so SQLite uses them; plus the creation event (always a candidate).
    this.milestoneEvents = ctx.db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_milestones
       WHERE incident_id = @incidentId AND kind IN ('incident.created', 'status.changed', 'milestone.set')
       UNION
       SELECT * FROM (SELECT ${EVENT_COLUMNS} FROM events INDEXED BY events_backdated
         WHERE incident_id = @incidentId AND occurred_at < recorded_at ORDER BY occurred_at LIMIT 1)
       ORDER BY seq`,
    );
  }

  /** Action items as they stand, derived from their events (see common/incident/actionItems.ts). */
  actionItems(incidentId: string): ActionItem[] {
    return deriveActionItems((this.actionItemEvents.all(incidentId) as EventRow[]).map(toEvent));
  }

  /** Milestones derived from the timeline (see common/incident/milestones.ts). */
  milestones(incidentId: string): Milestones {
    return deriveMilestones((this.milestoneEvents.all({ incidentId }) as EventRow[]).map(toEvent));
  }
}
