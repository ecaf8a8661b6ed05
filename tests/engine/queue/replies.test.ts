import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defuse, parseTemplate, renderTemplate } from '../../../electron/engine/queue/canned-replies.js';
import { blocksSending, checkReply, type ReplyContext } from '../../../electron/engine/queue/guidelines.js';
import { guidelinesSchema, type GuidelinesInput } from '../../../shared/queue.js';

const values = { author: 'Alice Example', author_handle: 'alice@social.example', agent: 'Sam', team: 'Care', brand: 'Kettlebird' };

describe('canned replies', () => {
  it('fills variables, with spaces inside the braces and fallbacks', () => {
    expect(renderTemplate('Hi {{author}}, {{ agent }} from {{team}} here. {{author_handle}}', values)).toEqual({
      ok: true,
      text: 'Hi Alice Example, Sam from Care here. @alice@social.example',
    });
    expect(renderTemplate('Hi {{author|there}}!', { ...values, author: '  ' })).toEqual({ ok: true, text: 'Hi there!' });
  });

  it('writes literal braces with \\{{ and never expands a value twice', () => {
    expect(renderTemplate('Type \\{{author}} to see it', values)).toEqual({ ok: true, text: 'Type {{author}} to see it' });
    expect(renderTemplate('Hi {{agent}}', { ...values, agent: '{{author}}' })).toEqual({ ok: true, text: 'Hi {{author}}' });
    expect(renderTemplate('a }} b', values)).toEqual({ ok: true, text: 'a }} b' });
  });

  it('reports unknown, empty and unclosed variables with their positions', () => {
    const r = parseTemplate('Hi {{autor}}, {{}} and {{agent');
    expect(r).toEqual({
      ok: false,
      errors: [
        { start: 3, end: 12, message: 'unknown variable {{autor}} at 3 (did you mean {{author}}?); known: author, author_handle, agent, team, brand' },
        { start: 14, end: 18, message: 'empty {{}} at 14: put a variable in it (author, author_handle, agent, team, brand)' },
        { start: 23, end: 25, message: 'unclosed {{ at 23: close it with }}, or write \\{{ for literal braces' },
      ],
    });
    expect(parseTemplate('{{ Author }}')).toMatchObject({ ok: false, errors: [{ start: 0, end: 12 }] });
  });

  it('refuses a missing value without a fallback, and a handle that is not one', () => {
    expect(renderTemplate('Hi {{author}}', { ...values, author: null })).toEqual({
      ok: false,
      errors: [{ start: 3, end: 13, message: '{{author}} has no value here; write {{author|…}} to give a fallback' }],
    });
    expect(renderTemplate('{{author_handle}}', { ...values, author_handle: 'not a handle' })).toMatchObject({ ok: false, errors: [{ message: '{{author_handle}}: "not a handle" is not a handle' }] });
  });

  it("defuses a customer's display name: no mentions, hashtags, links, line breaks or bidi overrides", () => {
    const r = renderTemplate('Hi {{author}}!', { ...values, author: '@boss@evil.example #promo https://evil.example\n\u202eevil' });
    expect(r.ok).toBe(true);
    const text = (r as { text: string }).text;
    expect(text).toBe('Hi @\u200bboss@\u200bevil.example #\u200bpromo https:\u200b//evil.example evil!');
    expect(text).not.toMatch(/(^|[^\w])@\w/);
    expect(text).not.toMatch(/#\w/);
    expect(text).not.toContain('://');
  });

  it('keeps any name to one plain line of at most 100 characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const v = defuse(name);
        expect(v).not.toMatch(/[\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
        expect(v).not.toMatch(/[@#＠＃][^\u200b]/u);
        expect(v.length).toBeLessThanOrEqual(101);
        expect(v).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }),
    );
  });

  it('never throws on any template (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (t) => {
        const r = renderTemplate(t, values);
        if (!r.ok) for (const e of r.errors) expect(e.end).toBeGreaterThan(e.start);
      }),
    );
  });
});

