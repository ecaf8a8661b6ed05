import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTriageConfig } from '../../../electron/engine/queue/triage-config.js';
import { compileTriage } from '../../../electron/engine/queue/triage.js';
import type { TriageCondition, TriageConfig, TriageItem } from '../../../shared/queue-rules.js';
import { configArb, exampleConfig, item, itemArb, parsedExample, POLICIES, QUERIES, TEAMS, textQueries, TOPICS } from './triage-fixtures.js';

const refs = { teams: TEAMS, slaPolicies: POLICIES, queries: QUERIES, topics: TOPICS };

describe('triage: routing', () => {
  const triage = compileTriage(parsedExample(), { matchesQuery: textQueries });

  it('routes by buying stage and intent to sales, billing or care', () => {
    expect(triage.route(item({ stage: 'pre-purchase', intent: 'question' }))).toMatchObject({ team: 'sales', priority: 'normal', sla: 'standard', matched: ['pre-sales'] });
    expect(triage.route(item({ stage: 'purchase', intent: 'complaint' }))).toMatchObject({ team: 'billing', priority: 'high', decidedBy: { team: 'checkout', priority: 'checkout', sla: null } });
    expect(triage.route(item({ stage: 'post-purchase', intent: 'complaint', sentiment: 'negative' }))).toMatchObject({ team: 'care', tags: ['complaint'] });
  });

  it('sends legal threats to legal, urgently, whatever else matches', () => {
    expect(triage.route(item({ urgency: ['legal'], stage: 'pre-purchase', intent: 'question' }))).toMatchObject({ team: 'legal', priority: 'urgent', sla: 'fast', matched: ['legal'] });
  });

  it('lets a "continue" rule raise priority and tag, and a later rule pick the team', () => {
    const vip = item({ author: { handle: '@BOB@news.example', followers: 5 }, intent: 'complaint', sentiment: 'negative' });
    expect(triage.route(vip)).toEqual({
      team: 'care',
      priority: 'high',
      sla: 'standard',
      tags: ['vip', 'complaint'],
      matched: ['vip', 'complaints'],
      decidedBy: { team: 'complaints', priority: 'vip', sla: null },
    });
  });

  it('needs every condition of a rule: a journalist with a small reach is not press', () => {
    expect(triage.route(item({ urgency: ['journalist'], author: { handle: 'x@y.z', followers: 12_000 } })).team).toBe('pr');
    expect(triage.route(item({ urgency: ['journalist'], author: { handle: 'x@y.z', followers: 900 } })).team).toBe('care');
    expect(triage.route(item({ urgency: ['journalist'], author: { handle: 'x@y.z', followers: null } })).team).toBe('care');
  });

  it('skips disabled rules, asks the query matcher, and falls back to the default route', () => {
    expect(triage.route(item({ lang: 'de', intent: 'chatter' })).tags).not.toContain('de');
    expect(triage.route(item({ text: 'where are my REFUNDS' }))).toMatchObject({ team: 'billing', tags: ['refund'] });
    expect(triage.route(item())).toEqual({
      team: 'care',
      priority: 'normal',
      sla: 'standard',
      tags: [],
      matched: [],
      decidedBy: { team: null, priority: null, sla: null },
    });
  });

  it('matches a language by its primary tag and can negate a condition', () => {
    const config = parseTriageConfig(
      {
        defaultRoute: { team: 'care' },
        rules: [
          { id: 'de', name: 'German', when: [{ field: 'language', in: ['DE'] }], then: { tags: ['de'] }, continue: true },
          { id: 'not-en', name: 'Not English', when: [{ field: 'language', in: ['en'], not: true }], then: { tags: ['translate'] } },
        ],
      },
      refs,
    );
    if (!config.ok) throw new Error(JSON.stringify(config.errors));
    const t = compileTriage(config.config);
    expect(t.route(item({ lang: 'de-AT' })).tags).toEqual(['de', 'translate']);
    expect(t.route(item({ lang: 'en-GB' })).tags).toEqual([]);
    expect(t.route(item({ lang: null })).tags).toEqual(['translate']);
  });

  it('refuses to compile query conditions without a matcher', () => {
    expect(() => compileTriage(parsedExample())).toThrow(/listening queries \(refunds\) but no query matcher/);
  });
});

