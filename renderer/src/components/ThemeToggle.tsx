import { useEffect, useState } from 'react';
import { isTheme, THEME_COOKIE, type Theme } from '../../../electron/common/firstScreen';
import { useMenuCommands } from '../host/useMenuCommands';
import { readPreferenceCookie, writePreferenceCookie } from '../preferenceCookie';

const STORAGE_KEY = 'warroom.theme';

/**
 * The theme chosen by hand on this machine, if any (main.tsx applies it, or the system's); the
 * cookie first, as the first screen was drawn in it (preferenceCookie.ts).
 */
export function savedTheme(): Theme | null {
  const cookie = readPreferenceCookie(THEME_COOKIE);
  if (isTheme(cookie)) return cookie;
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isTheme(value) ? value : null;
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
  // A choice made before the cookie existed (or the cookie's life renewed).
  useEffect(() => {
    const saved = savedTheme();
    if (saved) writePreferenceCookie(THEME_COOKIE, saved);
  }, []);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const toggle = () => {
    setTheme(next);
    writePreferenceCookie(THEME_COOKIE, next);
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
