import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertLinkFor, parsePublicUrl } from '../../../electron/hub/public-url.js';

describe('the hub public URL (base of alert links)', () => {
  it('keeps the origin and path, without a trailing slash', () => {
    expect(parsePublicUrl('https://newsroom.example/')).toBe('https://newsroom.example');
    expect(parsePublicUrl(' http://10.0.0.5:4780 ')).toBe('http://10.0.0.5:4780');
    expect(parsePublicUrl('https://tools.example/newsroom/')).toBe('https://tools.example/newsroom');
    expect(alertLinkFor('https://newsroom.example', 'a b/c')).toBe('https://newsroom.example/#/alerts/a%20b%2Fc');
  });

  it('refuses what cannot be a link base, saying why', () => {
    expect(() => parsePublicUrl('newsroom.example')).toThrow(/not a URL/);
    expect(() => parsePublicUrl('javascript:alert(1)')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parsePublicUrl('https://user:pw@newsroom.example')).toThrow(/user name or password/);
    expect(() => parsePublicUrl('https://newsroom.example/?x=1')).toThrow(/leave out/);
  });

  it('any input gives an http(s) base or an Error, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })), (raw) => {
        let base: string;
        try {
          base = parsePublicUrl(raw);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          return;
        }
        expect(base).toMatch(/^https?:\/\/[^/?#@\s]+(\/[^?#]*)?$/u);
        expect(base.endsWith('/')).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
