import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * Values the responder typed for placeholders (`pod-name`) and environment
 * inputs (`DATABASE_URL`). One value per name, shared by every step, so a name is
 * asked once; an incident persists them as its context.
 */
export interface PlaceholderValues {
  values: Readonly<Record<string, string>>;
  setValue(name: string, value: string): void;
}

const PlaceholderValuesContext = createContext<PlaceholderValues | null>(null);

export function PlaceholderValuesProvider({ children, initial, onChange }: { children: ReactNode; initial?: Record<string, string>; onChange?: (name: string, value: string) => void }) {
  const [values, setValues] = useState<Record<string, string>>(initial ?? {});
  const context = useMemo<PlaceholderValues>(
    () => ({
      values,
      setValue: (name, value) => {
        setValues((current) => ({ ...current, [name]: value }));
        onChange?.(name, value);
      },
    }),
    [values, onChange],
  );
  return <PlaceholderValuesContext.Provider value={context}>{children}</PlaceholderValuesContext.Provider>;
}

export function usePlaceholderValues(): PlaceholderValues {
  const context = useContext(PlaceholderValuesContext);
  if (!context) throw new Error('usePlaceholderValues outside PlaceholderValuesProvider');
  return context;
}