const guidelines = (over: GuidelinesInput = {}) =>
  guidelinesSchema.parse({
    forbidden: [
      { phrase: 'calm down', reason: 'it escalates; acknowledge the problem instead' },
      { phrase: "can't help", reason: 'say what you can do' },
      { phrase: 'refund guaranteed', teams: ['care'] },
    ],
    required: [{ team: 'legal', phrase: 'This is not legal advice.', reason: 'our lawyers insist' }],
    ...over,
  });
const ctx = (over: Partial<ReplyContext> = {}): ReplyContext => ({ team: 'care', replyingTo: null, cannedTone: null, ...over });

describe('brand-guideline checks', () => {
  it('finds forbidden phrases as whole words, in any case and spacing, with positions', () => {
    const text = 'Please CALM   down. We can’t help today. Calmdown and uncalm down and can’t helpfully are fine.';
    const f = checkReply(text, guidelines(), ctx());
    expect(f.map((x) => [x.check, x.severity, text.slice(x.start, x.end)])).toEqual([
      ['forbidden_phrase', 'block', 'CALM   down'],
      ['forbidden_phrase', 'block', 'can’t help'],
    ]);
    expect(f[0]!.message).toBe('“CALM   down” is not allowed: it escalates; acknowledge the problem instead');
    expect(blocksSending(f)).toBe(true);
  });

  it('applies team-specific forbidden phrases only to that team', () => {
    expect(checkReply('Refund guaranteed!', guidelines(), ctx({ team: 'care' }))).toHaveLength(1);
    expect(checkReply('Refund guaranteed!', guidelines(), ctx({ team: 'sales' }))).toHaveLength(0);
  });

  it('requires a team’s disclaimer, pointing at the end of the draft', () => {
    const missing = checkReply('We will look into it.', guidelines(), ctx({ team: 'legal' }));
    expect(missing).toEqual([
      { check: 'missing_phrase', severity: 'block', start: 21, end: 21, message: 'replies from legal must include “This is not legal advice.”: our lawyers insist' },
    ]);
    expect(checkReply('We will look into it. This is not legal advice.', guidelines(), ctx({ team: 'legal' }))).toEqual([]);
  });

  it('warns about shouting but not about acronyms', () => {
    const text = 'Our FAQ and the USA page. THIS IS NOT OK, 2024 SORRY';
    const f = checkReply(text, guidelines(), ctx());
    expect(f.map((x) => [x.check, x.severity, text.slice(x.start, x.end)])).toEqual([['all_caps', 'warn', 'THIS IS NOT OK, 2024 SORRY']]);
    expect(blocksSending(f)).toBe(false);
    expect(checkReply(text, guidelines({ tone: { allCapsWords: null } }), ctx())).toEqual([]);
  });

  it('warns about a cheerful reply to a negative post, marker by marker and for a cheerful canned reply', () => {
    const text = 'Great news!!! Awesome 🎉 — we fixed it';
    const negative = checkReply(text, guidelines(), ctx({ replyingTo: 'negative', cannedTone: 'cheerful' }));
    expect(negative.map((x) => [x.check, text.slice(x.start, x.end)])).toEqual([
      ['cheerful_to_negative', text],
      ['cheerful_to_negative', 'Great news'],
      ['cheerful_to_negative', '!!!'],
      ['cheerful_to_negative', 'Awesome'],
      ['cheerful_to_negative', '🎉'],
    ]);
    expect(checkReply(text, guidelines(), ctx({ replyingTo: 'positive', cannedTone: 'cheerful' }))).toEqual([]);
  });

  it('blocks a reply with an unfilled variable', () => {
    const f = checkReply('Hi {{author}}, sorry!', guidelines(), ctx());
    expect(f).toEqual([{ check: 'unfilled_variable', severity: 'block', start: 3, end: 13, message: '{{author}} looks like a variable that was never filled in' }]);
  });

  it('never throws and keeps every position inside the draft (property)', () => {
    const rules = guidelines({ forbidden: [{ phrase: '$$$' }, { phrase: '(x)' }, { phrase: 'a.b' }], tone: { cheerfulMarkers: ['😀😀', '...', 'yay'] } });
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('negative' as const, null), (text, replyingTo) => {
        for (const f of checkReply(text, rules, ctx({ replyingTo, team: 'legal' }))) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.end).toBeGreaterThanOrEqual(f.start);
        }
      }),
    );
  });
});
