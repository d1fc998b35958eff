import { useEffect, useState, type DependencyList } from 'react';
import { useConnectionState } from './hostContext';

export interface HostData<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
}

/**
 * Loads something from the host, again whenever the connection comes back or a
 * dependency changes; `subscribe` can ask for a reload when the host says the
 * data changed. `initial` is shown until the first answer (still loading).
 */
export function useHostData<T>(load: () => Promise<T>, deps: DependencyList, subscribe?: (reload: () => void) => { dispose(): void }, initial?: T): HostData<T> {
  const connection = useConnectionState();
  const [state, setState] = useState<HostData<T>>({ data: initial, error: null, loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!subscribe || connection !== 'connected') return;
    const subscription = subscribe(() => setGeneration((g) => g + 1));
    return () => subscription.dispose();
  }, [connection, ...deps]);

  useEffect(() => {
    if (connection !== 'connected') return;
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => !cancelled && setState({ data, error: null, loading: false }),
      (error: Error) => !cancelled && setState((s) => ({ data: s.data, error: error.message, loading: false })),
    );
    return () => {
      cancelled = true;
    };
  }, [connection, generation, ...deps]);

  return state;
}
