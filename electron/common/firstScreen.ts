/**
 * What `warroom serve` draws into the console's HTML for its first screen (node/server/firstScreen.ts)
 * and the page starts from (renderer/src/firstScreen.ts): the JSON beside the drawn list.
 */
import type { Incident } from './incident/model';

/** The id of the `<script type="application/json">` element that carries {@link FirstScreenData}. */
export const FIRST_SCREEN_DATA_ID = 'first-screen-data';

export interface FirstScreenData {
  incidents: readonly Incident[];
}

/**
 * The responder's theme, when chosen by hand (ThemeToggle.tsx): also kept in this cookie so
 * that `warroom serve` draws the first screen in it. Without it, the system's (styles.css).
 */
export const THEME_COOKIE = 'warroom_theme';
export type Theme = 'light' | 'dark';

export function isTheme(value: unknown): value is Theme {
  return value === 'light' || value === 'dark';
}

/**
 * `1` while the responder shows times in UTC (displayPrefs.tsx): also kept in this cookie so
 * that `warroom serve` writes the first screen's times the way the console then does.
 */
export const UTC_COOKIE = 'warroom_utc';

/** The responder's display preferences the first screen is drawn with, as their cookies say. */
export interface FirstScreenPrefs {
  /** Null: the system's. */
  theme: Theme | null;
  utc: boolean;
}

/** The preferences in a request's `Cookie` header, read by `read(name)`; anything unexpected is the default. */
export function firstScreenPrefs(read: (name: string) => string | undefined): FirstScreenPrefs {
  const theme = read(THEME_COOKIE);
  return { theme: isTheme(theme) ? theme : null, utc: read(UTC_COOKIE) === '1' };
}
