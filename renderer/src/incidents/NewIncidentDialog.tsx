import { useEffect, useId, useRef, useState } from 'react';
import type { SeverityOption } from '../../../electron/common/services/incidentService';
import { useHost } from '../host/hostContext';
import { useHostData } from '../host/useHostData';
import { runbookFileName, sharedTitles } from '../runbooks/sharedTitles';
import { severityLabel } from './severityLabel';

/**
 * "New incident": title, severity (from the chosen runbook's scale, else SEV1–SEV4), optional
 * commander and impact, and the runbook to attach (the one open, by default). The clock starts
 * when it is created.
 */
export function NewIncidentDialog({ defaultRunbookId, onCreated, onClose }: { defaultRunbookId: string | null; onCreated: (incidentId: string) => void; onClose: () => void }) {
  const host = useHost();
  const headingId = useId();
  const [title, setTitle] = useState('');
  const [runbookId, setRunbookId] = useState(defaultRunbookId ?? '');
  const [severity, setSeverity] = useState('');
  const [commander, setCommander] = useState('');
  const [impact, setImpact] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const runbooks = useHostData(() => host.runbooks.listRunbooks(), [host]);
  const sharedRunbookTitles = sharedTitles(runbooks.data ?? []);
  const options = useHostData<SeverityOption[]>(() => host.incidents.severityOptions(runbookId ? [runbookId] : []), [host, runbookId]);

  // Default to the most severe level: at 03:00 an unknown outage is treated as the worst case.
  useEffect(() => {
    const list = options.data ?? [];
    if (list.length && !list.some((o) => o.id === severity)) setSeverity(list[0]!.id);
  }, [options.data, severity]);

  useEffect(() => {
    titleRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const create = () => {
    if (!title.trim() || !severity || busy) return;
    setBusy(true);
    setError(null);
    host.incidents.create({ title, severity, commander: commander || null, impact: impact || null, runbookIds: runbookId ? [runbookId] : [] }).then(
      (incident) => onCreated(incident.id),
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };

  const level = options.data?.find((o) => o.id === severity);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        className="modal modal--form"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <h2 id={headingId} className="modal__title">
          New incident
        </h2>
        <label className="field">
          <span className="field__label">Title</span>
          <input ref={titleRef} className="input" aria-label="Title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What is broken, for whom" required maxLength={1000} />
        </label>
        <label className="field">
          <span className="field__label">Runbook</span>
          <select className="input input--select" aria-label="Runbook" value={runbookId} onChange={(e) => setRunbookId(e.target.value)}>
            <option value="">None for now</option>
            {(runbooks.data ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {sharedRunbookTitles.has(r.title) ? `${r.title} — ${runbookFileName(r.path)}` : r.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Severity</span>
          <select className="input input--select" aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
            {(options.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {severityLabel(o)}
              </option>
            ))}
          </select>
          <span className="field__hint">{level?.responseMinutes ? `Respond within ${level.responseMinutes} min of the start.` : 'This level states no response time.'}</span>
        </label>
        <div className="modal__grid">
          <label className="field">
            <span className="field__label">Commander (optional)</span>
            <input className="input" aria-label="Commander" value={commander} onChange={(e) => setCommander(e.target.value)} placeholder="Who runs the incident" />
          </label>
          <label className="field">
            <span className="field__label">Impact (optional)</span>
            <input className="input" aria-label="Impact" value={impact} onChange={(e) => setImpact(e.target.value)} placeholder="Who is affected, how" />
          </label>
        </div>
        {error && (
          <p className="modal__error" role="alert">
            {error}
          </p>
        )}
        <div className="modal__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={!title.trim() || !severity || busy}>
            Create incident
          </button>
        </div>
      </form>
    </div>
  );
}
