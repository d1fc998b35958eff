import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { UTC_COOKIE } from '../../../electron/common/firstScreen';
import { readPreferenceCookie, writePreferenceCookie } from '../preferenceCookie';

/** Whether times show in UTC instead of local time; one toggle for the whole console. */
export interface TimeDisplay {
  utc: boolean;
  setUtc(utc: boolean): void;
}

const STORAGE_KEY = 'warroom.showUtc';
const TimeDisplayContext = createContext<TimeDisplay>({ utc: false, setUtc: () => {} });

export function TimeDisplayProvider({ children }: { children: ReactNode }) {
  const [utc, setUtcState] = useState(() => readFlag());
  // A choice made before the cookie existed (or the cookie's life renewed).
  useEffect(() => {
    const chosen = readPreferenceCookie(UTC_COOKIE) ?? readStorage();
    if (chosen === '1' || chosen === '0') writePreferenceCookie(UTC_COOKIE, chosen);
  }, []);
  const value = useMemo<TimeDisplay>(
    () => ({
      utc,
      setUtc: (next) => {
        setUtcState(next);
        // Also in a cookie, for the first screen's times (preferenceCookie.ts).
        writePreferenceCookie(UTC_COOKIE, next ? '1' : '0');
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

/** The choice, the cookie first (preferenceCookie.ts); local time if none was made. */
function readFlag(): boolean {
  const cookie = readPreferenceCookie(UTC_COOKIE);
  return (cookie === '1' || cookie === '0' ? cookie : readStorage()) === '1';
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
