import type { TimelineEvent } from '../../../electron/common/incident/model';
import { formatDuration } from '../../../electron/common/incident/clockWords';
import { formatDateTime, zoneLabel } from './timeFormat';
import type { TimelineRow } from './timelineRows';

/** The whole of one timeline entry: rows are one line, this is where a long note is read. */
export function EventDetail({ row, utc, onClose }: { row: TimelineRow; utc: boolean; onClose: () => void }) {
  const { event, finished, description } = row;
  return (
    <div className="event-detail" role="region" aria-label="Timeline entry">
      <div className="event-detail__head">
        <span className={`trow__badge trow__badge--${description.tone}`}>{description.badge}</span>
        <span>
          {formatDateTime(event.occurredAt, utc)} {zoneLabel(utc, event.occurredAt)} · {event.actor} · #{event.seq}
        </span>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <pre className="event-detail__body">{fullText(event) ?? description.text}</pre>
      {event.kind === 'command.started' && (
        <p className="event-detail__meta">
          {event.payload.cwd && <>in {event.payload.cwd} · </>}
          {finished ? (
            <>
              exit {finished.payload.exitCode ?? '?'} after {formatDuration(finished.payload.durationMs)}
              {finished.payload.outputTruncated && ' · output truncated'}
            </>
          ) : (
            'still running'
          )}
          {event.payload.step && <> · from runbook step {event.payload.step.stepId}</>}
        </p>
      )}
      {event.occurredAt !== event.recordedAt && (
        <p className="event-detail__meta">
          Recorded {formatDateTime(event.recordedAt, utc)} on device {event.deviceId.slice(0, 8)}
        </p>
      )}
    </div>
  );
}

function fullText(event: TimelineEvent): string | null {
  switch (event.kind) {
    case 'note':
    case 'statusUpdate.copied':
    case 'statusUpdate.posted':
      return event.payload.text;
    case 'command.started':
      return `$ ${event.payload.commandLine}`;
    default:
      return null;
  }
}
