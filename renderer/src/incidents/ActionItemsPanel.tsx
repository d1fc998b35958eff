import { useMemo, useState } from 'react';
import type { TimelineEvent, TimelineEventOf } from '../../../electron/common/incident/model';
import { useHost } from '../host/hostContext';
import { useTimeDisplay } from './displayPrefs';
import { formatDateTime } from './timeFormat';

/** Follow-ups with an owner, recorded as timeline events so the report lists them. */
export function ActionItemsPanel({ incidentId, events, onError }: { incidentId: string; events: readonly TimelineEvent[]; onError: (message: string) => void }) {
  const host = useHost();
  const { utc } = useTimeDisplay();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const items = useMemo(() => events.filter((e): e is TimelineEventOf<'actionItem.added'> => e.kind === 'actionItem.added'), [events]);
  return (
    <section className="action-items" aria-label="Action items">
      <form
        className="action-items__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) return;
          host.incidents.addActionItem(incidentId, text, owner || null).then(
            () => {
              setText('');
              setOwner('');
            },
            (error: Error) => onError(error.message),
          );
        }}
      >
        <input className="input" aria-label="Action item" placeholder="What needs doing after the incident" value={text} onChange={(e) => setText(e.target.value)} />
        <input className="input action-items__owner" aria-label="Owner" placeholder="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={!text.trim()}>
          Add action item
        </button>
      </form>
      {items.length === 0 ? (
        <p className="pane-message">No action items yet.</p>
      ) : (
        <ul className="action-items__list">
          {items.map((item) => (
            <li key={item.id}>
              <span className="action-items__text">{item.payload.text}</span>
              <span className="badge">{item.payload.owner ?? 'no owner'}</span>
              <span className="dim">{formatDateTime(item.occurredAt, utc)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
