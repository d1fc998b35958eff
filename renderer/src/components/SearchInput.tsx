import type { Ref } from 'react';

/** A search box named by `label` (its accessible name), holding `value` and reporting each change. */
export function SearchInput({ label, placeholder, value, onSearch, className, id, ref }: { label: string; placeholder: string; value: string; onSearch: (query: string) => void; className: string; id?: string; ref?: Ref<HTMLInputElement> }) {
  return <input ref={ref} id={id} type="search" className={className} aria-label={label} placeholder={placeholder} value={value} onChange={(e) => onSearch(e.target.value)} />;
}
