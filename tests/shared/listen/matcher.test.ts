import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../shared/listen/matcher.js';
import type { MatchInput } from '../../../shared/listen/match-input.js';
import { parseQuery } from '../../../shared/listen/parser.js';
import { printQuery } from '../../../shared/listen/printer.js';
import { foldText } from '../../../shared/text-fold.js';
import { naiveMatches } from './naive-evaluator.js';
import { postText, queryTree } from './query-arbitraries.js';

function post(text: string, over: Partial<MatchInput> = {}): MatchInput {
  return {
    text,
    hashtags: [],
    mentions: [],
    author: 'anna@mastodon.social',
    platform: 'mastodon',
    lang: 'en',
    url: 'https://mastodon.social/@anna/1',
    isReply: false,
    hasMedia: false,
    sentiment: null,
    intent: null,
    stage: null,
    topics: [],
    ...over,
  };
}

function matches(query: string, input: MatchInput): boolean {
  const m = createMatcher();
  m.set('q', query);
  return m.match(input).includes('q');
}

describe('matcher', () => {
  it('matches whole words, folded: case and accents never matter, word parts never match', () => {
    expect(matches('cafe', post('Best CAFÉ in town'))).toBe(true);
    expect(matches('Café', post('best cafe'))).toBe(true);
    expect(matches('strasse', post('Hauptstraße 5'))).toBe(false);
    expect(matches('hauptstrasse', post('Hauptstraße 5'))).toBe(true);
    expect(matches('refund', post('refunded at last'))).toBe(false);
    expect(matches('refund*', post('refunded at last'))).toBe(true);
    expect(matches('fund*', post('refunded at last'))).toBe(false);
  });

  it('matches phrases across punctuation and spaces, in order only', () => {
    expect(matches('"cold brew"', post('The cold-brew is… cold   BREW!'))).toBe(true);
    expect(matches('"cold brew"', post('brew cold'))).toBe(false);
    expect(matches('"brew co"', post('brewco'))).toBe(false);
  });

  it('matches hashtags and mentions from the text or the platform, terms inside them too', () => {
    expect(matches('#brewco', post('love #BrewCo'))).toBe(true);
    expect(matches('#brewco', post('love it', { hashtags: ['BrewCo'] }))).toBe(true);
    expect(matches('#brewco', post('love brewco'))).toBe(false);
    expect(matches('brewco', post('love #BrewCo'))).toBe(true);
    expect(matches('#sharp', post('C#sharp'))).toBe(false);
    expect(matches('@brewco', post('hey @BrewCo@mastodon.social'))).toBe(true);
    expect(matches('@brewco@mastodon.social', post('hey @brewco'))).toBe(false);
    expect(matches('@brewco@mastodon.social', post('hey', { mentions: ['BrewCo@mastodon.social'] }))).toBe(true);
    expect(matches('@brewco', post('mail support@brewco.example'))).toBe(false);
  });

  it('NEAR/n counts word positions; NEAR/nf also wants the order', () => {
    const p = post('the coffee was really far too cold');
    expect(matches('coffee NEAR/5 cold', p)).toBe(true);
    expect(matches('coffee NEAR/4 cold', p)).toBe(false);
    expect(matches('cold NEAR/5 coffee', p)).toBe(true);
    expect(matches('cold NEAR/5f coffee', p)).toBe(false);
    expect(matches('coffee NEAR/5f cold', p)).toBe(true);
    expect(matches('(tea OR coffee) NEAR/2 "really far"', p)).toBe(true);
    expect(matches('coffee NEAR/1 coffee', post('coffee'))).toBe(false);
    // A phrase spans its words: the distance counts from its last word.
    expect(matches('"cold brew" NEAR/2f late', post('cold brew was late'))).toBe(true);
    expect(matches('late NEAR/2 "cold brew"', post('cold brew was late'))).toBe(true);
    expect(matches('"cold brew" NEAR/1 late', post('cold brew was late'))).toBe(false);
  });

  it('tests fields: author, platform, lang, site, reply, media, labels and topics', () => {
    const p = post('hello', {
      author: 'Anna@mastodon.social',
      lang: 'de-AT',
      url: 'https://www.shop.example.com/p/1',
      isReply: true,
      hasMedia: true,
      sentiment: 'negative',
      intent: 'complaint',
      stage: 'post-purchase',
      topics: ['Cold Brew'],
    });
    for (const q of ['author:anna', 'author:anna@mastodon.social', 'platform:mastodon', 'lang:de', 'site:example.com', 'site:shop.example.com', 'is:reply', 'has:media', 'sentiment:negative', 'intent:complaint', 'stage:post-purchase', 'topic:"cold brew"']) {
      expect(matches(q, p), q).toBe(true);
    }
    for (const q of ['author:ann', 'lang:en', 'site:ample.com', 'sentiment:positive', 'intent:question', 'stage:none', 'topic:cold', '-is:reply']) {
      expect(matches(q, p), q).toBe(false);
    }
  });

  it('queries with no positive key (pure NOT, NOT-only fields) are evaluated for every post', () => {
    const m = createMatcher();
    m.set('not-spam', 'NOT spam');
    m.set('not-reply', '-is:reply');
    m.set('coffee', 'coffee');
    expect(m.stats().alwaysEvaluated).toBe(2);
    expect(m.match(post('hello'))).toEqual(['not-spam', 'not-reply']);
    expect(m.match(post('coffee spam', { isReply: true }))).toEqual(['coffee']);
  });

  it('edits queries in place: the automaton is built once, literals come and go with their queries', () => {
    const m = createMatcher();
    m.set('a', 'refund OR "money back"');
    m.set('b', 'refund* lang:en');
    expect(m.match(post('Money back please'))).toEqual(['a']);
    expect(m.stats()).toMatchObject({ builds: 1, literals: 3 });
    m.set('a', '"money back" OR refund -spam');
    m.set('b', 'refund* lang:de');
    expect(m.match(post('spam refunded'))).toEqual([]);
    expect(m.match(post('refunded', { lang: 'de' }))).toEqual(['b']);
    expect(m.stats()).toMatchObject({ builds: 1, literals: 4 });
    expect(m.delete('a')).toBe(true);
    expect(m.match(post('money back refund', { isReply: true, lang: 'de' }))).toEqual(['b']);
    expect(m.stats()).toMatchObject({ queries: 1, literals: 1, builds: 1 });
  });

  it('compacts the word codes after many edits and still matches the same', () => {
    const m = createMatcher();
    m.set('keep', '"cold brew" OR latte');
    m.match(post('x'));
    for (let i = 0; i < 3000; i++) {
      m.set(`tmp${i % 5}`, `word${i}a OR "word${i}b word${i}c"`);
      if (i % 100 === 0) expect(m.match(post(`word${i}b word${i}c and cold brew`))).toEqual(expect.arrayContaining(['keep', `tmp${i % 5}`]));
    }
    for (let i = 0; i < 5; i++) m.delete(`tmp${i}`);
    m.rebuild();
    expect(m.stats().builds).toBeGreaterThan(1);
    expect(m.match(post('a LATTE please, word2999a'))).toEqual(['keep']);
  });

  it('agrees with the naive evaluator on random queries and posts', () => {
    const inputArb = fc.record({
      text: postText,
      hashtags: fc.subarray(['BrewCo', '#coffee', 'cold_brew']),
      mentions: fc.subarray(['anna', 'brewco@mastodon.social']),
      author: fc.constantFrom('anna', 'brewco@mastodon.social', '@Anna'),
      lang: fc.constantFrom('en', 'de-DE', null),
      url: fc.constantFrom('https://shop.example.com/x', 'https://brewco.org', null),
      isReply: fc.boolean(),
      hasMedia: fc.boolean(),
      sentiment: fc.constantFrom('positive', 'neutral', 'negative', null),
      intent: fc.constantFrom('complaint', 'praise', null),
      stage: fc.constantFrom('purchase', 'none', null),
      topics: fc.subarray(['Competitors', 'cold  brew']),
    });
    fc.assert(
      fc.property(fc.array(queryTree, { minLength: 1, maxLength: 6 }), fc.array(inputArb, { minLength: 1, maxLength: 5 }), (queries, inputs) => {
        const m = createMatcher();
        // Going through the text form also exercises parsing the way Settings will; queries
        // are added, matched, replaced and deleted so the automaton is edited in place.
        m.set('gone', 'coffee OR refund* OR "cold brew"');
        m.match(post('coffee'));
        queries.forEach((q, i) => m.set(`q${i}`, i % 2 ? 'placeholder OR "cold order"' : printQuery(q)));
        m.match(post('cold order'));
        queries.forEach((q, i) => m.set(`q${i}`, printQuery(q)));
        m.delete('gone');
        for (const raw of inputs) {
          const input = post(raw.text, raw as Partial<MatchInput>);
          const expected = queries.flatMap((q, i) => (naiveMatches(parseQuery(printQuery(q)), input) ? [`q${i}`] : []));
          expect(m.match(input)).toEqual(expected);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('never throws on hostile input: any text, handles, URLs, huge posts', () => {
    const m = createMatcher();
    m.set('a', '"cold brew" NEAR/3 (late OR cold) -spam');
    m.set('b', 'refun* OR #brewco OR @brewco author:anna site:example.com');
    m.set('c', 'NOT is:reply');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 60 }), (text, handle, url) => {
        const ids = m.match(post(text, { author: handle, url, mentions: [handle], hashtags: [handle], topics: [handle], lang: handle }));
        expect(ids.every((id) => ['a', 'b', 'c'].includes(id))).toBe(true);
      }),
      { numRuns: 1500 },
    );
    expect(m.match(post(`${'cold brew is late '.repeat(20_000)}`))).toEqual(['a', 'c']);
  });

  it('folding is idempotent, so a folded query word always finds itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => {
        expect(foldText(foldText(s))).toBe(foldText(s));
      }),
      { numRuns: 2000 },
    );
  });
});
