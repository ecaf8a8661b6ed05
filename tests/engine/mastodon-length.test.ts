import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textTooLong } from '../../electron/engine/publish/text-length.js';
import { mastodonLength, MASTODON_URL_LENGTH } from '../../shared/mastodon-length.js';

/**
 * One length rule (issue 9): the composer, the engine and the sandbox count as Mastodon does.
 * The property test builds posts from pieces whose Mastodon length is known by construction
 * (a straightforward reference: add up the pieces), so it does not lean on the code under test.
 */

// Each is ONE user-perceived character, however many code points it takes.
const CLUSTERS = ['x', 'é', 'e\u0301', 'ß', 'ש', 'ع', '字', '👍🏽', '🇩🇪', '👨‍👩‍👧‍👦', '❤️', 'न्दी'.slice(0, 1)];
type Piece = { text: string; length: number };

const word: fc.Arbitrary<Piece> = fc.array(fc.constantFrom(...CLUSTERS), { minLength: 1, maxLength: 12 }).map((cs) => ({ text: cs.join(''), length: cs.length }));
const user = fc.stringMatching(/^[a-z0-9_]{1,12}$/);
const domain = fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('example', 'social', 'co.uk')).map(([a, b]) => `${a}.${b}`);
const url: fc.Arbitrary<Piece> = fc
  .tuple(fc.constantFrom('http', 'https'), domain, fc.stringMatching(/^[a-z0-9/_-]{0,80}$/))
  .map(([scheme, host, path]) => ({ text: `${scheme}://${host}/${path}`, length: MASTODON_URL_LENGTH }));
const localMention: fc.Arbitrary<Piece> = user.map((u) => ({ text: `@${u}`, length: u.length + 1 }));
const remoteMention: fc.Arbitrary<Piece> = fc.tuple(user, domain).map(([u, d]) => ({ text: `@${u}@${d}`, length: u.length + 1 }));
const piece = fc.oneof({ weight: 5, arbitrary: word }, { weight: 2, arbitrary: url }, { weight: 1, arbitrary: localMention }, { weight: 2, arbitrary: remoteMention });
const separator = fc.constantFrom(' ', '\n', '  ', ' — ');

describe('mastodonLength', () => {
  it('matches the sum of its pieces: clusters, links as 23, remote mentions as their local part', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(piece, separator), { maxLength: 30 }), (parts) => {
        const text = parts.map(([p, s]) => p.text + s).join('');
        const expected = parts.reduce((n, [p, s]) => n + p.length + [...s].length, 0);
        expect(mastodonLength(text)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('counts the content warning in front of the text', () => {
    fc.assert(
      fc.property(word, fc.array(piece, { maxLength: 5 }), (cw, ps) => {
        const text = ps.map((p) => p.text).join(' ');
        expect(mastodonLength(text, `${cw.text} `)).toBe(cw.length + 1 + mastodonLength(text));
      }),
    );
  });

  it('the issue\u2019s post: 480 × "x" and three family emoji are 483, and the engine sends it', () => {
    const text = `${'x'.repeat(480)}${'👨‍👩‍👧‍👦'.repeat(3)}`;
    expect(mastodonLength(text)).toBe(483);
    expect(textTooLong('mastodon', text)).toBeNull();
    expect(textTooLong('mastodon', `${text}${'x'.repeat(18)}`)).toBe("1 characters over Mastodon's 500");
  });

  it('edges: punctuation after a link, a paren it did not open, e-mail addresses, links inside words', () => {
    expect(mastodonLength('read https://example.com/page.')).toBe(5 + 23 + 1);
    expect(mastodonLength('(https://example.com/page)')).toBe(1 + 23 + 1);
    expect(mastodonLength('https://en.example/wiki/Foo_(bar)')).toBe(23);
    expect(mastodonLength('example.com')).toBe(11);
    expect(mastodonLength('mail bob@mail.example')).toBe('mail bob@mail.example'.length);
    expect(mastodonLength('https://')).toBe(8);
    expect(mastodonLength('xhttps://example.com')).toBe('xhttps://example.com'.length);
    expect(mastodonLength('@ana@social.example hi')).toBe('@ana hi'.length);
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (a, b) => Number.isInteger(mastodonLength(a, b))));
  });
});
