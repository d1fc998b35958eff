import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../electron/common/services/appService';
import { useConnectionState, useHost } from '../host/hostContext';
import { ThemeToggle } from './ThemeToggle';

export function AppHeader() {
  const host = useHost();
  const state = useConnectionState();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [lastBeat, setLastBeat] = useState<string | null>(null);

  useEffect(() => {
    if (state !== 'connected') return;
    let cancelled = false;
    host.app.getInfo().then(
      (value) => !cancelled && setInfo(value),
      () => {},
    );
    const subscription = host.app.onDidHeartbeat((beat) => setLastBeat(beat.now));
    return () => {
      cancelled = true;
      subscription.dispose();
    };
  }, [host, state]);

  return (
    <header className="app-header">
      <div className="app-header__brand">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span className="app-header__name">War Room</span>
        {info && <span className="app-header__version">v{info.version}</span>}
      </div>
      <div className="app-header__status" aria-live="polite">
        <span className={`status-dot status-dot--${state}`} aria-hidden="true" />
        <span data-testid="host-status">
          {state === 'connected'
            ? // Which host, before its info arrives: the page's own kind (it said "Connected to host" for a moment).
              `Connected to ${(info ? info.host === 'electron' : host.kind === 'electron') ? 'the app host' : 'warroom serve'}`
            : state === 'connecting'
              ? 'Connecting…'
              : 'Offline from host'}
        </span>
        {info && state === 'connected' && (
          <span className="app-header__detail" title={`Data folder: ${info.dataDir}`}>
            shell {info.shell} · data {info.dataDir}
          </span>
        )}
        {lastBeat && <span className="visually-hidden">Last heartbeat {lastBeat}</span>}
        <ThemeToggle />
      </div>
    </header>
  );
}
