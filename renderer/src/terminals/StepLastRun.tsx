import { formatDuration } from '../../../electron/common/incident/clockWords';
import { useTimeDisplay } from '../incidents/displayPrefs';
import { formatClockTime, zoneLabel } from '../../../electron/common/incident/timeFormat';
import { useStepRun } from './incidentTerminals';

/** Output lines a step's preview shows: its end, where the answer or the error is. */
const PREVIEW_LINES = 12;

/** A step's last run: running indicator, then exit code, duration and the tail of its output. */
export function StepLastRun({ runbookId, stepId }: { runbookId: string; stepId: string }) {
  const run = useStepRun(runbookId, stepId);
  const { utc } = useTimeDisplay();
  if (!run) return null;
  const running = run.status === 'running';
  const preview = run.outputPreview?.split('\n').slice(-PREVIEW_LINES).join('\n');
  const done = run.commands.filter((c) => c.endedAt !== null).length;
  return (
    <div className={`step-run step-run--${run.status}`} aria-label="Last run" aria-busy={running} role="region">
      <p className="step-run__summary">
        {running ? (
          <>
            <span className="spinner" aria-hidden="true" /> Running
            {run.commands.length > 1 ? ` command ${Math.min(done + 1, run.commands.length)} of ${run.commands.length}` : ''}…
          </>
        ) : (
          <>
            Last run: <strong className="step-run__exit">exit {run.exitCode ?? '?'}</strong>
            {run.durationMs !== null && <> after {formatDuration(run.durationMs)}</>}
            {run.endedAt !== null && <> · {formatClockTime(run.endedAt, utc)} {zoneLabel(utc, run.endedAt)}</>}
          </>
        )}
      </p>
      {run.message && <p className="step-run__message">{run.message}</p>}
      {!running && preview && (
        <pre className="step-run__output">
          <code>{preview}</code>
        </pre>
      )}
    </div>
  );
}
