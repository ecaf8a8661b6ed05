import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTerm, MAX_TERMS_PER_POST, tokenize } from '../../../electron/engine/trends/tokenize.js';

const terms = (text: string, tags: string[] = []) => tokenize(text, tags).map((t) => t.term);

describe('tokenize', () => {
  it('keeps content words, hashtags and bigrams of adjacent content words', () => {
    expect(tokenize('The app outage is back! #AppDown')).toEqual([
      { term: 'app', kind: 'word' },
      { term: 'outage', kind: 'word' },
      { term: 'app outage', kind: 'bigram' },
      { term: 'back', kind: 'word' },
      { term: '#appdown', kind: 'hashtag' },
    ]);
  });

  it('drops stopwords in English, German, French and Spanish, and a stopword breaks a bigram', () => {
    const langTerms = (text: string, lang: string | null) => tokenize(text, [], lang).map((t) => t.term);
    expect(langTerms('Time to hit the hay', 'en')).toEqual(['time', 'hit', 'hay']);
    expect(langTerms('Die App ist wieder kaputt und langsam', 'de')).toEqual(['app', 'kaputt', 'langsam']);
    expect(langTerms("L'application ne marche pas depuis ce matin", 'fr-CA')).toEqual(['application', 'marche', 'depuis', 'matin']);
    expect(langTerms('No hay café en la tienda', 'es')).toEqual(['café', 'tienda']);
    // Without a language: every list, except words that are news in another language.
    expect(terms('the war is over und die welt ist anders')).toEqual(['war', 'die', 'welt', 'die welt', 'anders']);
  });

  it('ignores links, mentions and numbers, and counts a word once per post', () => {
    expect(terms('@support@kettlebird.example see https://x.example/a?b=1 outage outage 2026 outage')).toEqual(['see', 'outage']);
  });

  it('adds the platform tags and folds case and width', () => {
    expect(terms('ＣＯＦＦＥＥ time', ['Kettlebird', '#Coffee', 'not a tag'])).toEqual(['coffee', 'time', 'coffee time', '#kettlebird', '#coffee']);
  });

  it('breaks bigrams at punctuation', () => {
    expect(terms('refund please. order missing')).toEqual(['refund', 'please', 'refund please', 'order', 'missing', 'order missing']);
  });

  it('folds accents and case for comparisons', () => {
    expect(foldTerm('  Décès  Tragödie ')).toBe('deces tragodie');
  });

  it('survives any input and stays bounded (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000, unit: 'grapheme' }), fc.array(fc.string(), { maxLength: 10 }), (text, tags) => {
        const out = tokenize(text, tags);
        expect(out.length).toBeLessThanOrEqual(MAX_TERMS_PER_POST);
        expect(new Set(out.map((t) => t.term)).size).toBe(out.length);
        for (const t of out) {
          expect(t.term.length).toBeGreaterThan(0);
          expect(t.term.length).toBeLessThanOrEqual(t.kind === 'bigram' ? 81 : 41);
        }
      }),
      { numRuns: 300 },
    );
    expect(tokenize('x'.repeat(1_000_000))).toEqual([]);
    expect(terms(Array.from({ length: 500 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(' ')).length).toBe(MAX_TERMS_PER_POST);
  });
});
