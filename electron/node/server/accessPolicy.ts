import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readCookie } from '../../common/readCookie';

/**
 * Who may talk to `warroom serve`. The console lives on loopback, but any web
 * page the user visits can still aim requests at 127.0.0.1, and DNS rebinding can
 * make a foreign name resolve there. So every WebSocket must carry the per-launch
 * token (in the cookie the page got, or the `token` query for non-browser
 * clients), name one of our own hosts in `Host`, and, when it comes from a
 * browser, our own origin in `Origin`.
 */
export class AccessPolicy {
  readonly cookieName: string;
  private readonly allowedHosts: ReadonlySet<string>;

  constructor(
    readonly token: string,
    boundHost: string,
    readonly port: number,
  ) {
    // Browsers don't separate cookies by port, so two consoles on one machine need two names.
    this.cookieName = `warroom_token_${port}`;
    const hosts = new Set([formatHost(boundHost, port)]);
    if (isLoopback(boundHost)) {
      for (const h of ['127.0.0.1', 'localhost', '::1']) hosts.add(formatHost(h, port));
    }
    this.allowedHosts = hosts;
  }

  static newToken(): string {
    // 192 bits: not guessable by a page that can fire requests at loopback all day.
    return crypto.randomBytes(24).toString('base64url');
  }

  isAllowedHost(hostHeader: string | undefined): boolean {
    return hostHeader !== undefined && this.allowedHosts.has(hostHeader.toLowerCase());
  }

  /** Browsers always send Origin on WebSocket upgrades; non-browser clients may omit it. */
  isAllowedOrigin(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && this.allowedHosts.has(url.host.toLowerCase());
    } catch {
      return false;
    }
  }

  isValidToken(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  }

  tokenFromRequest(request: IncomingMessage): string | undefined {
    const url = new URL(request.url ?? '/', 'http://localhost');
    return url.searchParams.get('token') ?? readCookie(request.headers.cookie, this.cookieName);
  }

  /** Why the request may not open a WebSocket, or null when it may. */
  refusalReason(request: IncomingMessage): string | null {
    if (!this.isAllowedHost(request.headers.host)) return 'foreign Host header';
    if (!this.isAllowedOrigin(request.headers.origin)) return 'foreign Origin';
    if (!this.isValidToken(this.tokenFromRequest(request))) return 'missing or wrong token';
    return null;
  }

  sessionCookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function formatHost(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`.toLowerCase();
}
