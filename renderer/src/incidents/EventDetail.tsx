import { useEffect, useState } from 'react';
import type { CommandRecord, StepRef, TimelineEvent } from '../../../electron/common/incident/model';
import { useHost } from '../host/hostContext';
import { useTerminalTabs } from '../terminals/incidentTerminals';
import { formatDuration } from '../../../electron/common/incident/clockWords';
import { formatDateTime, zoneLabel } from '../../../electron/common/incident/timeFormat';
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
          {event.payload.step && <> · from the runbook step “{stepTitle(event.payload.step)}”</>}
        </p>
      )}
      {event.kind === 'command.started' && <CommandWhere sessionId={event.payload.sessionId} terminal={event.payload.terminal ?? null} host={event.payload.host ?? null} />}
      {event.kind === 'command.started' && finished && <CommandOutput commandId={event.payload.commandId} />}
      {event.occurredAt !== event.recordedAt && (
        <p className="event-detail__meta">
          Recorded {formatDateTime(event.recordedAt, utc)}{event.actor ? ` by ${event.actor}` : ''}
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

/**
 * The terminal tab and machine a command ran in: as recorded when it started (the same words
 * the report prints), else from its tab while that shell is still open.
 */
function CommandWhere({ sessionId, terminal, host }: { sessionId: string; terminal: string | null; host: string | null }) {
  const tab = useTerminalTabs().find((t) => t.sessionId === sessionId);
  const name = terminal ?? tab?.title ?? null;
  const machine = host ?? tab?.host ?? null;
  if (!name && !machine) return <p className="event-detail__meta">Ran in a terminal that has since ended (see the report for its output).</p>;
  return (
    <p className="event-detail__meta">
      Ran {name ? `in ${name}` : 'in a terminal'}
      {machine ? ` on ${machine}` : ''}
      {tab?.kubeContext ? ` · kube ${tab.kubeContext}` : ''}
    </p>
  );
}

/** The command's recorded output, fetched when the entry is opened. */
function CommandOutput({ commandId }: { commandId: string }) {
  const host = useHost();
  const [record, setRecord] = useState<CommandRecord | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    host.incidents.command(commandId).then(
      (r) => live && setRecord(r),
      () => live && setRecord(null),
    );
    return () => {
      live = false;
    };
  }, [host, commandId]);
  if (record === undefined) return null;
  if (!record) return null;
  if (record.outputStruck) return <p className="event-detail__meta">Output struck from the record.</p>;
  const output = record.output?.replace(/\s+$/, '') ?? '';
  return (
    <pre className="event-detail__output" aria-label="Output">
      {output || '(no output)'}
      {record.outputTruncated ? '\n… (head and tail kept)' : ''}
    </pre>
  );
}

/** A step's title where the runbook is on screen, else the readable part of its id (never the hash). */
function stepTitle(step: StepRef): string {
  const card = document.querySelector(`[role="group"][data-step-id="${CSS.escape(step.stepId)}"]`);
  return card?.getAttribute('aria-label') ?? (step.stepId.split('/')[0] ?? step.stepId).replace(/^\d+-/, '').replace(/-/g, ' ');
}
