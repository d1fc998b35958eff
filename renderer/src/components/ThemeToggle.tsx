import { useEffect, useState } from 'react';
import { useMenuCommands } from '../host/useMenuCommands';

type Theme = 'light' | 'dark';
/** The same key as public/theme.js, which applies the theme before the first paint. */
const STORAGE_KEY = 'warroom.theme';

function savedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

/** Light and dark by hand; the choice is remembered on this machine and beats the system's. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => savedTheme() ?? (document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const toggle = () => {
    setTheme(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage refused: the theme holds for this session.
    }
  };
  useMenuCommands({ 'toggle-theme': toggle });
  return (
    <button
      type="button"
      className="button button--small theme-toggle"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={toggle}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}
