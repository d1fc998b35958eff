import { useState } from 'react';
import type { IncidentVariable } from '../../../electron/common/incident/model';
import type { RunbookDocument } from '../../../electron/common/services/runbookService';
import { usePlaceholderValues } from '../runbooks/placeholderValues';
import { looksSecret } from '../runbooks/risk';

const unique = (names: string[]) => [...new Set(names)].sort((a, b) => a.localeCompare(b));

/**
 * The incident's inputs in one place: environment variables the attached runbooks' commands
 * need (`DATABASE_URL`), and the placeholders their steps ask for. Values are shared with the
 * steps and saved with the incident; credentials are masked and saved as secrets.
 */
export function InputsPanel({ incidentId, runbooks, variables }: { incidentId: string; runbooks: readonly RunbookDocument[]; variables: readonly IncidentVariable[] }) {
  const commands = runbooks.flatMap((d) => d.runbook.steps.flatMap((s) => s.commands));
  const envNames = unique(commands.flatMap((c) => c.envInputs));
  const placeholderNames = unique(commands.flatMap((c) => c.placeholders)).filter((n) => !envNames.includes(n));
  const stored = new Map(variables.map((v) => [v.name, v]));
  return (
    <section className="inputs-panel" aria-label="Incident inputs">
      <h3 className="panel-subtitle">Environment inputs</h3>
      {envNames.length === 0 ? (
        <p className="pane-message">The attached runbooks need no environment inputs.</p>
      ) : (
        <div className="inputs-panel__grid">
          {envNames.map((name) => (
            <EnvInput key={name} incidentId={incidentId} name={name} stored={stored.get(name) ?? null} />
          ))}
        </div>
      )}
      <h3 className="panel-subtitle">Placeholder values</h3>
      {placeholderNames.length === 0 ? (
        <p className="pane-message">No placeholders in the attached runbooks.</p>
      ) : (
        <div className="inputs-panel__grid">
          {placeholderNames.map((name) => (
            <PlainInput key={name} name={name} />
          ))}
        </div>
      )}
      <p className="dim">Saved with the incident as you type. Secret values never appear on the timeline or in exports.</p>
    </section>
  );
}

function PlainInput({ name }: { name: string }) {
  const { values, setValue } = usePlaceholderValues();
  const secret = looksSecret(name);
  return (
    <label className="field">
      <span className="field__label">{name}</span>
      <input className="input" aria-label={name} type={secret ? 'password' : 'text'} value={values[name] ?? ''} onChange={(e) => setValue(name, e.target.value)} autoComplete="off" spellCheck={false} />
    </label>
  );
}

function EnvInput({ incidentId, name, stored }: { incidentId: string; name: string; stored: IncidentVariable | null }) {
  const { values, setValue } = usePlaceholderValues();
  const secret = looksSecret(name);
  const key = `warroom.fromEnvironment.${incidentId}.${name}`;
  const [fromEnvironment, setFromEnvironment] = useState(() => readFlag(key));
  const toggle = (next: boolean) => {
    setFromEnvironment(next);
    try {
      if (next) localStorage.setItem(key, '1');
      else localStorage.removeItem(key);
    } catch {
      // Storage refused: the choice holds for this session.
    }
  };
  const savedSecret = stored?.secret && !values[name];
  return (
    <div className="field env-input">
      <label className="field__label field__label--env" htmlFor={`env-${name}`}>
        {name}
        {secret && <span className="badge env-input__secret">secret</span>}
      </label>
      <input
        id={`env-${name}`}
        className="input"
        aria-label={name}
        type={secret ? 'password' : 'text'}
        value={values[name] ?? ''}
        placeholder={fromEnvironment ? 'taken from your shell environment' : savedSecret ? 'saved (hidden) — type to replace' : 'value for this incident'}
        disabled={fromEnvironment}
        onChange={(e) => setValue(name, e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <label className="env-input__choice">
        <input type="checkbox" checked={fromEnvironment} onChange={(e) => toggle(e.target.checked)} /> already set in my environment
      </label>
    </div>
  );
}

function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}
