import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, takeTokenFromHash } from '../../renderer/src/lib/route';
import { STALE_AFTER_MS, connectionLabel } from '../../renderer/src/lib/connection-label';
import { absoluteTime, hhmm, relativeTime } from '../../renderer/src/lib/time-format';

describe('hash routes', () => {
  it('parses routes and defaults to the wall', () => {
    expect(parseHash('#/wall?name=lobby').path).toBe('wall');
    expect(parseHash('#/wall?name=lobby').params.get('name')).toBe('lobby');
    expect(parseHash('#/signin').path).toBe('signin');
    expect(parseHash('#/desk/').path).toBe('desk');
    expect(parseHash('').path).toBe('wall');
    expect(parseHash('#/nowhere').path).toBe('wall');
    expect(formatHash('wall', new URLSearchParams({ name: 'x' }))).toBe('#/wall?name=x');
  });

  it('takes the token out of the URL and keeps the rest', () => {
    expect(takeTokenFromHash('#/wall?token=s3cr3t&name=lobby')).toEqual({ token: 's3cr3t', hash: '#/wall?name=lobby' });
    expect(takeTokenFromHash('#/wall?token=abc')).toEqual({ token: 'abc', hash: '#/wall' });
    expect(takeTokenFromHash('#/wall?name=lobby')).toEqual({ token: null, hash: '#/wall?name=lobby' });
    // An empty token is still removed, and signs nobody in.
    expect(takeTokenFromHash('#/wall?token=')).toEqual({ token: null, hash: '#/wall' });
  });
});

describe('connection label', () => {
  const since = new Date(2025, 2, 4, 12, 3, 10).getTime();
  it('says live, then reconnecting, then stale since HH:MM after 5 s', () => {
    expect(connectionLabel({ state: 'live', user: { name: 'w', role: 'wall' }, seq: 1 }, since).text).toBe('live');
    expect(connectionLabel({ state: 'reconnecting', since, lastError: null }, since + 1000).text).toBe('reconnecting');
    expect(connectionLabel({ state: 'reconnecting', since, lastError: null }, since + STALE_AFTER_MS).text).toBe('reconnecting');
    const stale = connectionLabel({ state: 'reconnecting', since, lastError: 'timeout' }, since + STALE_AFTER_MS + 1);
    expect(stale.text).toBe('stale since 12:03');
    expect(stale.tone).toBe('bad');
    expect(stale.detail).toContain('timeout');
  });
});

describe('time formatting', () => {
  const now = new Date(2025, 2, 4, 14, 30, 0).getTime();
  it('relative times read at a glance', () => {
    expect(relativeTime(new Date(now - 3_000).toISOString(), now)).toBe('just now');
    expect(relativeTime(new Date(now - 45_000).toISOString(), now)).toBe('45 s ago');
    expect(relativeTime(new Date(now - 12 * 60_000).toISOString(), now)).toBe('12 min ago');
    expect(relativeTime(new Date(now - 3 * 3600_000).toISOString(), now)).toBe('3 h ago');
    expect(relativeTime(new Date(now - 3 * 86400_000).toISOString(), now)).toBe('3 d ago');
    expect(relativeTime('garbage', now)).toBe('');
  });

  it('absolute times show the date only when it is not today', () => {
    expect(absoluteTime(new Date(2025, 2, 4, 9, 5).toISOString(), now)).toBe('09:05');
    expect(absoluteTime(new Date(2025, 2, 1, 9, 5).toISOString(), now)).toMatch(/^1 .+ 09:05$/);
    expect(hhmm(new Date(2025, 0, 1, 0, 7).getTime())).toBe('00:07');
  });
});
