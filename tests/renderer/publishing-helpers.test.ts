import { describe, expect, it } from 'vitest';
import { countChars, counterFor, graphemes, MASTODON_URL_LENGTH } from '../../renderer/src/lib/char-count';
import { formatInZone, isTimeZone, offsetLabel, utcToZonedInput, zonedInputToUtc, zonedParts } from '../../renderer/src/lib/zoned-time';
import { layoutWeek, placePost, weekOf } from '../../renderer/src/features/posts/calendar-placement';
import { entityLabel } from '../../renderer/src/features/crisis/audit-labels';
import { freezeCovers } from '../../shared/publishing';
import { mastodonLength } from '../../shared/mastodon-length';
import { makeFreeze, makePost } from './helpers/publishing';

describe('character counter', () => {
  it('counts plain text by user-perceived characters', () => {
    expect(countChars('hello', 'mastodon')).toBe(5);
    expect(countChars('', 'mastodon')).toBe(0);
    // One thumbs-up with a skin tone, one flag: two characters, not six code units.
    expect(graphemes('👍🏽🇩🇪')).toBe(2);
    expect(countChars('é👍🏽', 'mastodon')).toBe(2);
  });

  it('counts any http(s) URL as 23 characters on Mastodon, long or short', () => {
    const long = `https://example.com/${'a'.repeat(200)}?q=1#frag`;
    expect(countChars(long, 'mastodon')).toBe(MASTODON_URL_LENGTH);
    expect(countChars('http://x.io', 'mastodon')).toBe(MASTODON_URL_LENGTH);
    expect(countChars(`see ${long} now`, 'mastodon')).toBe(4 + 23 + 4);
    expect(countChars('a https://a.example b https://b.example', 'mastodon')).toBe(2 + 23 + 3 + 23);
  });

  it('leaves sentence punctuation after a link out of the link', () => {
    expect(countChars('read https://example.com/page.', 'mastodon')).toBe(5 + 23 + 1);
    expect(countChars('(https://example.com/page)', 'mastodon')).toBe(1 + 23 + 1);
    expect(countChars('https://en.example/wiki/Foo_(bar)', 'mastodon')).toBe(23);
  });

  it('does not treat a bare domain as a link', () => {
    expect(countChars('example.com', 'mastodon')).toBe(11);
  });

  it('counts a remote mention by its username only', () => {
    expect(countChars('@ana@social.example hi', 'mastodon')).toBe('@ana hi'.length);
    expect(countChars('@ana hi', 'mastodon')).toBe(7);
    // An e-mail address is not a mention.
    expect(countChars('mail bob@mail.example', 'mastodon')).toBe('mail bob@mail.example'.length);
  });

  it('counts as the engine does (one shared rule): 480 × "x" and three family emoji are 483', () => {
    const text = `${'x'.repeat(480)}${'👨‍👩‍👧‍👦'.repeat(3)}`;
    expect(counterFor(text, 'mastodon')).toMatchObject({ used: 483, over: false });
    expect(countChars(text, 'mastodon')).toBe(mastodonLength(text));
  });

  it('says when a post is over the platform limit', () => {
    expect(counterFor('x'.repeat(500), 'mastodon')).toMatchObject({ used: 500, limit: 500, remaining: 0, over: false });
    expect(counterFor('x'.repeat(501), 'mastodon')).toMatchObject({ remaining: -1, over: true });
    // 40 links are 920 counted characters however short they are.
    expect(counterFor(Array(40).fill('https://a.io').join(' '), 'mastodon').over).toBe(true);
  });
});

