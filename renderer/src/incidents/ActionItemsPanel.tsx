import { useState } from 'react';
import type { ActionItem } from '../../../electron/common/incident/actionItems';
import { useHost } from '../host/hostContext';
import { useTimeDisplay } from './displayPrefs';
import { formatDateTime } from '../../../electron/common/incident/timeFormat';

/**
 * Follow-ups with an owner. Every change — added, edited, marked done, reopened — is its own
 * timeline event (the record is append-only), so the report says what is open and what is
 * done, and who did what when. `items` is the host's view (edits and state already applied).
 */
export function ActionItemsPanel({ incidentId, items, onError }: { incidentId: string; items: readonly ActionItem[]; onError: (message: string) => void }) {
  const host = useHost();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const done = items.filter((item) => item.done).length;
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
        <>
          <p className="action-items__count dim">
            {items.length - done} open · {done} done
          </p>
          <ul className="action-items__list">
            {items.map((item) => (
              <ActionItemRow key={item.id} incidentId={incidentId} item={item} onError={onError} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ActionItemRow({ incidentId, item, onError }: { incidentId: string; item: ActionItem; onError: (message: string) => void }) {
  const host = useHost();
  const { utc } = useTimeDisplay();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text);
  const [owner, setOwner] = useState(item.owner ?? '');
  // One request at a time per item: a double click must not record the change twice.
  const [busy, setBusy] = useState(false);
  const act = (request: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    request()
      .then(
        () => after?.(),
        (error: Error) => onError(error.message),
      )
      .finally(() => setBusy(false));
  };

  if (editing) {
    return (
      <li className="action-item action-item--editing">
        <form
          className="action-item__edit"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            act(() => host.incidents.editActionItem(incidentId, item.id, text, owner || null), () => setEditing(false));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
          }}
        >
          {/* Focus moves to the text: the responder just asked to edit this item. */}
          <input className="input action-item__text-input" aria-label="Edit action item" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          <input className="input action-items__owner" aria-label="Edit owner" placeholder="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} />
          <button type="submit" className="button button--small button--primary" disabled={busy || !text.trim()}>
            Save
          </button>
          <button type="button" className="button button--small" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }

  const when = item.done && item.doneAt !== null ? `done by ${item.doneBy ?? '?'} · ${formatDateTime(item.doneAt, utc)}` : `added by ${item.addedBy} · ${formatDateTime(item.addedAt, utc)}`;
  return (
    <li className={`action-item${item.done ? ' action-item--done' : ''}`}>
      <div className="action-item__main">
        <span className={`badge action-item__state${item.done ? ' action-item__state--done' : ''}`}>{item.done ? '✓ Done' : 'Open'}</span>
        <span className="action-items__text">{item.text}</span>
      </div>
      <div className="action-item__meta">
        <span className="badge">{item.owner ?? 'no owner'}</span>
        <span className="dim action-item__when" title={item.editedAt !== null ? `Edited by ${item.editedBy ?? '?'} · ${formatDateTime(item.editedAt, utc)}` : undefined}>
          {when}
          {item.editedAt !== null && ' · edited'}
        </span>
        <span className="action-item__actions">
          <button type="button" className="button button--small" disabled={busy} onClick={() => act(() => host.incidents.setActionItemDone(incidentId, item.id, !item.done))}>
            {item.done ? 'Reopen' : 'Mark done'}
          </button>
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={busy}
            onClick={() => {
              setText(item.text);
              setOwner(item.owner ?? '');
              setEditing(true);
            }}
          >
            Edit
          </button>
        </span>
      </div>
    </li>
  );
}
