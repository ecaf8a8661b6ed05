import { afterEach, describe, expect, it } from 'vitest';
import { createFakeHarness, type FakeHarness } from './fake-mastodon/harness.js';

/**
 * Issue 9, points 1, 5, 7 and 9: every post as its author meant it. The connector runs through
 * the real pipeline into SQLite, against a fake Mastodon written from the API documentation.
 */
let h: FakeHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('mastodon content: what the author meant', () => {
  it('1. keeps a content warning and the sensitive flag, and stores the warning apart from the body', async () => {
    h = createFakeHarness();
    const id = h.addSource();
    await h.poll(id);
    const s = h.server.post({ author: 'ana', text: 'Ross was the killer all along #brew', spoilerText: 'Spoiler: season finale', sensitive: true });
    const plain = h.server.post({ author: 'ben', text: 'just coffee #brew' });
    await h.poll(id);
    expect(h.item(s.uri)).toMatchObject({ contentWarning: 'Spoiler: season finale', sensitive: true });
    // The body is kept (an agent may open it), the warning is not folded into it.
    expect(h.item(s.uri)!.text).toContain('Ross was the killer');
    expect(h.item(s.uri)!.text).not.toContain('Spoiler');
    expect(h.item(plain.uri)).toMatchObject({ contentWarning: null, sensitive: false });
  });

  it('5. a boost stores the boosted post under its author, notes who boosted it, and is deduplicated with the original', async () => {
    h = createFakeHarness({ boostsInTagTimelines: true });
    const id = h.addSource();
    await h.poll(id);
    const original = h.server.post({ author: 'ana@other.example', text: 'Our new roast is out #brew' });
    await h.poll(id);
    expect(h.items()).toHaveLength(1);

    h.server.boost('bob', original.id);
    await h.poll(id);
    // Still one item: the original, now noting the boost.
    expect(h.items()).toHaveLength(1);
    const item = h.item(original.uri)!;
    expect(item.author.handle).toBe('ana@other.example');
    expect(item.text).toContain('Our new roast is out');
    expect(item.boostedBy.map((a) => a.handle)).toEqual(['bob@social.example']);

    // A boost of a post never seen before: stored as that post, by its author.
    const unseen = h.server.post({ author: 'cleo', text: 'tagged but old #brew', createdAt: h.clock.now() - 3_600_000 });
    h.server.boost('dan@far.example', unseen.id);
    await h.poll(id);
    const boosted = h.item(unseen.uri)!;
    expect(boosted).toMatchObject({ author: { handle: 'cleo@social.example' }, text: 'tagged but old #brew' });
    expect(boosted.boostedBy.map((a) => a.handle)).toEqual(['dan@far.example']);
    // No empty card under a booster's name anywhere.
    expect(h.items().every((i) => i.text.trim() !== '')).toBe(true);
    expect(h.items().map((i) => i.nativeId).filter((u) => u.endsWith('/activity'))).toEqual([]);
  });

  it('7. keeps media (type, preview, alt text), polls (options and counts) and custom emoji (text and display names)', async () => {
    h = createFakeHarness();
    const id = h.addSource();
    await h.poll(id);
    h.server.account('eve', { displayName: 'Eve :verified:', emojis: ['verified'] });
    const s = h.server.post({
      author: 'eve',
      text: 'Look :kettle: at this #brew',
      emojis: ['kettle'],
      media: [
        { type: 'image', description: 'A latte with a heart drawn in the foam' },
        { type: 'video', description: null },
      ],
      poll: { options: [['Oat', 12], ['Dairy', 7]], expiresAt: '2026-12-01T00:00:00.000Z' },
    });
    await h.poll(id);
    const item = h.item(s.uri)!;
    expect(item.media).toEqual([
      { type: 'image', url: s.media_attachments[0]!.url, previewUrl: s.media_attachments[0]!.preview_url, description: 'A latte with a heart drawn in the foam' },
      { type: 'video', url: s.media_attachments[1]!.url, previewUrl: s.media_attachments[1]!.preview_url, description: null },
    ]);
    expect(item.poll).toMatchObject({ options: [{ title: 'Oat', votes: 12 }, { title: 'Dairy', votes: 7 }], votes: 19, multiple: false, expiresAt: '2026-12-01T00:00:00.000Z' });
    expect(item.emojis).toEqual([{ shortcode: 'kettle', url: 'https://social.example/emoji/kettle.png', staticUrl: 'https://social.example/emoji/kettle_static.png' }]);
    expect(item.author.name).toBe('Eve :verified:');
    expect(item.author.emojis).toEqual([{ shortcode: 'verified', url: 'https://social.example/emoji/verified.png', staticUrl: 'https://social.example/emoji/verified_static.png' }]);
  });

  it('7. drops media and emoji whose URLs are not http(s), and never fetches them', async () => {
    h = createFakeHarness();
    const id = h.addSource();
    await h.poll(id);
    const s = h.server.post({ author: 'eve', text: 'x #brew', media: [{ type: 'image', url: 'javascript:alert(1)', preview_url: 'data:image/png;base64,AAAA' }] });
    await h.poll(id);
    expect(h.item(s.uri)!.media).toEqual([{ type: 'image', url: null, previewUrl: null, description: null }]);
    expect(h.server.requests.some((r) => r.includes('/media/'))).toBe(false);
  });

  it('9. builds handles from the instance domain and acct, not the API host; replyTo is the parent URI', async () => {
    h = createFakeHarness({ apiOrigin: 'http://127.0.0.1:4822', domain: 'kettle.social' });
    const id = h.addSource();
    await h.poll(id);
    const parent = h.server.post({ author: 'ana', text: 'question #brew' });
    const reply = h.server.post({ author: 'ben@far.example', text: 'answer #brew', inReplyTo: parent.id });
    await h.poll(id);
    expect(h.item(parent.uri)!.author.handle).toBe('ana@kettle.social');
    expect(h.item(reply.uri)!.author.handle).toBe('ben@far.example');
    expect(h.items().some((i) => i.author.handle.includes('127.0.0.1'))).toBe(false);
    expect(h.item(reply.uri)!.replyTo).toBe(parent.uri);
  });

  it('9. replyTo is the parent URI even when the parent was never seen by this source', async () => {
    h = createFakeHarness({ domain: 'kettle.social' });
    const id = h.addSource();
    await h.poll(id);
    const parent = h.server.post({ author: 'ana', text: 'untagged question' });
    const reply = h.server.post({ author: 'ben', text: 'tagged answer #brew', inReplyTo: parent.id });
    await h.poll(id);
    expect(h.item(reply.uri)!.replyTo).toBe(parent.uri);
  });
});
