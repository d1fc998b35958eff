/** An incident's saved terminal layout, restored when it is opened again. */
import type { Statement } from 'better-sqlite3';
import type { TerminalTab } from '../../../common/incident/model';
import type { IncidentRepository } from './incidentRepository';
import type { StoreContext } from '../storeContext';

export class TerminalTabRepository {
  private readonly clear: Statement;
  private readonly insert: Statement;
  private readonly all: Statement;

  constructor(
    private readonly ctx: StoreContext,
    private readonly incidents: IncidentRepository,
  ) {
    this.clear = ctx.db.prepare('DELETE FROM terminal_tabs WHERE incident_id = ?');
    this.insert = ctx.db.prepare('INSERT INTO terminal_tabs (incident_id, tab_id, session_id, title, cwd, position, active) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.all = ctx.db.prepare('SELECT tab_id, session_id, title, cwd, position, active FROM terminal_tabs WHERE incident_id = ? ORDER BY position');
  }

  /** Replaces the incident's saved tab layout. */
  save(incidentId: string, tabs: readonly TerminalTab[]): Promise<void> {
    return this.ctx.writes.enqueue(() => {
      this.incidents.require(incidentId);
      this.clear.run(incidentId);
      for (const tab of tabs) this.insert.run(incidentId, tab.id, tab.sessionId, tab.title, tab.cwd, tab.position, tab.active ? 1 : 0);
    });
  }

  list(incidentId: string): TerminalTab[] {
    return (
      this.all.all(incidentId) as { tab_id: string; session_id: string | null; title: string; cwd: string | null; position: number; active: number }[]
    ).map((row) => ({ id: row.tab_id, sessionId: row.session_id, title: row.title, cwd: row.cwd, position: row.position, active: row.active === 1 }));
  }
}
