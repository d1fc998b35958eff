import { useEffect, useId, useMemo, useState } from 'react';
import type { Step } from '../../../electron/common/runbook/model';
import { classifyRisk, substitutePlaceholders } from '../../../electron/common/runbook/shell/index';
import { copyText } from '../components/copyText';
import { ConfirmCommandDialog, type PendingConfirmation } from './ConfirmCommandDialog';
import { usePlaceholderValues } from './placeholderValues';
import { worstRisk } from '../../../electron/common/runbook/shell/riskTypes';
import { looksSecret, needsConfirmation } from './risk';
import { useStepRunner } from './stepRunner';

const unique = (lists: string[][]) => [...new Set(lists.flat())];
/** Why 8 s: long enough to read twice, short enough not to go stale beside the last run. */
const STATUS_VISIBLE_MS = 8_000;

/** One runbook step: its code, its inputs, its risk, and the buttons that run it. */
export function StepCard({ step, runbookId, runbookHash }: { step: Step; runbookId: string; runbookHash: string }) {
  const { values, setValue } = usePlaceholderValues();
  const runner = useStepRunner();
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingConfirmation | null>(null);
  const idPrefix = useId();

  const placeholders = unique(step.commands.map((c) => c.placeholders));
  const envInputs = unique(step.commands.map((c) => c.envInputs));
  const missing = placeholders.filter((name) => !values[name]?.trim());
  const incomplete = step.commands.some((c) => c.incomplete);
  // Each value goes in as one literal word, quoted for where its placeholder stands.
  const substituted = useMemo(() => step.commands.map((c) => substitutePlaceholders(c.text, values, c.client ? { client: c.client } : {})), [step.commands, values]);
  const filled = useMemo(() => substituted.map((s) => s.text), [substituted]);
  const refused = unique(substituted.map((s) => s.refused));
  // Judge the command that will actually run, not the template in the runbook.
  const verdicts = useMemo(() => step.commands.map((c, i) => classifyRisk(filled[i] ?? c.text, c.client ? { client: c.client } : {})), [step.commands, filled]);
  const risk = step.commands.length ? worstRisk(verdicts.map((v) => v.risk)) : null;
  const reasons = [...new Set(verdicts.flatMap((v) => v.reasons))];
  // One line on the card: the worst command's first reason, and how many more there are.
  const worstReason = verdicts.find((v) => v.risk === risk)?.reasons[0] ?? reasons[0];
  // A snippet (YAML, a query, output) has no commands: it is copied, never typed into a shell.
  const snippet = !step.runnable && step.commands.length === 0;
  const title = titleWithValues(step.title, placeholders, values);

  const say = (text: string) => setStatus(text);
  // A confirmation stays a few seconds; the step's last run (or the timeline) says the rest.
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(null), STATUS_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  const fail = (error: unknown) => setStatus(`Failed: ${error instanceof Error ? error.message : String(error)}`);

  const run = () => runner.run({ step, runbookId, runbookHash, commands: filled }).then(() => say(runner.ranMessage), fail);
  const onRun = () => {
    if (risk && needsConfirmation(risk, runner.confirmChanges)) {
      const target = runner.describeTarget(filled);
      setPending({ commands: filled, risk, reasons, target: step.inside ? `the session \`${step.inside.command}\` opened (${target})` : target });
    } else {
      void run();
    }
  };
  const copy = () => {
    // A command with a hole in it is worse than none on the clipboard: say what is missing instead.
    if (missing.length || refused.length) {
      say(`Not copied: ${refused.length ? refused.join('; ') : `fill in ${missing.join(', ')} first`}.`);
      return Promise.resolve();
    }
    return copyText(filled.length ? filled.join('\n') : step.code).then(() => say(placeholders.length ? 'Copied, with the values filled in.' : 'Copied.'), fail);
  };

  const disabledReason = incomplete
    ? 'This command is cut off in the runbook and cannot run.'
    : missing.length
      ? `Fill in ${missing.join(', ')} first.`
      : refused.length
        ? `Cannot run: ${refused.join('; ')}.`
        : null;

  return (
    <section role="group" aria-label={step.title} className={`step step--${risk ?? 'none'}`} data-step-id={step.id}>
      <header className="step__header">
        <h4 className="step__title" title={title}>
          {title}
        </h4>
        {snippet && step.lang && <span className="badge">{step.lang}</span>}
        {risk && (
          <span className={`risk risk--${risk}`} title={reasons.join('\n')}>
            {risk}
          </span>
        )}
        {step.commands.some((c) => c.client) && <span className="badge">in {step.commands.find((c) => c.client)?.client}</span>}
      </header>
      {step.inside && (
        <p className="step__inside" title={`Opened on line ${step.inside.line}`}>
          runs inside: <code>{step.inside.command}</code>
        </p>
      )}
      <pre className="step__code">
        <code>{step.code}</code>
      </pre>
      {risk && risk !== 'read' && worstReason && (
        <p className="step__reasons" title={reasons.join('\n')}>
          {worstReason}
          {reasons.length > 1 && <span className="step__reasons-more"> (+{reasons.length - 1} more)</span>}
        </p>
      )}
      {(placeholders.length > 0 || envInputs.length > 0) && (
        <div className="step__inputs">
          {placeholders.map((name) => (
            <label key={name} className="field" htmlFor={`${idPrefix}-${name}`}>
              <span className="field__label">{name}</span>
              <input id={`${idPrefix}-${name}`} className="input" value={values[name] ?? ''} onChange={(e) => setValue(name, e.target.value)} autoComplete="off" spellCheck={false} />
            </label>
          ))}
          {envInputs.map((name) => (
            <label key={name} className="field" htmlFor={`${idPrefix}-env-${name}`}>
              <span className="field__label field__label--env">{name}</span>
              <input
                id={`${idPrefix}-env-${name}`}
                className="input"
                type={looksSecret(name) ? 'password' : 'text'}
                value={values[name] ?? ''}
                placeholder="from your environment"
                onChange={(e) => setValue(name, e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </label>
          ))}
        </div>
      )}
      {filled.length > 0 && missing.length === 0 && refused.length === 0 && placeholders.length > 0 && (
        <pre className="step__preview" aria-label="Will run">
          <code>{filled.join('\n')}</code>
        </pre>
      )}
      <div className="step__actions">
        {step.runnable ? (
          <button type="button" className="button button--primary" onClick={onRun} disabled={disabledReason !== null} title={disabledReason ?? undefined}>
            Run
          </button>
        ) : snippet ? null : (
          <button type="button" className="button" disabled={refused.length > 0} onClick={() => void runner.sendToTerminal(filled.join('\n') || step.code).then(() => say(runner.ranMessage), fail)}>
            Send to terminal
          </button>
        )}
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        {disabledReason && step.runnable && <span className="step__hint">{disabledReason}</span>}
        <span className="step__status" role="status">
          {status}
        </span>
      </div>
      {runner.LastRun && <runner.LastRun runbookId={runbookId} stepId={step.id} />}
      {step.expectedOutput && (
        <details className="step__expected">
          <summary>Expected output</summary>
          <pre>
            <code>{step.expectedOutput}</code>
          </pre>
        </details>
      )}
      {pending && (
        <ConfirmCommandDialog
          pending={pending}
          onStopAskingForChanges={runner.setConfirmChanges ? () => runner.setConfirmChanges?.(false) : undefined}
          onCancel={() => {
            setPending(null);
            say('Cancelled: nothing ran.');
          }}
          onConfirm={() => {
            setPending(null);
            void run();
          }}
        />
      )}
    </section>
  );
}

/** The step's title with the values typed so far in place of its placeholders (`{{region}}` → `eu-west-1`). */
function titleWithValues(title: string, names: readonly string[], values: Readonly<Record<string, string>>): string {
  let out = title;
  for (const name of names) {
    const value = values[name]?.trim();
    if (!value) continue;
    out = out.split(`{{${name}}}`).join(value).split(`<${name}>`).join(value);
  }
  return out;
}
