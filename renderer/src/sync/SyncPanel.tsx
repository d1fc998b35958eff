import { useState } from 'react';
import { offsetWords } from '../../../electron/common/report/clockFacts';
import type { SyncParticipant, SyncStatus } from '../../../electron/common/services/syncService';
import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';
import { useTimeDisplay } from '../incidents/displayPrefs';
import { formatDateTime } from '../../../electron/common/incident/timeFormat';
import { responderColors, responderKey, shortDevice } from './responderColor';
import { useSyncStatus } from './useSyncStatus';
import './sync.css';

/**
 * The team sync for the open incident (docs/sync-format.md): the remote, the last sync and its
 * error, a Sync now button, the private mark, what the first sync will redact, and who else
 * is in the incident — each responder's colour (as on the timeline), device and clock.
 */
export function SyncPanel({ incidentId }: { incidentId: string | null }) {
  const host = useHost();
  const { utc } = useTimeDisplay();
  const status = useSyncStatus(incidentId);
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const s = status.data;

  const act = (run: () => Promise<SyncStatus>, after?: () => void) => {
    setBusy(true);
    setActionError(null);
    run().then(
      () => {
        setBusy(false);
        after?.();
      },
      (e: Error) => {
        setBusy(false);
        setActionError(e.message);
      },
    );
  };

  if (!s) return <section aria-label="Sync" className="sync-panel"><p className="dim">{status.error ?? 'Loading…'}</p></section>;
  const error = actionError ?? s.error;
  const showForm = editing || s.remote === null;
  return (
    <section aria-label="Sync" className="sync-panel">
      <p className="dim">
        Teammates’ War Rooms share this incident through a git repository: each device writes only its own files, redacted as every export is. Automatic every {Math.round(s.intervalMs / 1000)} s while a remote is set, and at once after a note, a status or a severity change.
      </p>
      <dl className="sync-panel__facts">
        <dt>Remote</dt>
        <dd>{s.remote ? <code className="sync-panel__remote">{s.remote}</code> : <span className="dim">none yet</span>}</dd>
        <dt>Last sync</dt>
        <dd>
          {s.syncing ? 'syncing…' : s.lastSync ? (
            <>
              {formatDateTime(s.lastSync.at, utc)} — {s.lastSync.message}
            </>
          ) : (
            <span className="dim">never</span>
          )}
        </dd>
      </dl>
      {error && (
        <p className="sync-panel__error" role="alert">
          {error}
        </p>
      )}
      {showForm ? (
        <form
          className="sync-panel__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (url.trim()) act(() => host.sync.setRemote(url.trim()), () => setEditing(false));
          }}
        >
          <label className="sync-panel__label">
            Remote URL
            <input className="input" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="ssh://git@host/team/warroom.git or /shared/warroom.git" spellCheck={false} />
          </label>
          <button type="submit" className="button button--primary button--small" disabled={busy || !url.trim()}>
            Set remote
          </button>
          {s.remote && (
            <button type="button" className="button button--small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          )}
        </form>
      ) : (
        <div className="sync-panel__actions">
          <button type="button" className="button button--primary button--small" disabled={busy || s.syncing} onClick={() => act(() => host.sync.syncNow())}>
            {s.syncing || busy ? 'Syncing…' : 'Sync now'}
          </button>
          <button type="button" className="button button--small" onClick={() => { setUrl(s.remote ?? ''); setEditing(true); }}>
            Change remote
          </button>
        </div>
      )}
      {s.incident && (
        <>
          <label className="sync-panel__private">
            <input type="checkbox" checked={s.incident.private} onChange={(e) => incidentId && act(() => host.sync.setPrivate(incidentId, e.target.checked))} />
            Private: this incident never syncs
          </label>
          {s.incident.firstSyncPending && incidentId && <FirstSyncPreview incidentId={incidentId} />}
          <Participants participants={s.incident.participants} />
        </>
      )}
    </section>
  );
}

/** Before the incident first leaves this machine: what the redactor will hide in it. */
function FirstSyncPreview({ incidentId }: { incidentId: string }) {
  const host = useHost();
  const preview = useHostData(() => host.reports.previewRedactions(incidentId), [host, incidentId]);
  const findings = preview.data?.findings ?? [];
  return (
    <section aria-label="First sync preview" className="sync-panel__preview">
      <h4>Not synced yet — what its first sync redacts</h4>
      {preview.loading && !preview.data ? (
        <p className="dim">Scanning the incident…</p>
      ) : findings.length === 0 ? (
        <p className="dim">No secrets found: the record goes as it is.</p>
      ) : (
        <ul className="sync-panel__findings">
          {findings.map((f) => (
            <li key={f.id}>
              <strong>{f.label}</strong> ×{f.count} <code>{f.excerpt}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Participants({ participants }: { participants: SyncParticipant[] }) {
  const colours = responderColors(participants);
  return (
    <section aria-label="Responders" className="sync-panel__people">
      <h4>In this incident</h4>
      <ul>
        {participants.map((p) => (
          <li key={`${p.deviceId}/${p.actor}`}>
            <span className="sync-panel__swatch" style={{ background: colours.get(responderKey(p.deviceId, p.actor)) }} aria-hidden="true" />
            <strong>{p.actor}</strong> <span className="dim">on {p.thisDevice ? 'this device' : <code title={p.deviceId}>{shortDevice(p.deviceId)}</code>}</span>
            <span className="dim"> · {p.events} event{p.events === 1 ? '' : 's'}</span>
            {p.clock && <span className="sync-panel__clock"> · clock {clockText(p.clock)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function clockText(clock: NonNullable<SyncParticipant['clock']>): string {
  if (clock.contradictory) return 'not reconciled (a clock was changed?)';
  return offsetWords(clock.low, clock.high) ?? 'not reconciled yet';
}
