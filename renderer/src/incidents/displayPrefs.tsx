import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/** Whether times show in UTC instead of local time; one toggle for the whole console. */
export interface TimeDisplay {
  utc: boolean;
  setUtc(utc: boolean): void;
}

const STORAGE_KEY = 'warroom.showUtc';
const TimeDisplayContext = createContext<TimeDisplay>({ utc: false, setUtc: () => {} });

export function TimeDisplayProvider({ children }: { children: ReactNode }) {
  const [utc, setUtcState] = useState(() => readFlag());
  const value = useMemo<TimeDisplay>(
    () => ({
      utc,
      setUtc: (next) => {
        setUtcState(next);
        try {
          localStorage.setItem(STORAGE_KEY, next ? '1' : '0');
        } catch {
          // Storage refused (private window): the toggle still works for this session.
        }
      },
    }),
    [utc],
  );
  return <TimeDisplayContext.Provider value={value}>{children}</TimeDisplayContext.Provider>;
}

export const useTimeDisplay = () => useContext(TimeDisplayContext);

function readFlag(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}