describe('time zones', () => {
  it('reads a datetime-local value in the author’s zone, not the machine’s', () => {
    expect(zonedInputToUtc('2025-03-04T14:05', 'Europe/Berlin')).toEqual({ iso: '2025-03-04T13:05:00.000Z', exists: true });
    expect(zonedInputToUtc('2025-07-04T14:05', 'Europe/Berlin')?.iso).toBe('2025-07-04T12:05:00.000Z');
    expect(zonedInputToUtc('2025-03-04T14:05', 'America/New_York')?.iso).toBe('2025-03-04T19:05:00.000Z');
    expect(zonedInputToUtc('2025-03-04T14:05', 'Asia/Kolkata')?.iso).toBe('2025-03-04T08:35:00.000Z');
    expect(zonedInputToUtc('2025-03-04T14:05', 'UTC')?.iso).toBe('2025-03-04T14:05:00.000Z');
    expect(zonedInputToUtc('not a time', 'UTC')).toBeNull();
  });

  it('flags a time skipped by a DST change and still gives a real instant', () => {
    const gap = zonedInputToUtc('2025-03-30T02:30', 'Europe/Berlin');
    expect(gap?.exists).toBe(false);
    expect(utcToZonedInput(gap!.iso, 'Europe/Berlin')).toBe('2025-03-30T03:30');
    // Either side of the change is exact.
    expect(zonedInputToUtc('2025-03-30T01:59', 'Europe/Berlin')).toEqual({ iso: '2025-03-30T00:59:00.000Z', exists: true });
    expect(zonedInputToUtc('2025-03-30T03:00', 'Europe/Berlin')).toEqual({ iso: '2025-03-30T01:00:00.000Z', exists: true });
  });

  it('reads a time that happens twice (clocks go back) as the first one', () => {
    expect(zonedInputToUtc('2025-10-26T02:30', 'Europe/Berlin')).toEqual({ iso: '2025-10-26T00:30:00.000Z', exists: true });
    expect(zonedInputToUtc('2025-11-02T01:45', 'America/Los_Angeles')?.iso).toBe('2025-11-02T08:45:00.000Z');
  });

  it('round-trips an instant through the edit form', () => {
    for (const tz of ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Adelaide', 'Asia/Kathmandu', 'UTC']) {
      const iso = '2025-11-02T12:45:00.000Z';
      expect(zonedInputToUtc(utcToZonedInput(iso, tz), tz)?.iso).toBe(iso);
    }
  });

  it('formats in a named zone with its offset', () => {
    const t = Date.parse('2025-03-04T13:05:00Z');
    expect(formatInZone('2025-03-04T13:05:00Z', 'Europe/Berlin', t)).toBe('Tue 4 Mar 14:05');
    expect(formatInZone('2025-03-04T13:05:00Z', 'Pacific/Auckland', t)).toBe('Wed 5 Mar 02:05');
    // Another year says so: "4 Mar" alone would read as this year's.
    expect(formatInZone('2030-03-04T13:05:00Z', 'Europe/Berlin', t)).toBe('Mon 4 Mar 2030 14:05');
    // New Year's Eve in UTC is already next year in Auckland.
    expect(formatInZone('2025-12-31T12:00:00Z', 'Pacific/Auckland', Date.parse('2025-12-31T09:00:00Z'))).toBe('Thu 1 Jan 2026 01:00');
    expect(offsetLabel(t, 'Europe/Berlin')).toBe('UTC+1');
    expect(offsetLabel(t, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(offsetLabel(t, 'America/New_York')).toBe('UTC−5');
    expect(offsetLabel(t, 'UTC')).toBe('UTC');
    expect(zonedParts(t, 'Europe/Berlin').weekday).toBe(1);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('calendar placement', () => {
  // Wednesday 5 March 2025, 10:00 UTC.
  const now = Date.parse('2025-03-05T10:00:00Z');

  it('builds the Monday-first week in the viewer’s zone', () => {
    const week = weekOf(now, 'Europe/Berlin');
    expect(week.map((d) => d.date)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09']);
    expect(week[0]!.label).toBe('Mon 3 Mar');
    expect(weekOf(now, 'Europe/Berlin', 1)[0]!.date).toBe('2025-03-10');
    expect(weekOf(now, 'Europe/Berlin', -1)[6]!.date).toBe('2025-03-02');
    // Sunday late evening in New York is already Monday in Tokyo: a different week.
    const sundayNight = Date.parse('2025-03-10T02:00:00Z');
    expect(weekOf(sundayNight, 'America/New_York')[0]!.date).toBe('2025-03-03');
    expect(weekOf(sundayNight, 'Asia/Tokyo')[0]!.date).toBe('2025-03-10');
  });

  it('places a post by its local day and hour in the given zone', () => {
    const week = weekOf(now, 'Europe/Berlin');
    expect(placePost('2025-03-06T23:30:00Z', 'Europe/Berlin', week)).toEqual({ day: 4, hour: 0, minute: 30 });
    expect(placePost('2025-03-06T23:30:00Z', 'UTC', weekOf(now, 'UTC'))).toEqual({ day: 3, hour: 23, minute: 30 });
    expect(placePost('2025-03-06T23:30:00Z', 'America/New_York', weekOf(now, 'America/New_York'))).toEqual({ day: 3, hour: 18, minute: 30 });
    expect(placePost('2025-03-20T12:00:00Z', 'Europe/Berlin', week)).toBeNull();
    expect(placePost(null, 'Europe/Berlin', week)).toBeNull();
  });

  it('keeps a column right across a DST change inside the week', () => {
    // The week of 31 March 2025 in Berlin starts the day after clocks went forward.
    const week = weekOf(Date.parse('2025-03-30T12:00:00Z'), 'Europe/Berlin');
    expect(week[6]!.date).toBe('2025-03-30');
    expect(placePost('2025-03-30T22:30:00Z', 'Europe/Berlin', week)).toBeNull(); // 00:30 on Monday 31st: next week
    expect(placePost('2025-03-30T01:30:00Z', 'Europe/Berlin', week)).toEqual({ day: 6, hour: 3, minute: 30 });
  });

  it('lays out the week by column in time order, without cancelled posts', () => {
    const week = weekOf(now, 'UTC');
    const cols = layoutWeek(
      [
        makePost('late', { scheduledAt: '2025-03-05T18:00:00Z' }),
        makePost('early', { scheduledAt: '2025-03-05T08:15:00Z' }),
        makePost('gone', { scheduledAt: '2025-03-05T09:00:00Z', status: 'cancelled' }),
        makePost('draft', { scheduledAt: null, status: 'draft' }),
        makePost('mon', { scheduledAt: '2025-03-03T00:00:00Z' }),
      ],
      'UTC',
      week,
    );
    expect(cols.map((c) => c.map((p) => p.post.id))).toEqual([['mon'], [], ['early', 'late'], [], [], [], []]);
  });
});

describe('audit entity labels', () => {
  const names = { posts: new Map([['p1', 'Our new Maple Flat White is here — try it at Harbour St today']]), accounts: new Map([['a1', 'Kettlebird']]) };
  it('names posts by their opening words and accounts by name; a singleton by its kind alone', () => {
    expect(entityLabel({ entity: 'post', entityId: 'p1' }, names)).toBe('post “Our new Maple Flat White is here — try i…”');
    expect(entityLabel({ entity: 'account', entityId: 'a1' }, names)).toBe('account “Kettlebird”');
    expect(entityLabel({ entity: 'freeze', entityId: 'freeze' }, names)).toBe('freeze');
    expect(entityLabel({ entity: 'post', entityId: '0123456789abcdef' }, names)).toBe('post 0123456789ab…');
  });
});

describe('release while frozen', () => {
  it('is blocked for accounts the freeze covers, and only those', () => {
    expect(freezeCovers(makeFreeze({ frozen: true }), 'a1')).toBe(true);
    expect(freezeCovers(makeFreeze({ frozen: true, scope: { kind: 'accounts', accountIds: ['a2'] } }), 'a1')).toBe(false);
    expect(freezeCovers(makeFreeze({ frozen: true, scope: { kind: 'accounts', accountIds: ['a1'] } }), 'a1')).toBe(true);
    expect(freezeCovers(makeFreeze(), 'a1')).toBe(false);
    expect(freezeCovers(null, 'a1')).toBe(false);
  });
});
