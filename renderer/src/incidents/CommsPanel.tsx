import { useEffect, useMemo, useState } from 'react';
import { fillTemplate, normalizePlaceholderName, unfilledFields } from '../../../electron/common/incident/fillTemplate';
import type { Template } from '../../../electron/common/runbook/model';
import type { IncidentDetails } from '../../../electron/common/services/incidentService';
import type { RunbookDocument } from '../../../electron/common/services/runbookService';
import { useHost } from '../host/hostContext';
import { usePlaceholderValues } from '../runbooks/placeholderValues';
import type { IncidentClocks } from './clocks';
import { copyText } from '../components/copyText';
import { MILESTONE_LABELS, STATUS_LABELS, TIME_TO_WORDS, timeTo } from '../../../electron/common/incident/clockWords';
import { MILESTONE_NAMES } from '../../../electron/common/incident/model';
import { useTimeDisplay } from './displayPrefs';
import { severityLabel } from './severityLabel';
import { formatDuration } from '../../../electron/common/incident/clockWords';
import { formatClockTime, formatDate, formatStamp, fromLocalInputValue, toLocalInputValue } from '../../../electron/common/incident/timeFormat';

interface Choice {
  key: string;
  runbookTitle: string;
  template: Template;
}

/**
 * Communication templates filled from the incident. "Copy update" puts the text on the
 * clipboard and records that it was copied; "Mark as posted" records when it actually went out,
 * which starts the next-update clock. Fields the incident cannot answer (`[Host]`) get a box each;
 * what is typed there is remembered for the incident (like a step's placeholder values), so the
 * next template finds it filled, and Copy refuses while any is left.
 */
export function CommsPanel({ details, runbooks, clocks, onError }: { details: IncidentDetails; runbooks: readonly RunbookDocument[]; clocks: IncidentClocks; onError: (message: string) => void }) {
  const host = useHost();
  const { values, setValue } = usePlaceholderValues();
  const { utc } = useTimeDisplay();
  const choices = useMemo<Choice[]>(
    () => runbooks.flatMap((d) => d.runbook.templates.filter((t) => t.kind === 'communication').map((template) => ({ key: `${d.runbook.id}:${template.id}`, runbookTitle: d.runbook.title, template }))),
    [runbooks],
  );
  const [choiceKey, setChoiceKey] = useState<string>('');
  const choice = choices.find((c) => c.key === choiceKey) ?? choices[0] ?? null;
  const { incident } = details;
  const level = details.severityOptions.find((o) => o.id === incident.severity);

  const known = useMemo(() => {
    if (!choice) return null;
    const now = Date.now();
    const nextUpdate = now + clocks.cadence.minutes * 60_000;
    const end = clocks.resolvedAt;
    // Milestones in the clocks' own words: `[Mitigated at]`, `[Time to mitigate]`.
    const milestoneFields: Record<string, string | null> = {};
    for (const name of MILESTONE_NAMES) {
      const at = details.milestones[name]?.at ?? null;
      milestoneFields[`${MILESTONE_LABELS[name]} at`] = at === null ? null : formatStamp(at, utc);
      milestoneFields[`${MILESTONE_LABELS[name]} time`] = at === null ? null : formatStamp(at, utc);
      if (name !== 'detected') {
        const ms = timeTo(details.milestones, name);
        milestoneFields[TIME_TO_WORDS[name]] = ms === null ? null : formatDuration(ms);
      }
    }
    // The incident's length: to resolution once resolved, else so far (a resolution note is often written just before).
    const lasted = formatDuration((end ?? now) - clocks.startedAt);
    return {
      ...milestoneFields,
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
      duration: lasted,
      'total duration': lasted,
      'incident duration': lasted,
      elapsed: lasted,
      'incident id': incident.id,
    };
  }, [choice, incident, level, clocks, utc, details.milestones]);
  // What the incident cannot answer: the responder's to fill, one box each (kept while typing).
  const asked = useMemo(() => (choice && known ? unfilledFields(fillTemplate(choice.template.body, known)) : []), [choice, known]);
  const filled = useMemo(() => (choice && known ? fillTemplate(choice.template.body, { ...values, ...known }) : ''), [choice, known, values]);

  const [text, setText] = useState(filled);
  const [edited, setEdited] = useState(false);
  const [postedAt, setPostedAt] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  // Follow the incident's state until the responder edits the text by hand.
  useEffect(() => {
    if (!edited) setText(filled);
  }, [filled, edited]);
  // A word about the last copy speaks of that text only.
  useEffect(() => setStatus(null), [text]);

  if (!choice) return <p className="pane-message">The attached runbooks have no communication templates.</p>;
  const templateId = choice.template.id;
  const unfilled = unfilledFields(text);

  const copy = () => {
    // An update with a hole in it should not reach a status page: say what is missing instead.
    if (unfilled.length) {
      setStatus(`Not copied: fill in ${unfilled.join(', ')} first.`);
      return Promise.resolve();
    }
    const copiedAt = Date.now();
    return copyText(text)
      .then(() => host.incidents.statusUpdateCopied(incident.id, text, templateId))
      .then((event) =>
        setStatus(
          event.recordedAt < copiedAt
            ? 'Copied to the clipboard again; the timeline already has this version.'
            : 'Copied to the clipboard; recorded on the timeline. Paste it where your updates go, then mark it as posted.',
        ),
      )
      .catch((error: Error) => onError(`Copy failed: ${error.message}`));
  };
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
      {asked.length > 0 && (
        <fieldset className="comms__fields">
          <legend className="field__label">Fields to fill in (remembered for this incident{edited ? '; the text was edited by hand: refill it to use them' : ''})</legend>
          {asked.map((field) => (
            <label key={field} className="field comms__field">
              <span className="field__label">{field}</span>
              <input className="input input--compact" aria-label={field} value={valueOf(values, field)} onChange={(e) => setValue(field, e.target.value)} />
            </label>
          ))}
        </fieldset>
      )}
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
        <p className={status.startsWith('Not copied') ? 'comms__status comms__status--refused' : 'comms__status'} role="status">
          {status}
        </p>
      )}
    </section>
  );
}

/** A remembered value by the field's name, spelled any way (`Host`, `host`, `HOST`). */
function valueOf(values: Readonly<Record<string, string>>, field: string): string {
  const key = normalizePlaceholderName(field);
  for (const [name, value] of Object.entries(values)) if (normalizePlaceholderName(name) === key) return value;
  return '';
}