describe('triage: the rule tester', () => {
  const triage = compileTriage(parsedExample(), { matchesQuery: textQueries });

  it('says which rule fired and why, per condition, with the values it saw', () => {
    const x = triage.explain(item({ stage: 'purchase', intent: 'question', author: { handle: 'bob@news.example', followers: 20 } }));
    expect(x.decidingRule).toBe('checkout');
    expect(x.outcome).toMatchObject({ team: 'billing', priority: 'high', tags: ['vip'] });
    const byId = Object.fromEntries(x.rules.map((r) => [r.rule, r]));
    expect(byId.legal).toMatchObject({ result: 'not_matched', conditions: [{ field: 'urgency', met: false, because: 'urgency cues: none (wanted legal)' }] });
    expect(byId.vip!.result).toBe('matched');
    expect(byId.vip!.conditions[0]!.because).toBe('@bob@news.example is on the VIP list (wanted on it)');
    expect(byId.press!.conditions.map((c) => c.because)).toEqual(['urgency cues: none (wanted journalist)', 'author has 20 followers (wanted at least 10,000)']);
    expect(byId['pre-sales']!.conditions.map((c) => [c.met, c.because])).toEqual([
      [false, 'buying stage is purchase (wanted pre-purchase)'],
      [true, 'intent is question (wanted question)'],
    ]);
    expect(byId.checkout!.result).toBe('matched');
    expect(byId.german!.result).toBe('disabled');
    expect(byId.complaints!.result).toBe('not_reached');
    expect(byId.refunds!.conditions[0]!.because).toBe('matches none of the queries (wanted refunds)');
  });

  it('reports no deciding rule when only the default route applied', () => {
    const x = triage.explain(item({ intent: null, sentiment: null }));
    expect(x.decidingRule).toBeNull();
    expect(x.outcome.team).toBe('care');
    expect(x.rules.find((r) => r.rule === 'complaints')!.conditions[0]!.because).toBe('intent is unknown (wanted complaint)');
  });

  it('agrees with routing on any config and item (property)', () => {
    fc.assert(
      fc.property(configArb, itemArb, (config, it) => {
        const t = compileTriage(config, { matchesQuery: textQueries });
        expect(t.explain(it).outcome).toEqual(t.route(it));
      }),
      { numRuns: 300 },
    );
  });

  it('applies exactly the enabled rules whose conditions hold, up to the first that stops (property)', () => {
    const holds = (c: TriageCondition, it: TriageItem, config: TriageConfig): boolean => {
      const inv = (b: boolean) => ('not' in c && c.not ? !b : b);
      switch (c.field) {
        case 'platform':
          return inv(c.in.includes(it.platform));
        case 'source':
          return inv(it.sourceId !== null && c.in.includes(it.sourceId));
        case 'query':
          return inv(c.in.some((q) => it.text.includes(q)));
        case 'topic':
          return inv(it.topics.some((x) => c.in.includes(x)));
        case 'intent':
          return inv(it.intent !== null && (c.in as string[]).includes(it.intent));
        case 'sentiment':
          return inv(it.sentiment !== null && (c.in as string[]).includes(it.sentiment));
        case 'stage':
          return inv(it.stage !== null && (c.in as string[]).includes(it.stage));
        case 'language':
          return inv(it.lang !== null && c.in.some((l) => it.lang!.split('-')[0] === l));
        case 'urgency':
          return inv(c.in ? it.urgency.some((u) => c.in!.includes(u)) : it.urgency.length > 0);
        case 'reach':
          return (it.author.followers ?? -1) >= c.atLeast;
        case 'vip':
          return config.vip.includes(it.author.handle.toLowerCase()) === c.is;
        case 'private':
          return it.private === c.is;
      }
    };
    fc.assert(
      fc.property(configArb, itemArb, (config, it) => {
        const expected: string[] = [];
        for (const r of config.rules) {
          if (!r.enabled || !r.when.every((c) => holds(c, it, config))) continue;
          expected.push(r.id);
          if (!r.continue) break;
        }
        const out = compileTriage(config, { matchesQuery: textQueries }).route(it);
        expect(out.matched).toEqual(expected);
        const firstTeam = config.rules.find((r) => expected.includes(r.id) && r.then.team);
        expect(out.team).toBe(firstTeam?.then.team ?? 'care');
        expect(out.tags).toContain('inbox');
      }),
      { numRuns: 500 },
    );
  });
});

