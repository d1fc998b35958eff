import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useConnectionState, useHost } from '../host/hostContext';

/**
 * Which incident the console has open (null: none). The incident workspace
 * (header, runbook, terminals, timeline) reads it; the sidebar and the New
 * incident dialog change it.
 */
export interface OpenIncident {
  incidentId: string | null;
  open(incidentId: string | null): void;
}

const OpenIncidentContext = createContext<OpenIncident>({ incidentId: null, open: () => {} });

export function OpenIncidentProvider({ value, children }: { value: OpenIncident; children: ReactNode }) {
  return <OpenIncidentContext.Provider value={value}>{children}</OpenIncidentContext.Provider>;
}

export const useOpenIncident = () => useContext(OpenIncidentContext);

const REMEMBERED_KEY = 'warroom.openIncident';

/**
 * The open incident, remembered on this machine so a reload or a restart of the console
 * comes back to it (journey 7). An id the host does not know (another data folder) is
 * forgotten quietly.
 */
export function useRememberedIncident(): [string | null, (incidentId: string | null) => void] {
  const host = useHost();
  const connected = useConnectionState() === 'connected';
  const [checked, setChecked] = useState(false);
  const [incidentId, setIncidentId] = useState<string | null>(() => {
    try {
      return localStorage.getItem(REMEMBERED_KEY);
    } catch {
      return null;
    }
  });
  const open = useCallback((next: string | null) => {
    setIncidentId(next);
    try {
      if (next) localStorage.setItem(REMEMBERED_KEY, next);
      else localStorage.removeItem(REMEMBERED_KEY);
    } catch {
      // Storage refused: the incident stays open until the page reloads.
    }
  }, []);
  // The remembered id is checked once, when the host first answers; later opens come from the user.
  useEffect(() => {
    if (checked || !connected) return;
    setChecked(true);
    if (!incidentId) return;
    host.incidents.get(incidentId).catch((error: { code?: string }) => {
      if (error.code !== 'E_DISCONNECTED') open(null);
    });
  }, [checked, connected, host, incidentId, open]);
  return [incidentId, open];
}
