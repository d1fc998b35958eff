import { createContext, useContext, type ReactNode } from 'react';

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
