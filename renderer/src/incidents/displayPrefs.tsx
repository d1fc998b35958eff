import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { UTC_COOKIE } from '../../../electron/common/firstScreen';
import { readPreference, renewPreferenceCookie, savePreference } from '../preferenceCookie';

/** Whether times show in UTC instead of local time; one toggle for the whole console. */
export interface TimeDisplay {
  utc: boolean;
  setUtc(utc: boolean): void;
}

const STORAGE_KEY = 'warroom.showUtc';
const TimeDisplayContext = createContext<TimeDisplay>({ utc: false, setUtc: () => {} });

export function TimeDisplayProvider({ children }: { children: ReactNode }) {
  const [utc, setUtcState] = useState(() => readFlag());
  useEffect(() => renewPreferenceCookie(UTC_COOKIE, STORAGE_KEY, isFlag), []);
  const value = useMemo<TimeDisplay>(
    () => ({
      utc,
      setUtc: (next) => {
        setUtcState(next);
        savePreference(UTC_COOKIE, STORAGE_KEY, next ? '1' : '0');
      },
    }),
    [utc],
  );
  return <TimeDisplayContext.Provider value={value}>{children}</TimeDisplayContext.Provider>;
}

export const useTimeDisplay = () => useContext(TimeDisplayContext);

const isFlag = (value: unknown): value is '1' | '0' => value === '1' || value === '0';

/** The choice (preferenceCookie.ts); local time if none was made. */
function readFlag(): boolean {
  return readPreference(UTC_COOKIE, STORAGE_KEY, isFlag) === '1';
}
