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
