import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../shared/domain';
import { AuthorName, BoostedBy } from '../../renderer/src/components/post-content/author-line';
import { EmojiText } from '../../renderer/src/components/post-content/emoji-text';
import { MediaGrid } from '../../renderer/src/components/post-content/media-grid';
import { PollView } from '../../renderer/src/components/post-content/poll-view';
import { PostBody } from '../../renderer/src/components/post-content/post-body';
import { WallItem } from '../../renderer/src/features/wall/wall-item';
import { makeItem } from './helpers/items';

// Plain-text items (html ''): the html path needs a DOM sanitizer, covered in sanitize.test.ts and e2e.
const body = (patch: Partial<Item>, canReveal: boolean) => renderToStaticMarkup(createElement(PostBody, { item: makeItem(1, { html: '', ...patch }), canReveal }));
const emoji = (shortcode: string) => ({ shortcode, url: `https://social.example/emoji/${shortcode}.png`, staticUrl: `https://social.example/emoji/${shortcode}_s.png` });

describe('post content', () => {
  it('behind a content warning: the warning shows, the body is not rendered; only a person gets the button', () => {
    const patch = { text: 'Ross did it', contentWarning: 'Spoiler: season finale', media: [{ type: 'image' as const, url: null, previewUrl: 'https://social.example/m.png', description: 'x' }] };
    const wall = body(patch, false);
    expect(wall).toContain('Spoiler: season finale');
    expect(wall).not.toContain('Ross did it');
    expect(wall).not.toContain('m.png');
    expect(wall).not.toContain('<button');
    const desk = body(patch, true);
    expect(desk).toContain('data-testid="toggle-warning"');
    expect(desk).toContain('Show post');
    expect(desk).not.toContain('Ross did it');
  });

  it('puts dir="auto" on every piece of user text', () => {
    const html = body(
      {
        text: 'قهوة',
        contentWarning: 'تحذير',
        media: [{ type: 'image', url: null, previewUrl: 'https://social.example/m.png', description: 'وصف' }],
        poll: { options: [{ title: 'نعم', votes: 1 }], votes: 1, voters: null, multiple: false, expiresAt: null, expired: false },
      },
      true,
    );
    expect(html).toMatch(/class="post-warning-text" dir="auto"/);
    const name = renderToStaticMarkup(createElement(AuthorName, { author: { handle: 'noor@qahwa.example', name: 'نور', url: null, avatarUrl: null, emojis: [] } }));
    expect(name).toBe('<span class="author-name" dir="auto">نور</span>');
    const media = renderToStaticMarkup(createElement(MediaGrid, { media: [{ type: 'image', url: null, previewUrl: 'https://social.example/m.png', description: 'وصف' }], sensitive: false, canReveal: true }));
    expect(media).toMatch(/<figcaption dir="auto"/);
    const poll = renderToStaticMarkup(createElement(PollView, { poll: { options: [{ title: 'نعم', votes: 1 }], votes: 1, voters: null, multiple: false, expiresAt: null, expired: false }, emojis: [] }));
    expect(poll).toMatch(/class="poll-title" dir="auto"/);
    const wall = renderToStaticMarkup(createElement(WallItem, { item: makeItem(1, { html: '', text: 'שלום' }), fresh: false }));
    expect(wall).toMatch(/data-testid="item-content" dir="auto"/);
    expect(wall).toMatch(/class="author-name" dir="auto"/);
  });

  it('media: platform URLs only, alt text shown, sensitive ones blurred (revealable by a person, never on the wall)', () => {
    const m = [
      { type: 'image' as const, url: 'https://social.example/o.png', previewUrl: 'https://social.example/s.png', description: 'A latte' },
      { type: 'video' as const, url: 'https://social.example/v.mp4', previewUrl: 'javascript:alert(1)', description: null },
    ];
    const open = renderToStaticMarkup(createElement(MediaGrid, { media: m, sensitive: false, canReveal: false }));
    expect(open).toContain('src="https://social.example/s.png"');
    expect(open).toContain('alt="A latte"');
    expect(open).toContain('A latte</figcaption>');
    expect(open).toContain('no description');
    expect(open).not.toContain('javascript:');
    const wall = renderToStaticMarkup(createElement(MediaGrid, { media: m, sensitive: true, canReveal: false }));
    expect(wall).toContain('data-hidden="true"');
    expect(wall).toContain('post-media-item blurred');
    expect(wall).not.toContain('reveal-media');
    expect(renderToStaticMarkup(createElement(MediaGrid, { media: m, sensitive: true, canReveal: true }))).toContain('data-testid="reveal-media"');
  });

  it('custom emoji: the image in text and names, the shortcode as text when it has no usable image', () => {
    const html = renderToStaticMarkup(createElement(EmojiText, { text: 'hi :wave: and :nope: and :bad:', emojis: [emoji('wave'), { shortcode: 'bad', url: 'javascript:x', staticUrl: 'data:x' }] }));
    expect(html).toContain('<img class="custom-emoji" src="https://social.example/emoji/wave_s.png" alt=":wave:"');
    expect(html).toContain(':nope:');
    expect(html).toContain(':bad:');
    expect(html).not.toContain('javascript:');
    const name = renderToStaticMarkup(createElement(AuthorName, { author: { handle: 'eve@social.example', name: 'Eve :wave:', url: null, avatarUrl: null, emojis: [emoji('wave')] } }));
    expect(name).toContain('alt=":wave:"');
  });

  it('polls: each option with its share and the total; hidden counts stay hidden', () => {
    const html = renderToStaticMarkup(
      createElement(PollView, { poll: { options: [{ title: 'Oat', votes: 3 }, { title: 'Dairy', votes: 1 }, { title: 'Soy', votes: null }], votes: 4, voters: null, multiple: false, expiresAt: null, expired: true }, emojis: [] }),
    );
    expect(html).toContain('75%');
    expect(html).toContain('25%');
    expect(html).toContain('–');
    expect(html).toContain('4 votes');
    expect(html).toContain('closed');
  });

  it('a boost shows who boosted it above the author', () => {
    const item = makeItem(1, { html: '', boostedBy: [{ handle: 'chris@fosstodon.example', name: 'Chris O.', url: null, avatarUrl: null, emojis: [] }, { handle: 'bea@m.example', name: 'Bea', url: null, avatarUrl: null, emojis: [] }] });
    const html = renderToStaticMarkup(createElement(WallItem, { item, fresh: false }));
    expect(html.indexOf('data-testid="boosted-by"')).toBeLessThan(html.indexOf('class="author-name"'));
    expect(html).toContain('Chris O.</span> and 1 other boosted');
    expect(renderToStaticMarkup(createElement(BoostedBy, { boosters: [] }))).toBe('');
  });

  it('an item from before these fields (an old replica row) still renders', () => {
    const old = makeItem(1, { html: '' }) as Partial<Item>;
    for (const k of ['contentWarning', 'sensitive', 'media', 'poll', 'emojis', 'boostedBy'] as const) delete old[k];
    delete (old.author as Partial<Item['author']>).emojis;
    const html = renderToStaticMarkup(createElement(WallItem, { item: old as Item, fresh: false }));
    expect(html).toContain('post 1');
  });
});
