import { describe, expect, it } from 'vitest';
import { describeCreated } from '../../renderer/src/features/composer/composer-outcome';
import { groupPosts } from '../../renderer/src/features/posts/post-status';
import { parseHash } from '../../renderer/src/lib/route';
import { makePost } from './helpers/publishing';

describe('composer outcome', () => {
  it('tells an agent their post went for approval', () => {
    expect(describeCreated([makePost('a', { status: 'pending_approval' })])).toMatch(/^Sent for approval \(one account\): a lead must approve/);
  });

  it('says when a scheduled post goes out, in the author’s zone', () => {
    const text = describeCreated(
      [
        makePost('a', { status: 'scheduled', scheduledAt: '2025-03-04T13:05:00.000Z', timeZone: 'Europe/Berlin' }),
        makePost('b', { status: 'scheduled', scheduledAt: '2025-03-04T13:05:00.000Z', timeZone: 'Europe/Berlin' }),
      ],
      Date.parse('2025-03-01T00:00:00Z'),
    );
    expect(text).toBe('Scheduled for Tue 4 Mar 14:05 (Europe/Berlin) on 2 accounts.');
  });

  it('reports mixed outcomes and drafts', () => {
    const text = describeCreated([makePost('a', { status: 'scheduled' }), makePost('b', { status: 'pending_approval' })]);
    expect(text).toContain('Sent for approval');
    expect(text).toContain('Scheduled');
    expect(describeCreated([makePost('d', { status: 'draft', scheduledAt: null })])).toBe('Saved as a draft (one account).');
    expect(describeCreated([makePost('h', { status: 'held' })])).toMatch(/^Held on one account: publishing is frozen/);
  });
});

describe('posts grouped by status', () => {
  it('puts what needs a person first, soonest first; finished ones last, newest first and bounded', () => {
    const posts = [
      makePost('s-late', { status: 'scheduled', scheduledAt: '2025-03-05T10:00:00Z' }),
      makePost('s-soon', { status: 'scheduled', scheduledAt: '2025-03-04T10:00:00Z' }),
      makePost('held', { status: 'held' }),
      makePost('draft', { status: 'draft', scheduledAt: null }),
      ...Array.from({ length: 5 }, (_, i) => makePost(`pub-${i}`, { status: 'published', updatedAt: `2025-03-0${i + 1}T00:00:00Z` })),
    ];
    const groups = groupPosts(posts, 3);
    expect(groups.map((g) => g.status)).toEqual(['held', 'scheduled', 'draft', 'published']);
    expect(groups[1]!.posts.map((p) => p.id)).toEqual(['s-soon', 's-late']);
    expect(groups[3]!.posts.map((p) => p.id)).toEqual(['pub-4', 'pub-3', 'pub-2']);
    expect(groups[3]!.hidden).toBe(2);
  });
});

describe('routes for the publishing screens', () => {
  it('knows compose, posts and crisis', () => {
    expect(parseHash('#/compose').path).toBe('compose');
    expect(parseHash('#/posts').path).toBe('posts');
    expect(parseHash('#/crisis?token=x').path).toBe('crisis');
  });
});
