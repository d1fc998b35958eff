/** Incident inputs (the variables a runbook's commands use), secret ones kept out of events. */
import type { Statement } from 'better-sqlite3';
import { UserError } from '../../../common/errors';
import type { IncidentVariable, TimelineEvent } from '../../../common/incident/model';
import type { ActOptions, StoreContext } from '../storeContext';
import { requireText } from '../validation';

interface VariableRow {
  name: string;
  value: string;
  secret: number;
  updated_at: number;
}

export class InputRepository {
  private readonly setOne: Statement;
  private readonly all: Statement;

  constructor(private readonly ctx: StoreContext) {
    this.setOne = ctx.db.prepare(
      `INSERT INTO incident_variables (incident_id, name, value, secret, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (incident_id, name) DO UPDATE SET value = excluded.value, secret = excluded.secret, updated_at = excluded.updated_at`,
    );
    this.all = ctx.db.prepare('SELECT name, value, secret, updated_at FROM incident_variables WHERE incident_id = ? ORDER BY name');
  }

  /** Sets an input; the `input.set` event carries the value only when it is not secret. */
  set(incidentId: string, variable: { name: string; value: string; secret: boolean }, options: ActOptions = {}): Promise<TimelineEvent> {
    return this.ctx.writes.enqueue((tx) => {
      const name = requireText(variable.name, 'input name');
      if (typeof variable.value !== 'string') throw new UserError(`The value of input ${name} must be text.`, 'E_INVALID');
      const event = this.ctx.timeline.append(
        tx,
        incidentId,
        'input.set',
        { name, secret: variable.secret, value: variable.secret ? null : variable.value },
        this.ctx.act(options),
      );
      this.setOne.run(incidentId, name, variable.value, variable.secret ? 1 : 0, event.recordedAt);
      return event;
    });
  }

  /** Inputs as clients may see them: secret values are null. */
  list(incidentId: string): IncidentVariable[] {
    return (this.all.all(incidentId) as VariableRow[]).map((row) => ({
      name: row.name,
      secret: row.secret === 1,
      value: row.secret === 1 ? null : row.value,
      updatedAt: row.updated_at,
    }));
  }

  /** Every input with its real value, secrets included: only for the shell's environment. */
  shellValues(incidentId: string): Record<string, string> {
    const values: Record<string, string> = {};
    for (const row of this.all.all(incidentId) as VariableRow[]) values[row.name] = row.value;
    return values;
  }
}
