import { describe, expect, it } from 'vitest';
import { RecentStatuses } from '../../../electron/engine/sources/mastodon/recent-statuses.js';

describe('RecentStatuses', () => {
  it('drops what left the window and takes turns through a big one', () => {
    const r = new RecentStatuses(15 * 60_000);
    r.track('old', 'u:old', null, 0);
    for (let i = 0; i < 100; i++) r.track(`s${i}`, `u:${i}`, null, 10 * 60_000 + i);
    const now = 16 * 60_000;
    const seen = new Set<string>();
    for (let k = 0; k < 3; k++) {
      const batch = r.slice(now, 40);
      expect(batch).toHaveLength(40);
      for (const [id] of batch) seen.add(id);
    }
    expect(seen.has('old')).toBe(false);
    expect(seen.size).toBe(100);
    expect(r.size).toBe(100);
  });

  it('forgets and caps', () => {
    const r = new RecentStatuses(60_000, 3);
    for (let i = 0; i < 5; i++) r.track(`s${i}`, `u:${i}`, null, i);
    expect(r.slice(10, 10).map(([id]) => id)).toEqual(['s2', 's3', 's4']);
    r.forget('s3');
    expect(r.slice(10, 10).map(([id]) => id)).toEqual(['s2', 's4']);
  });
});
