import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastSanitize } from '../../../electron/engine/ingest/fast-sanitize.js';
import { sanitizePlatformHtml, sanitizeWithParser } from '../../../electron/engine/ingest/sanitize.js';

const MASTODON = [
  '<p>My order never arrived &amp; nobody answers. It&#39;s the third time &quot;soon&quot;</p><p>Second paragraph<br>line<br />two</p>',
  '<p><a href="https://social.example/tags/brewco" class="mention hashtag" rel="tag">#<span>BrewCo</span></a> <span class="h-card" translate="no"><a href="https://social.example/@kettlebird" class="u-url mention">@<span>kettlebird</span></a></span></p>',
  '<p><a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span class="invisible">https://</span><span class="ellipsis">example.com/a?b=1</span><span class="invisible">&amp;c=2</span></a></p>',
  '<p>caf&#233; &#x1F600; &nbsp;end</p>',
];

/** Fragments that make up real and hostile posts: the fuzzer strings them together in any order. */
const piece = fc.constantFrom(
  '<p>', '</p>', '<br>', '<br/>', '<br />', '</br>', '<span>', '</span>', '<span class="h-card">', '<span class="evil invisible">', '<span translate="no">',
  '<a href="https://x.example/tags/a" class="mention hashtag" rel="tag">', '<a href="http://x.example/@b">', '<a href="javascript:alert(1)">', '<a href="//x.example">',
  '<a href="https://x.example/&quot;q&amp;r">', '<a href="">', '<a>', '<a href="https://x" onclick="y">', '<a href="https://x" href="https://y">', '</a>',
  '<P>', '<script>', '</script>', '<img src=x onerror=y>', '<b>', '</b>', '<p class="x">', '<span/>', '<a href=\'https://x\'>',
  'text', ' ', '\n', '"', "'", '>', '&', '&amp;', '&lt;', '&gt;', '&quot;', '&#39;', '&apos;', '&nbsp;', '&copy;', '&amp', '&#0;', '&#128;', '&#x1F600;', '&#55296;', '&#99999999;', 'é', '😀', '<', '<!-- c -->',
);

describe('the fast sanitizer', () => {
  it('handles what Mastodon sends, exactly as the full sanitizer does', () => {
    for (const html of MASTODON) {
      const fast = fastSanitize(html);
      expect(fast).not.toBeNull();
      expect(fast).toBe(sanitizeWithParser(html));
    }
  });

  it('gives up (null) or agrees with the full sanitizer on any mix of real and hostile fragments', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const html = pieces.join('');
        const fast = fastSanitize(html);
        if (fast !== null) expect(fast).toBe(sanitizeWithParser(html));
        expect(sanitizePlatformHtml(html)).toBe(sanitizeWithParser(html));
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives up on arbitrary strings rather than guess, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (html) => {
        const fast = fastSanitize(html);
        if (fast !== null) expect(fast).toBe(sanitizeWithParser(html));
      }),
      { numRuns: 5_000 },
    );
  });
});
