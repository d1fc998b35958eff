import { useCallback, useState } from 'react';

/**
 * Whether `change` commands still ask before they run, per incident. The responder
 * may turn the question off for one incident (destroy and unknown always ask);
 * the choice stays on this machine.
 */
const key = (incidentId: string) => `warroom.confirmChanges.${incidentId}`;

function read(incidentId: string): boolean {
  try {
    return localStorage.getItem(key(incidentId)) !== 'off';
  } catch {
    return true;
  }
}

export function useChangeConfirmation(incidentId: string): [boolean, (ask: boolean) => void] {
  const [ask, setAsk] = useState(() => read(incidentId));
  const update = useCallback(
    (next: boolean) => {
      setAsk(next);
      try {
        if (next) localStorage.removeItem(key(incidentId));
        else localStorage.setItem(key(incidentId), 'off');
      } catch {
        // Storage refused: the choice holds until the page reloads.
      }
    },
    [incidentId],
  );
  return [ask, update];
}
