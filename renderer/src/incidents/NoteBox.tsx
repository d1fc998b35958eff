import { useState, type Ref } from 'react';
import { useHost } from '../host/hostContext';
import { useTimeDisplay } from './displayPrefs';
import { formatClockTime, formatDate, fromLocalInputValue, offsetLabel } from '../../../electron/common/incident/timeFormat';

/**
 * The note box: Ctrl+Enter adds; "happened at" backdates a note to when the thing occurred.
 * A note dated before detection asks whether detection moves too: the clocks that count from
 * it (elapsed, the response window) must never jump silently.
 */
export function NoteBox({ incidentId, noteRef, detectedAt }: { incidentId: string; noteRef?: Ref<HTMLTextAreaElement>; detectedAt: number | null }) {
  const host = useHost();
  const { utc } = useTimeDisplay();
  const [earlier, setEarlier] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [happenedAt, setHappenedAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const add = () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    setMessage(null);
    const at = fromLocalInputValue(happenedAt);
    host.incidents.addNote(incidentId, text, at).then(
      () => {
        setText('');
        setHappenedAt('');
        setBusy(false);
        if (at !== null && detectedAt !== null && at < detectedAt) setEarlier(at);
      },
      (error: Error) => {
        setBusy(false);
        setMessage(`Note not saved: ${error.message}`);
      },
    );
  };

  return (
    <form
      className="note-box"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <textarea
        ref={noteRef}
        id="note-input"
        className="input note-box__text"
        aria-label="Note"
        placeholder="What just happened?"
        rows={1}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            add();
          }
        }}
      />
      <div className="note-box__side">
        <label className="note-box__when">
          <span className="field__label">Happened at ({offsetLabel(Date.now())}, optional)</span>
          <input type="datetime-local" step={1} className="input input--compact" aria-label="Happened at" value={happenedAt} onChange={(e) => setHappenedAt(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={!text.trim() || busy}>
          Add note
        </button>
      </div>
      <p className="note-box__hint" aria-hidden="true">
        <kbd>N</kbd> note · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> add · <kbd>/</kbd> search timeline · <kbd>R</kbd> next step · <kbd>Alt</kbd>+<kbd>1…9</kbd> terminal · <kbd>Esc</kbd> leave a field
      </p>
      {earlier !== null && detectedAt !== null && (
        <div className="note-box__ask" role="alertdialog" aria-label="Move the detection time?" aria-describedby="note-box-ask-text">
          <p id="note-box-ask-text">
            The note happened before detection ({describeAt(detectedAt, earlier, utc)}). Move the detection time to {formatClockTime(earlier, utc)}? Elapsed time and the response window count from it.
          </p>
          <button
            type="button"
            className="button button--small button--primary"
            autoFocus
            onClick={() => {
              const at = earlier;
              setEarlier(null);
              void host.incidents.setMilestone(incidentId, 'detected', at).catch((error: Error) => setMessage(`Detection time not moved: ${error.message}`));
            }}
          >
            Move detection to {formatClockTime(earlier, utc)}
          </button>
          <button type="button" className="button button--small" onClick={() => setEarlier(null)}>
            Keep {formatClockTime(detectedAt, utc)}
          </button>
        </div>
      )}
      {message && (
        <p className="note-box__error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}

/** `23:12:45`, with the date when the two times fall on different days. */
function describeAt(detectedAt: number, earlier: number, utc: boolean): string {
  const day = formatDate(detectedAt, utc) === formatDate(earlier, utc) ? '' : `${formatDate(detectedAt, utc)} `;
  return `detected ${day}${formatClockTime(detectedAt, utc)}`;
}
