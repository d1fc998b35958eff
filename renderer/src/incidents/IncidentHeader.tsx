import { useEffect, useState, type ReactNode } from 'react';
import { INCIDENT_STATUSES, MILESTONE_NAMES, type IncidentStatus } from '../../../electron/common/incident/model';
import type { IncidentDetails } from '../../../electron/common/services/incidentService';
import { useHost } from '../host/hostContext';
import { ExportReportMenu } from '../reports/ExportReportMenu';
import type { IncidentClocks } from './clocks';
import { STATUS_LABELS } from '../../../electron/common/incident/clockWords';
import { useTimeDisplay } from './displayPrefs';
import { severityLabel } from './severityLabel';
import { formatClockDuration, formatDuration, MILESTONE_LABELS, timeTo } from '../../../electron/common/incident/clockWords';
import { formatClockTime } from '../../../electron/common/incident/timeFormat';
import { useNow } from './useNow';

/** Within this much of a deadline a clock turns amber: time to act, not yet late. */
const WARN_BEFORE_MS = 5 * 60_000;

/** Title, severity, status, commander and the clocks: what a responder glances at. */
export function IncidentHeader({ details, clocks, onError, controls }: { details: IncidentDetails; clocks: IncidentClocks; onError: (message: string) => void; controls?: ReactNode }) {
  const host = useHost();
  const { incident, severityOptions, milestones } = details;
  const { utc } = useTimeDisplay();
  const now = useNow();
  const [editing, setEditing] = useState(false);
  // The choice shows at once; the recorded value replaces it when the host confirms (or refuses).
  const [pending, setPending] = useState<{ severity?: string; status?: IncidentStatus }>({});
  useEffect(() => setPending({}), [incident.severity, incident.status]);
  // The window title says which incident and how bad, for a glance from another window.
  useEffect(() => {
    const previous = document.title;
    document.title = `${incident.severity} · ${STATUS_LABELS[incident.status]} · ${incident.title} — War Room`;
    return () => {
      document.title = previous;
    };
  }, [incident.severity, incident.status, incident.title]);
  const change = (next: { severity?: string; status?: IncidentStatus }, call: Promise<unknown>) => {
    setPending((current) => ({ ...current, ...next }));
    void call.catch((error: Error) => {
      setPending({});
      onError(error.message);
    });
  };

  // The current level stays selectable even if the runbook's scale no longer lists it.
  const options = severityOptions.some((o) => o.id === incident.severity) ? severityOptions : [{ id: incident.severity, name: null, responseMinutes: null, rank: 99 }, ...severityOptions];
  const resolved = incident.status === 'resolved';
  const end = clocks.resolvedAt ?? now;

  return (
    <header className={`incident-header incident-header--${incident.status}`}>
      <div className="incident-header__top">
        <span className={`sev-chip sev-chip--${Math.min(options.find((o) => o.id === incident.severity)?.rank ?? 3, 3)}`}>{incident.severity}</span>
        {editing ? (
          <EditDetails details={details} onDone={() => setEditing(false)} onError={onError} />
        ) : (
          <>
            <h1 className="incident-header__title" title={incident.impact ? `${incident.title}\nImpact: ${incident.impact}` : incident.title}>
              {incident.title}
            </h1>
            <button type="button" className="button button--small button--ghost" onClick={() => setEditing(true)}>
              Edit
            </button>
          </>
        )}
        {controls}
        <ExportReportMenu incidentId={incident.id} utc={utc} />
      </div>
      <div className="incident-header__row">
        <label className="header-field">
          <span className="header-field__label">Severity</span>
          <select className="input input--select" aria-label="Severity" value={pending.severity ?? incident.severity} onChange={(e) => change({ severity: e.target.value }, host.incidents.setSeverity(incident.id, e.target.value))}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {severityLabel(o)}
              </option>
            ))}
          </select>
        </label>
        <label className="header-field">
          <span className="header-field__label">Status</span>
          <select className={`input input--select status-select status-select--${incident.status}`} aria-label="Status" value={pending.status ?? incident.status} onChange={(e) => change({ status: e.target.value as IncidentStatus }, host.incidents.setStatus(incident.id, e.target.value as IncidentStatus))}>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <Commander incidentId={incident.id} commander={incident.commander} onError={onError} />
        <div className="clocks" role="group" aria-label="Clocks">
          <Clock label={resolved ? 'Lasted' : 'Elapsed'} value={formatClockDuration(end - clocks.startedAt)} tone="plain" hint={`Since ${formatClockTime(clocks.startedAt, utc)}`} />
          <ResponseClock clocks={clocks} now={now} />
          <UpdateClock clocks={clocks} now={now} resolved={resolved} />
        </div>
      </div>
      {incident.impact && !editing && (
        <p className="incident-header__impact">
          <span className="header-field__label">Impact</span> {incident.impact}
        </p>
      )}
      <ol className="milestones" aria-label="Milestones">
        {MILESTONE_NAMES.map((name) => {
          const m = milestones[name];
          const since = timeTo(milestones, name);
          return (
            <li key={name} className={`milestone${m.at === null ? ' milestone--pending' : ''}`}>
              <span className="milestone__name">{MILESTONE_LABELS[name]}</span> <span className="milestone__at">{m.at === null ? '—' : formatClockTime(m.at, utc)}</span>
              {since !== null && <span className="milestone__since"> +{formatDuration(since)}</span>}
              {m.source === 'set' && <span className="milestone__set" title="Set by hand"> ✎</span>}
            </li>
          );
        })}
      </ol>
    </header>
  );
}

