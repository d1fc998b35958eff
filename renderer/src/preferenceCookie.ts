import { readCookie } from '../../electron/common/readCookie';

/** Why 400 days: the longest a browser keeps a cookie. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

/**
 * A display preference is also kept in a cookie, which `warroom serve` reads to draw its first
 * screen with it (node/server/firstScreen.ts). The cookie is shared by every port of the host,
 * where local storage is one per port: read first, it keeps a console served on another port
 * from changing its first screen's look or times at every load.
 */
export function readPreferenceCookie(name: string): string | undefined {
  try {
    return readCookie(document.cookie, name);
  } catch {
    return undefined; // A page without cookies (an opaque origin).
  }
}

export function writePreferenceCookie(name: string, value: string): void {
  try {
    document.cookie = `${name}=${value}; Path=/; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}`;
  } catch {
    // A page without cookies: the preference lives in local storage only.
  }
}
