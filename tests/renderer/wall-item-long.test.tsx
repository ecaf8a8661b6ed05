// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SHOWN_HTML_MAX, SHOWN_NAME_MAX, SHOWN_TEXT_MAX, shownContent } from '../../renderer/src/components/post-content/shown-content';
import { WallItem } from '../../renderer/src/features/wall/wall-item';
import { makeItem } from './helpers/items';

afterEach(() => cleanup());

/** One "word" of `n` characters, the way a broken or hostile server could send it. */
const word = (n: number) => `w${'o'.repeat(n - 2)}d`;

describe('a wall card and a very long word', () => {
  for (const [label, n] of [
    ['200,000 characters', 200_000],
    ['2 MB', 2 * 1024 * 1024],
  ] as const) {
    it(`a ${label} word is cut to a card's length before it is sanitized or laid out`, () => {
      const long = word(n);
      const item = makeItem(1, { text: long, html: `<p>${long}</p>`, author: { handle: long, name: long, url: null, avatarUrl: null, emojis: [], followers: null } });
      render(<WallItem item={item} fresh={false} />);
      const content = screen.getByTestId('item-content');
      expect(content.textContent!.length).toBeLessThanOrEqual(SHOWN_TEXT_MAX + 1);
      expect(content.getAttribute('data-shortened')).toBe('true');
      expect(content.innerHTML).not.toContain('<p>');
      expect(screen.getByTestId('wall-item').textContent!.length).toBeLessThan(SHOWN_TEXT_MAX + 3 * SHOWN_NAME_MAX + 200);
    });
  }

  it('ordinary posts are shown whole, html and all', () => {
    expect(shownContent({ html: '<p>hello <a href="https://x.example">x</a></p>', text: 'hello x' })).toEqual({ html: '<p>hello <a href="https://x.example">x</a></p>', text: '', shortened: false });
    const longButFine = `<p>${'word '.repeat(Math.floor(SHOWN_HTML_MAX / 5) - 10)}</p>`;
    expect(shownContent({ html: longButFine, text: '' }).html).toBe(longButFine);
    render(<WallItem item={makeItem(2, { html: '<p>hello <strong>there</strong></p>', text: 'hello there' })} fresh={false} />);
    expect(screen.getByTestId('item-content').innerHTML).toBe('<p>hello <strong>there</strong></p>');
  });
});