function Clock({ label, value, tone, hint }: { label: string; value: string; tone: 'plain' | 'ok' | 'warn' | 'late' | 'quiet'; hint?: string }) {
  return (
    <div className={`clock clock--${tone}`} title={hint}>
      <span className="clock__label">{label}</span>
      <span className="clock__value">{value}</span>
    </div>
  );
}

function ResponseClock({ clocks, now }: { clocks: IncidentClocks; now: number }) {
  if (clocks.respondBy === null) return <Clock label="Respond" value="no SLA" tone="quiet" hint="The severity scale states no response time" />;
  // The response time is met by reaching Identified: the same word as the milestone and the report.
  const hint = `Respond within ${formatDuration((clocks.responseMinutes ?? 0) * 60_000)} of detection (runbook severity scale): met when the status reaches Identified`;
  if (clocks.identifiedAt !== null) {
    const late = clocks.identifiedAt > clocks.respondBy;
    return <Clock label="Identified" value={`after ${formatDuration(clocks.identifiedAt - clocks.startedAt)}${late ? ' (late)' : ''}`} tone={late ? 'late' : 'ok'} hint={hint} />;
  }
  const left = clocks.respondBy - now;
  if (left < 0) return <Clock label="Respond within" value={`overdue by ${formatClockDuration(-left)}`} tone="late" hint={hint} />;
  return <Clock label="Respond within" value={formatClockDuration(left)} tone={left < WARN_BEFORE_MS ? 'warn' : 'ok'} hint={hint} />;
}

function UpdateClock({ clocks, now, resolved }: { clocks: IncidentClocks; now: number; resolved: boolean }) {
  const hint = clocks.cadence.source === 'runbook' ? `Every ${clocks.cadence.minutes} min — runbook: “${clocks.cadence.quote}”` : `Every ${clocks.cadence.minutes} min (default for this severity)`;
  if (resolved) return <Clock label="Next update" value="resolved" tone="quiet" hint={hint} />;
  if (clocks.nextUpdateDue === null) return <Clock label="Next update" value="—" tone="quiet" hint={hint} />;
  const first = clocks.lastPostedAt === null ? ' (first)' : '';
  const left = clocks.nextUpdateDue - now;
  if (left < 0) return <Clock label={`Next update${first}`} value={`overdue by ${formatClockDuration(-left)}`} tone="late" hint={hint} />;
  return <Clock label={`Next update due${first}`} value={`in ${formatClockDuration(left)}`} tone={left < WARN_BEFORE_MS ? 'warn' : 'ok'} hint={hint} />;
}

function Commander({ incidentId, commander, onError }: { incidentId: string; commander: string | null; onError: (message: string) => void }) {
  const host = useHost();
  const [handingOver, setHandingOver] = useState(false);
  const [name, setName] = useState('');
  if (handingOver) {
    return (
      <form
        className="header-field header-field--inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          host.incidents.handOver(incidentId, name).then(
            () => {
              setHandingOver(false);
              setName('');
            },
            (error: Error) => onError(error.message),
          );
        }}
      >
        <input className="input input--compact" aria-label="New commander" placeholder="New commander" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <button type="submit" className="button button--small button--primary">
          Hand over
        </button>
        <button type="button" className="button button--small" onClick={() => setHandingOver(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <div className="header-field" title="Commander">
      <span className="header-field__label">Commander</span>
      <span className="header-field__value">
        {commander ?? <em className="dim">nobody yet</em>}{' '}
        <button type="button" className="button button--small button--ghost" onClick={() => setHandingOver(true)}>
          {commander ? 'Hand over' : 'Assign'}
        </button>
      </span>
    </div>
  );
}

function EditDetails({ details, onDone, onError }: { details: IncidentDetails; onDone: () => void; onError: (message: string) => void }) {
  const host = useHost();
  const [title, setTitle] = useState(details.incident.title);
  const [impact, setImpact] = useState(details.incident.impact ?? '');
  return (
    <form
      className="edit-details"
      onSubmit={(e) => {
        e.preventDefault();
        host.incidents.update(details.incident.id, { title, impact }).then(onDone, (error: Error) => onError(error.message));
      }}
    >
      <input className="input" aria-label="Incident title" value={title} onChange={(e) => setTitle(e.target.value)} required autoFocus />
      <input className="input" aria-label="Impact" placeholder="Impact: who is affected, how" value={impact} onChange={(e) => setImpact(e.target.value)} />
      <button type="submit" className="button button--small button--primary">
        Save
      </button>
      <button type="button" className="button button--small" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
