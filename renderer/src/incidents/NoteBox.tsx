import { useState, type Ref } from 'react';
import { useHost } from '../host/hostContext';
import { fromLocalInputValue, offsetLabel } from './timeFormat';

/** The note box: Ctrl+Enter adds; "happened at" backdates a note to when the thing occurred. */
export function NoteBox({ incidentId, noteRef }: { incidentId: string; noteRef?: Ref<HTMLTextAreaElement> }) {
  const host = useHost();
  const [text, setText] = useState('');
  const [happenedAt, setHappenedAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const add = () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    setMessage(null);
    host.incidents.addNote(incidentId, text, fromLocalInputValue(happenedAt)).then(
      () => {
        setText('');
        setHappenedAt('');
        setBusy(false);
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
      {message && (
        <p className="note-box__error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}
