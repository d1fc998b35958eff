import { useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { IncidentVariable } from '../../../electron/common/incident/model';
import { useHost } from '../host/hostContext';
import { PlaceholderValuesProvider } from '../runbooks/placeholderValues';
import { looksSecret } from '../runbooks/risk';

/** Why 700 ms: a value is saved once the responder pauses typing, not one event per keystroke. */
const SAVE_AFTER_MS = 700;

/**
 * Placeholder values and incident inputs, remembered per incident: what the responder types in
 * any step (or the inputs panel) is saved as an incident variable, and comes back when the
 * incident is reopened. Names that usually hold credentials are saved as secrets, which never
 * reach the timeline and come back masked.
 */
export function IncidentPlaceholderValues({ incidentId, variables, children }: { incidentId: string; variables: readonly IncidentVariable[]; children: ReactNode }) {
  const host = useHost();
  const pending = useRef(new Map<string, { value: string; timer: ReturnType<typeof setTimeout> }>());
  const initial = useMemo(() => Object.fromEntries(variables.filter((v) => v.value !== null).map((v) => [v.name, v.value as string])), [incidentId]);

  const save = useCallback(
    (name: string, value: string) => {
      pending.current.delete(name);
      void host.incidents.setVariable(incidentId, name, value, looksSecret(name)).catch(() => {});
    },
    [host, incidentId],
  );

  const onChange = useCallback(
    (name: string, value: string) => {
      const previous = pending.current.get(name);
      if (previous) clearTimeout(previous.timer);
      pending.current.set(name, { value, timer: setTimeout(() => save(name, value), SAVE_AFTER_MS) });
    },
    [save],
  );

  // Leaving the incident saves what is still waiting.
  useEffect(() => {
    const map = pending.current;
    return () => {
      for (const [name, { value, timer }] of map) {
        clearTimeout(timer);
        save(name, value);
      }
    };
  }, [save]);

  return (
    <PlaceholderValuesProvider key={incidentId} initial={initial} onChange={onChange}>
      {children}
    </PlaceholderValuesProvider>
  );
}
