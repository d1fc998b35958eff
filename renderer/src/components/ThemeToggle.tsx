import { useEffect, useState } from 'react';
import { isTheme, THEME_COOKIE, type Theme } from '../../../electron/common/firstScreen';
import { useMenuCommands } from '../host/useMenuCommands';
import { readPreference, renewPreferenceCookie, savePreference } from '../preferenceCookie';

const STORAGE_KEY = 'warroom.theme';

/** The theme chosen by hand, if any (main.tsx applies it, or the system's): preferenceCookie.ts. */
export function savedTheme(): Theme | null {
  return readPreference(THEME_COOKIE, STORAGE_KEY, isTheme);
}

/** Light and dark by hand; the choice is remembered on this machine and beats the system's. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => savedTheme() ?? (document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => renewPreferenceCookie(THEME_COOKIE, STORAGE_KEY, isTheme), []);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const toggle = () => {
    setTheme(next);
    savePreference(THEME_COOKIE, STORAGE_KEY, next);
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
