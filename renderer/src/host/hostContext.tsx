import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ConnectionState, HostConnection } from './connectHost';

const HostContext = createContext<HostConnection | null>(null);

export function HostProvider({ host, children }: { host: HostConnection; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): HostConnection {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside HostProvider');
  return host;
}

export function useConnectionState(): ConnectionState {
  const host = useHost();
  const [state, setState] = useState(host.state);
  useEffect(() => {
    setState(host.state);
    const subscription = host.onDidChangeState(setState);
    return () => subscription.dispose();
  }, [host]);
  return state;
}
