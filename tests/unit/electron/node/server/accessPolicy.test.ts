import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AccessPolicy } from '../../../../../electron/node/server/accessPolicy';

const TOKEN = 'x'.repeat(32);
const request = (url: string, headers: Record<string, string>) => ({ url, headers }) as unknown as IncomingMessage;

describe('AccessPolicy', () => {
  const policy = new AccessPolicy(TOKEN, '127.0.0.1', 4000);

  it('names its cookie after the port, HttpOnly and SameSite=Strict', () => {
    expect(policy.sessionCookie()).toBe(`warroom_token_4000=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('accepts the token from the query or the cookie, with our Host and Origin', () => {
    expect(policy.refusalReason(request(`/rpc?token=${TOKEN}`, { host: '127.0.0.1:4000' }))).toBeNull();
    expect(policy.refusalReason(request('/rpc', { host: 'localhost:4000', origin: 'http://localhost:4000', cookie: `a=b; warroom_token_4000=${TOKEN}` }))).toBeNull();
  });

  it.each([
    ['no token', request('/rpc', { host: '127.0.0.1:4000' }), 'missing or wrong token'],
    ['a wrong token', request(`/rpc?token=${'y'.repeat(32)}`, { host: '127.0.0.1:4000' }), 'missing or wrong token'],
    ["another port's cookie", request('/rpc', { host: '127.0.0.1:4000', cookie: `warroom_token_4001=${TOKEN}` }), 'missing or wrong token'],
    ['a rebound DNS name', request(`/rpc?token=${TOKEN}`, { host: 'attacker.example:4000' }), 'foreign Host header'],
    ['another port in Host', request(`/rpc?token=${TOKEN}`, { host: '127.0.0.1:4001' }), 'foreign Host header'],
    ['a foreign Origin', request(`/rpc?token=${TOKEN}`, { host: '127.0.0.1:4000', origin: 'http://attacker.example' }), 'foreign Origin'],
    ['a file:// page', request(`/rpc?token=${TOKEN}`, { host: '127.0.0.1:4000', origin: 'null' }), 'foreign Origin'],
  ])('refuses %s', (_label, req, reason) => {
    expect(policy.refusalReason(req)).toBe(reason);
  });

  it('makes tokens long and random', () => {
    const a = AccessPolicy.newToken();
    expect(a).toMatch(/^[\w-]{32}$/);
    expect(AccessPolicy.newToken()).not.toBe(a);
  });
});
