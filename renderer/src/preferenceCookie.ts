import { readCookie } from '../../electron/common/readCookie';

/** Why 400 days: the longest a browser keeps a cookie. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/*
 * A display preference chosen by hand (the theme, UTC times) is kept in this port's local
 * storage and in a cookie, which `warroom serve` reads to draw its first screen with it
 * (node/server/firstScreen.ts). The cookie is shared by every port of the host, where local
 * storage is one per port: read first, it keeps a console served on another port from changing
 * its first screen's look or times at every load.
 */

/** The preference: its cookie if valid, else this port's local storage if valid; null if none was made. */
export function readPreference<T extends string>(cookie: string, storageKey: string, isValid: (value: unknown) => value is T): T | null {
  const fromCookie = readPreferenceCookie(cookie);
  if (isValid(fromCookie)) return fromCookie;
  try {
    const stored = localStorage.getItem(storageKey);
    return isValid(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Remembers a choice in both places. */
export function savePreference(cookie: string, storageKey: string, value: string): void {
  writePreferenceCookie(cookie, value);
  try {
    localStorage.setItem(storageKey, value);
  } catch {
    // Storage refused (private window): the cookie and this session still hold it.
  }
}

/** At start: a choice made before its cookie existed gets one, and an existing cookie's life is renewed. */
export function renewPreferenceCookie<T extends string>(cookie: string, storageKey: string, isValid: (value: unknown) => value is T): void {
  const chosen = readPreference(cookie, storageKey, isValid);
  if (chosen) writePreferenceCookie(cookie, chosen);
}

function readPreferenceCookie(name: string): string | undefined {
  try {
    return readCookie(document.cookie, name);
  } catch {
    return undefined; // A page without cookies (an opaque origin).
  }
}

function writePreferenceCookie(name: string, value: string): void {
  try {
    document.cookie = `${name}=${value}; Path=/; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}`;
  } catch {
    // A page without cookies: the preference lives in local storage only.
  }
}
