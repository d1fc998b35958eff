import { useEffect, useMemo, useState } from 'react';
import { fillTemplate } from '../../../electron/common/incident/fillTemplate';
import type { Template } from '../../../electron/common/runbook/model';
import type { IncidentDetails } from '../../../electron/common/services/incidentService';
import type { RunbookDocument } from '../../../electron/common/services/runbookService';
import { useHost } from '../host/hostContext';
import { usePlaceholderValues } from '../runbooks/placeholderValues';
import type { IncidentClocks } from './clocks';
import { copyText } from '../components/copyText';
import { STATUS_LABELS } from '../../../electron/common/incident/clockWords';
import { useTimeDisplay } from './displayPrefs';
import { severityLabel } from './severityLabel';
import { formatDuration } from '../../../electron/common/incident/clockWords';
import { formatClockTime, formatDate, formatStamp, fromLocalInputValue, toLocalInputValue } from './timeFormat';

interface Choice {
  key: string;
  runbookTitle: string;
  template: Template;
}

/**
 * Communication templates filled from the incident. "Copy update" puts the text on the
 * clipboard and records that it was copied; "Mark as posted" records when it actually went out,
 * which starts the next-update clock.
 */
export function CommsPanel({ details, runbooks, clocks, onError }: { details: IncidentDetails; runbooks: readonly RunbookDocument[]; clocks: IncidentClocks; onError: (message: string) => void }) {
  const host = useHost();
  const { values } = usePlaceholderValues();
  const { utc } = useTimeDisplay();
  const choices = useMemo<Choice[]>(
    () => runbooks.flatMap((d) => d.runbook.templates.filter((t) => t.kind === 'communication').map((template) => ({ key: `${d.runbook.id}:${template.id}`, runbookTitle: d.runbook.title, template }))),
    [runbooks],
  );
  const [choiceKey, setChoiceKey] = useState<string>('');
  const choice = choices.find((c) => c.key === choiceKey) ?? choices[0] ?? null;
  const { incident } = details;
  const level = details.severityOptions.find((o) => o.id === incident.severity);

  const filled = useMemo(() => {
    if (!choice) return '';
    const now = Date.now();
    const nextUpdate = now + clocks.cadence.minutes * 60_000;
    const end = clocks.resolvedAt;
    return fillTemplate(choice.template.body, {
      ...values,
      title: incident.title,
      severity: incident.severity,
      'severity name': level ? severityLabel(level) : incident.severity,
      status: STATUS_LABELS[incident.status],
      impact: incident.impact,
      commander: incident.commander,
      'incident commander': incident.commander,
      'start time': formatStamp(clocks.startedAt, utc),
      'started at': formatStamp(clocks.startedAt, utc),
      'detected at': formatStamp(clocks.startedAt, utc),
      time: formatStamp(now, utc),
      'current time': formatStamp(now, utc),
      date: formatDate(now, utc),
      'next update time': formatStamp(nextUpdate, utc),
      'next update': formatStamp(nextUpdate, utc),
      'end time': end ? formatStamp(end, utc) : null,
      'resolved at': end ? formatStamp(end, utc) : null,
      duration: end ? formatDuration(end - clocks.startedAt) : null,
      'incident id': incident.id,
    });
  }, [choice, values, incident, level, clocks, utc]);

  const [text, setText] = useState(filled);
  const [edited, setEdited] = useState(false);
  const [postedAt, setPostedAt] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  // Follow the incident's state until the responder edits the text by hand.
  useEffect(() => {
    if (!edited) setText(filled);
  }, [filled, edited]);

  if (!choice) return <p className="pane-message">The attached runbooks have no communication templates.</p>;
  const templateId = choice.template.id;

  const copy = () =>
    copyText(text)
      .then(() => host.incidents.statusUpdateCopied(incident.id, text, templateId))
      .then(() => setStatus('Copied to the clipboard; recorded on the timeline. Paste it where your updates go, then mark it as posted.'))
      .catch((error: Error) => onError(`Copy failed: ${error.message}`));
  const post = () => {
    const at = fromLocalInputValue(postedAt) ?? Date.now();
    host.incidents.statusUpdatePosted(incident.id, text, templateId, at).then(
      () => {
        setStatus(`Marked as posted at ${formatClockTime(at, utc)}.`);
        setPostedAt('');
      },
      (error: Error) => onError(error.message),
    );
  };

  return (
    <section className="comms" aria-label="Status updates">
      <div className="comms__row">
        <label className="field comms__pick">
          <span className="field__label">Template</span>
          <select
            className="input input--select"
            aria-label="Template"
            value={choice.key}
            onChange={(e) => {
              setChoiceKey(e.target.value);
              setEdited(false);
            }}
          >
            {choices.map((c) => (
              <option key={c.key} value={c.key}>
                {c.template.title}
                {runbooks.length > 1 ? ` (${c.runbookTitle})` : ''}
              </option>
            ))}
          </select>
        </label>
        <p className="comms__cadence">
          {clocks.nextUpdateDue ? `Next update due ${formatClockTime(clocks.nextUpdateDue, utc)}` : 'No update posted yet'} · every {clocks.cadence.minutes} min
          {clocks.cadence.source === 'runbook' ? ' (runbook)' : ' (default)'}
        </p>
      </div>
      <textarea
        className="input comms__text"
        aria-label="Status update text"
        value={text}
        rows={Math.min(14, Math.max(5, text.split('\n').length + 1))}
        onChange={(e) => {
          setText(e.target.value);
          setEdited(true);
        }}
      />
      <div className="comms__actions">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          Copy update
        </button>
        <label className="comms__posted">
          <span className="field__label">Posted at (empty = now)</span>
          <input type="datetime-local" step={1} className="input input--compact" aria-label="Posted at" value={postedAt} max={toLocalInputValue(Date.now() + 60_000)} onChange={(e) => setPostedAt(e.target.value)} />
        </label>
        <button type="button" className="button" onClick={post}>
          Mark as posted
        </button>
        {edited && (
          <button type="button" className="button button--ghost button--small" onClick={() => setEdited(false)}>
            Refill from incident
          </button>
        )}
      </div>
      {status && (
        <p className="comms__status" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
