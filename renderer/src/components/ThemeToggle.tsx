import { useEffect, useState } from 'react';
import { isTheme, THEME_COOKIE, type Theme } from '../../../electron/common/firstScreen';
import { readCookie } from '../../../electron/common/readCookie';
import { useMenuCommands } from '../host/useMenuCommands';

const STORAGE_KEY = 'warroom.theme';
/** Why 400 days: the longest a browser keeps a cookie. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/**
 * The theme chosen by hand on this machine, if any (main.tsx applies it, or the system's). The
 * cookie first: it is what `warroom serve` drew the first screen in, and it is shared by every
 * port of this host, where local storage is one per port (a console served on another port
 * would otherwise flip its first screen to the system's theme on every load).
 */
export function savedTheme(): Theme | null {
  const cookie = readCookie(document.cookie, THEME_COOKIE);
  if (isTheme(cookie)) return cookie;
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isTheme(value) ? value : null;
  } catch {
    return null;
  }
}

/** Also in a cookie: `warroom serve` draws its first screen, before any script, in this theme. */
function writeThemeCookie(theme: Theme): void {
  document.cookie = `${THEME_COOKIE}=${theme}; Path=/; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}`;
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
    if (saved) writeThemeCookie(saved);
  }, []);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const toggle = () => {
    setTheme(next);
    writeThemeCookie(next);
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
