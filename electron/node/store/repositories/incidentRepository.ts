/** Incidents themselves: creation, their fields (each change an event) and attached runbooks. */
import type { Statement } from 'better-sqlite3';
import { UserError } from '../../../common/errors';
import { isIncidentStatus, type EventPayloads, type Incident, type IncidentStatus, type TimelineEvent } from '../../../common/incident/model';
import { ulid } from '../../../common/ulid';
import { INCIDENT_COLUMNS, LIST_INCIDENTS_SQL, toIncident, type IncidentRow } from '../rows';
import type { ActOptions, StoreContext } from '../storeContext';
import { incidentNotFound, optionalText, requireText } from '../validation';
import type { TxState } from '../timelineWriter';

export interface NewIncident {
  title: string;
  severity: string;
  status?: IncidentStatus;
  commander?: string | null;
  impact?: string | null;
  runbookIds?: string[];
}

export interface IncidentChanges {
  title?: string;
  severity?: string;
  status?: IncidentStatus;
  commander?: string | null;
  impact?: string | null;
}

/** The fields {@link IncidentChanges} may change, each with its column and its event kind. */
type ChangedField = 'title' | 'severity' | 'status' | 'commander' | 'impact';

export class IncidentRepository {
  private readonly insert: Statement;
  private readonly list: Statement;
  private readonly get: Statement;
  private readonly setField: Record<ChangedField, Statement>;
  private readonly setRunbookIds: Statement;

  constructor(private readonly ctx: StoreContext) {
    const p = (sql: string): Statement => ctx.db.prepare(sql);
    this.insert = p(
      `INSERT INTO incidents (id, title, severity, status, commander, impact, runbook_ids, created_at, updated_at)
       VALUES (@id, @title, @severity, @status, @commander, @impact, @runbookIds, @createdAt, @createdAt)`,
    );
    this.list = p(LIST_INCIDENTS_SQL);
    this.get = p(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`);
    this.setField = {
      title: p('UPDATE incidents SET title = ? WHERE id = ?'),
      severity: p('UPDATE incidents SET severity = ? WHERE id = ?'),
      status: p('UPDATE incidents SET status = ? WHERE id = ?'),
      commander: p('UPDATE incidents SET commander = ? WHERE id = ?'),
      impact: p('UPDATE incidents SET impact = ? WHERE id = ?'),
    };
    this.setRunbookIds = p('UPDATE incidents SET runbook_ids = ? WHERE id = ?');
  }

  /** The creation is the acknowledgement milestone, so it is always stamped now. */
  create(input: NewIncident, options: { actor?: string } = {}): Promise<Incident> {
    return this.ctx.writes.enqueue((tx) => this.writeNew(tx, input, options));
  }

  createSync(input: NewIncident, options: { actor?: string } = {}): Incident {
    return this.ctx.writes.runSync((tx) => this.writeNew(tx, input, options));
  }

  /** Active incidents first (most recently changed first), then resolved ones likewise. */
  listAll(): Incident[] {
    return (this.list.all() as IncidentRow[]).map(toIncident);
  }

  find(incidentId: string): Incident | null {
    const row = this.get.get(incidentId) as IncidentRow | undefined;
    return row ? toIncident(row) : null;
  }

  require(incidentId: string): Incident {
    const incident = this.find(incidentId);
    if (!incident) throw incidentNotFound(incidentId);
    return incident;
  }

  /** Changes fields; each actual change is also an event (`title.changed`, `status.changed`…). */
  update(incidentId: string, changes: IncidentChanges, options: ActOptions = {}): Promise<{ incident: Incident; events: TimelineEvent[] }> {
    return this.ctx.writes.enqueue((tx) => this.writeChanges(tx, incidentId, changes, options));
  }

  /** Attaches a runbook (a `runbook.attached` event); null when it already was attached. */
  attachRunbook(
    incidentId: string,
    runbook: { runbookId: string; title?: string | null; runbookHash?: string | null },
    options: ActOptions = {},
  ): Promise<TimelineEvent | null> {
    return this.ctx.writes.enqueue((tx) => {
      const incident = this.require(incidentId);
      const runbookId = requireText(runbook.runbookId, 'runbook id');
      if (incident.runbookIds.includes(runbookId)) return null;
      this.setRunbookIds.run(JSON.stringify([...incident.runbookIds, runbookId]), incidentId);
      return this.ctx.timeline.append(
        tx,
        incidentId,
        'runbook.attached',
        { runbookId, title: runbook.title ?? null, runbookHash: runbook.runbookHash ?? null },
        this.ctx.act(options),
      );
    });
  }

  private writeNew(tx: TxState, input: NewIncident, options: { actor?: string }): Incident {
    const title = requireText(input.title, 'incident title');
    const severity = requireText(input.severity, 'severity');
    const status = input.status ?? 'investigating';
    if (!isIncidentStatus(status)) throw new UserError(`Unknown incident status "${String(status)}".`, 'E_INVALID');
    const runbookIds = [...new Set(input.runbookIds ?? [])];
    const commander = optionalText(input.commander, 'commander');
    const impact = input.impact || null;
    const createdAt = Date.now();
    const id = ulid(createdAt);
    this.insert.run({ id, title, severity, status, commander, impact, runbookIds: JSON.stringify(runbookIds), createdAt });
    this.ctx.timeline.append(
      tx,
      id,
      'incident.created',
      { title, severity, status, commander, impact, runbookIds },
      { actor: options.actor ?? this.ctx.actor, recordedAt: createdAt },
    );
    return this.require(id);
  }

  private writeChanges(tx: TxState, incidentId: string, changes: IncidentChanges, options: ActOptions): { incident: Incident; events: TimelineEvent[] } {
    const before = this.require(incidentId);
    const act = this.ctx.act(options);
    const events: TimelineEvent[] = [];
    const change = <F extends ChangedField>(field: F, to: Incident[F]): void => {
      this.setField[field].run(to, incidentId);
      events.push(this.ctx.timeline.append(tx, incidentId, `${field}.changed`, { from: before[field], to } as EventPayloads[`${F}.changed`], act));
    };
    if (changes.title !== undefined && changes.title !== before.title) change('title', requireText(changes.title, 'incident title'));
    if (changes.severity !== undefined && changes.severity !== before.severity) change('severity', requireText(changes.severity, 'severity'));
    if (changes.status !== undefined && changes.status !== before.status) {
      if (!isIncidentStatus(changes.status)) throw new UserError(`Unknown incident status "${String(changes.status)}".`, 'E_INVALID');
      change('status', changes.status);
    }
    const commander = changes.commander === undefined ? undefined : optionalText(changes.commander, 'commander');
    if (commander !== undefined && commander !== before.commander) change('commander', commander);
    const impact = changes.impact === undefined ? undefined : changes.impact || null;
    if (impact !== undefined && impact !== before.impact) change('impact', impact);
    return { incident: this.require(incidentId), events };
  }
}
