/** Runbook checklist ticks: the state as it stands, each change an event. */
import type { Statement } from 'better-sqlite3';
import type { ChecklistItemState, TimelineEvent } from '../../../common/incident/model';
import type { ActOptions, StoreContext } from '../storeContext';
import { requireText } from '../validation';

export interface ChecklistTick {
  runbookId: string;
  itemId: string;
  checked: boolean;
  text?: string | null;
}

export class ChecklistRepository {
  private readonly getItem: Statement;
  private readonly setItem: Statement;
  private readonly state: Statement;

  constructor(private readonly ctx: StoreContext) {
    this.getItem = ctx.db.prepare('SELECT checked FROM checklist_state WHERE incident_id = ? AND runbook_id = ? AND item_id = ?');
    this.setItem = ctx.db.prepare(
      `INSERT INTO checklist_state (incident_id, runbook_id, item_id, checked, by, at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (incident_id, runbook_id, item_id) DO UPDATE SET checked = excluded.checked, by = excluded.by, at = excluded.at`,
    );
    this.state = ctx.db.prepare('SELECT runbook_id, item_id, checked, by, at FROM checklist_state WHERE incident_id = ? ORDER BY runbook_id, item_id');
  }

  /** Ticks or unticks an item (a `checklist.ticked`/`unticked` event); null if already so. */
  set(incidentId: string, item: ChecklistTick, options: ActOptions = {}): Promise<TimelineEvent | null> {
    return this.ctx.writes.enqueue((tx) => {
      const runbookId = requireText(item.runbookId, 'runbook id');
      const itemId = requireText(item.itemId, 'checklist item id');
      const current = this.getItem.get(incidentId, runbookId, itemId) as { checked: number } | undefined;
      if ((current?.checked === 1) === item.checked) return null;
      const act = this.ctx.act(options);
      const event = this.ctx.timeline.append(
        tx,
        incidentId,
        item.checked ? 'checklist.ticked' : 'checklist.unticked',
        { runbookId, itemId, text: item.text ?? null },
        act,
      );
      this.setItem.run(incidentId, runbookId, itemId, item.checked ? 1 : 0, act.actor, event.occurredAt);
      return event;
    });
  }

  list(incidentId: string): ChecklistItemState[] {
    return (this.state.all(incidentId) as { runbook_id: string; item_id: string; checked: number; by: string; at: number }[]).map((row) => ({
      incidentId,
      runbookId: row.runbook_id,
      itemId: row.item_id,
      checked: row.checked === 1,
      by: row.by,
      at: row.at,
    }));
  }
}
