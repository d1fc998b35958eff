import { useEffect, useId, useRef, useState } from 'react';
import type { Risk } from '../../../electron/common/runbook/model';

export interface PendingConfirmation {
  commands: string[];
  risk: Risk;
  reasons: string[];
  target: string;
}

const HEADLINE: Record<Risk, string> = {
  destroy: 'This command can destroy data or kill work',
  unknown: 'War Room does not know what this command does',
  change: 'This command changes a running system',
  read: 'Run this command?',
};

/**
 * The hold before a risky command runs: quotes exactly what will run and where.
 * Cancel has the focus, so a reflexive Enter does nothing harmful.
 */
export function ConfirmCommandDialog({
  pending,
  onConfirm,
  onCancel,
  onStopAskingForChanges,
}: {
  pending: PendingConfirmation;
  onConfirm: () => void;
  onCancel: () => void;
  /** Offered for `change` commands only: destroy and unknown always ask. */
  onStopAskingForChanges?: () => void;
}) {
  const titleId = useId();
  const [stopAsking, setStopAsking] = useState(false);
  const descriptionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <div className="modal-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className={`modal modal--${pending.risk}`}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2 id={titleId} className="modal__title">
          {HEADLINE[pending.risk]}
        </h2>
        <div id={descriptionId}>
          <p className="modal__where">Runs in {pending.target}:</p>
          <pre className="modal__command">
            <code>{pending.commands.join('\n')}</code>
          </pre>
          {pending.reasons.length > 0 && (
            <ul className="modal__reasons">
              {pending.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
        {pending.risk === 'change' && onStopAskingForChanges && (
          <label className="modal__option">
            <input type="checkbox" checked={stopAsking} onChange={(e) => setStopAsking(e.target.checked)} /> Don't ask again for change commands in this incident
          </label>
        )}
        <div className="modal__actions">
          <button type="button" className="button" ref={cancelRef} onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={`button ${pending.risk === 'destroy' ? 'button--danger' : 'button--primary'}`} onClick={() => {
              if (stopAsking) onStopAskingForChanges?.();
              onConfirm();
            }}
          >
            Run anyway
          </button>
        </div>
      </div>
    </div>
  );
}