describe('triage: config validation', () => {
  it('accepts the example and warns about nothing', () => {
    const r = parseTriageConfig(exampleConfig, refs);
    expect(r).toMatchObject({ ok: true, warnings: [] });
  });

  it('names the rule, the place and what to write, for schema errors', () => {
    const r = parseTriageConfig(
      {
        defaultRoute: { team: 'care' },
        rules: [
          { id: 'a', name: 'Angry', when: [{ field: 'intent', in: ['complant'] }], then: { team: 'care' } },
          { id: 'a', name: 'Again', when: [{ field: 'mood', in: ['x'] }], then: {} },
          { id: 'b', name: 'Big', when: [{ field: 'reach', atLeast: -5 }], then: { priority: 'asap' } },
        ],
      },
      refs,
    );
    if (r.ok) throw new Error('expected errors');
    const text = r.errors.map((e) => e.message);
    expect(text).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^rule 1 "Angry": rules\[0\]\.when\[0\]\.in\[0\]: .*"complaint"/),
        expect.stringMatching(/^rule 2 "Again": rules\[1\]\.when\[0\]\.field: field is one of platform, source, query/),
        expect.stringMatching(/^rule 2 "Again": rules\[1\]\.then: a rule does something/),
        expect.stringMatching(/^rule 2 "Again": rules\[1\]\.id: rule id "a" is already used by rules\[0\]/),
        expect.stringMatching(/^rule 3 "Big": rules\[2\]\.when\[0\]\.atLeast: /),
        expect.stringMatching(/^rule 3 "Big": rules\[2\]\.then\.priority: .*"urgent"/),
      ]),
    );
  });

  it('checks teams, SLA policies, queries and topics exist, suggesting the closest name', () => {
    const r = parseTriageConfig(
      {
        defaultRoute: { team: 'kare', sla: 'standart' },
        rules: [{ id: 'x', name: 'X', when: [{ field: 'topic', in: ['kettel'] }, { field: 'query', in: ['refund'] }], then: { team: 'biling', sla: 'zzz' } }],
      },
      refs,
    );
    if (r.ok) throw new Error('expected errors');
    expect(r.errors.map((e) => e.message)).toEqual([
      'defaultRoute.team: no team "kare" (did you mean "care"?); known: care, sales, billing, pr, legal',
      'defaultRoute.sla: no SLA policy "standart" (did you mean "standard"?); known: standard, fast',
      'rule 1 "X": rules[0].then.team: no team "biling" (did you mean "billing"?); known: care, sales, billing, pr, legal',
      'rule 1 "X": rules[0].then.sla: no SLA policy "zzz"; known: standard, fast',
      'rule 1 "X": rules[0].when[0].in[0]: no topic "kettel" (did you mean "kettle"?); known: brand, kettle, competitor-x',
      'rule 1 "X": rules[0].when[1].in[0]: no listening query "refund" (did you mean "refunds"?); known: refunds, outage',
    ]);
  });

  it('answers any JSON with a config or errors, never an exception (fuzz)', () => {
    const ruleish = fc.record({ id: fc.oneof(fc.string(), fc.integer()), name: fc.anything(), when: fc.anything(), then: fc.anything() }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ rules: fc.array(fc.oneof(ruleish, fc.anything()), { maxLength: 4 }), defaultRoute: fc.anything() })), (input) => {
        const r = parseTriageConfig(input, refs);
        if (!r.ok) for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('warns about rules that can never fire below a catch-all', () => {
    const r = parseTriageConfig(
      {
        defaultRoute: { team: 'care' },
        rules: [
          { id: 'all', name: 'Everything to care', when: [], then: { team: 'care' } },
          { id: 'late', name: 'Too late', when: [{ field: 'intent', in: ['praise'] }], then: { tags: ['praise'] } },
        ],
      },
      refs,
    );
    expect(r).toMatchObject({ ok: true, warnings: [{ path: 'rules[1]', message: 'rule 2 "Too late": never reached: rule 1 "Everything to care" above it matches everything and stops' }] });
  });
});
