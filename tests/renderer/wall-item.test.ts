import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../shared/domain';
import { WallItem } from '../../renderer/src/features/wall/wall-item';
import { makeItem } from './helpers/items';

// Plain-text items: the html path needs a DOM sanitizer, and is tested in sanitize.test.ts.
const render = (visibility: Visibility) => renderToStaticMarkup(createElement(WallItem, { item: makeItem(1, { html: '', visibility }), fresh: false }));

describe('wall item', () => {
  it('marks a private message and a followers-only post, and nothing else', () => {
    expect(render('direct')).toContain('private message');
    expect(render('private')).toContain('followers only');
    for (const v of ['public', 'unlisted'] as const) expect(render(v)).not.toContain('data-testid="item-private"');
  });
});
