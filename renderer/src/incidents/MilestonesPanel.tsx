import { useState } from 'react';
import { MILESTONE_NAMES, type MilestoneName } from '../../../electron/common/incident/model';
import type { IncidentDetails } from '../../../electron/common/services/incidentService';
import { useHost } from '../host/hostContext';
import { useTimeDisplay } from './displayPrefs';
import { formatDuration, MILESTONE_LABELS, TIME_TO_WORDS, timeTo } from '../../../electron/common/incident/clockWords';
import { formatDateTime, fromLocalInputValue, toLocalInputValue, zoneLabel } from '../../../electron/common/incident/timeFormat';

/** The report's milestones: derived from the timeline, correctable by hand (the correction is an event). */
export function MilestonesPanel({ details, onError }: { details: IncidentDetails; onError: (message: string) => void }) {
  const host = useHost();
  const { utc } = useTimeDisplay();
  const { milestones, incident } = details;
  const [editing, setEditing] = useState<MilestoneName | null>(null);
  const [value, setValue] = useState('');
  const set = (name: MilestoneName, at: number | null) =>
    host.incidents.setMilestone(incident.id, name, at).then(
      () => setEditing(null),
      (error: Error) => onError(error.message),
    );
  return (
    <section aria-label="Milestones" className="milestones-panel">
      <p className="dim">Times in {zoneLabel(utc)}. Derived from the status changes; set one by hand where the timeline does not know better.</p>
      <table className="milestones-table">
        <tbody>
          {MILESTONE_NAMES.map((name) => {
            const m = milestones[name];
            const since = timeTo(milestones, name);
            return (
              <tr key={name}>
                <th scope="row">{MILESTONE_LABELS[name]}</th>
                <td>{m.at === null ? '—' : formatDateTime(m.at, utc)}</td>
                <td className="dim" title={since === null || name === 'detected' ? undefined : `${TIME_TO_WORDS[name]}, from detected`}>{since === null ? '' : `+${formatDuration(since)}`}</td>
                <td className="dim">{m.source === 'set' ? 'set by hand' : 'derived'}</td>
                <td>
                  {editing === name ? (
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        const at = fromLocalInputValue(value);
                        if (at !== null) void set(name, at);
                      }}
                    >
                      <input type="datetime-local" step={1} className="input input--compact" aria-label={`${MILESTONE_LABELS[name]} at`} value={value} onChange={(e) => setValue(e.target.value)} />
                      <button type="submit" className="button button--small button--primary">
                        Save
                      </button>
                      <button type="button" className="button button--small" onClick={() => setEditing(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => {
                          setEditing(name);
                          setValue(toLocalInputValue(m.at ?? Date.now()));
                        }}
                      >
                        Set {MILESTONE_LABELS[name].toLowerCase()}
                      </button>{' '}
                      {m.source === 'set' && (
                        <button type="button" className="button button--small button--ghost" onClick={() => void set(name, null)}>
                          Use derived
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
