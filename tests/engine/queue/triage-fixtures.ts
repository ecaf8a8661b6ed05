import fc from 'fast-check';
import {
  TRIAGE_INTENTS,
  TRIAGE_SENTIMENTS,
  TRIAGE_STAGES,
  triageConfigSchema,
  type TriageCondition,
  type TriageConfig,
  type TriageConfigInput,
  type TriageItem,
} from '../../../shared/queue-rules.js';
import { PRIORITIES } from '../../../shared/queue-sla.js';

export const TEAMS = ['care', 'sales', 'billing', 'pr', 'legal'];
export const POLICIES = ['standard', 'fast'];
export const QUERIES = ['refunds', 'outage'];
export const TOPICS = ['brand', 'kettle', 'competitor-x'];
const HANDLES = ['alice@social.example', 'bob@news.example', 'carol@x.example'];
const CUES = ['legal', 'safety', 'cancel', 'journalist'];
const LANGS = ['en', 'de', 'de-at', 'fr', 'es'];

export function item(over: Partial<TriageItem> = {}): TriageItem {
  return {
    platform: 'mastodon',
    sourceId: 'brand-mentions',
    text: 'hello',
    lang: 'en',
    intent: 'chatter',
    sentiment: 'neutral',
    stage: 'none',
    topics: [],
    urgency: [],
    author: { handle: 'someone@social.example', followers: 100 },
    private: false,
    ...over,
  };
}

/** Listening queries stand-in: a query id matches when the text contains it. */
export const textQueries = (queryId: string, i: TriageItem) => i.text.toLowerCase().includes(queryId);

/** The care team's example config, also used in the README. */
export const exampleConfig: TriageConfigInput = {
  vip: ['@bob@news.example'],
  defaultRoute: { team: 'care', priority: 'normal', sla: 'standard' },
  rules: [
    { id: 'legal', name: 'Legal threats', when: [{ field: 'urgency', in: ['legal'] }], then: { team: 'legal', priority: 'urgent', sla: 'fast', tags: ['legal'] } },
    { id: 'vip', name: 'VIPs and big accounts first', when: [{ field: 'vip', is: true }], then: { priority: 'high', tags: ['vip'] }, continue: true },
    { id: 'press', name: 'Journalists', when: [{ field: 'urgency', in: ['journalist'] }, { field: 'reach', atLeast: 10_000 }], then: { team: 'pr' } },
    { id: 'pre-sales', name: 'Questions before buying', when: [{ field: 'stage', in: ['pre-purchase'] }, { field: 'intent', in: ['question'] }], then: { team: 'sales' } },
    { id: 'checkout', name: 'Problems while buying', when: [{ field: 'stage', in: ['purchase'] }, { field: 'intent', in: ['complaint', 'question'] }], then: { team: 'billing', priority: 'high' } },
    { id: 'german', name: 'German complaints', enabled: false, when: [{ field: 'language', in: ['de'] }], then: { team: 'care', tags: ['de'] } },
    { id: 'complaints', name: 'Complaints after buying', when: [{ field: 'intent', in: ['complaint'] }, { field: 'sentiment', in: ['negative'] }], then: { team: 'care', tags: ['complaint'] } },
    { id: 'refunds', name: 'Refund talk', when: [{ field: 'query', in: ['refunds'] }], then: { team: 'billing', tags: ['refund'] } },
  ],
};

export const parsedExample = (): TriageConfig => triageConfigSchema.parse(exampleConfig);

export const itemArb: fc.Arbitrary<TriageItem> = fc.record({
  platform: fc.constantFrom('mastodon', 'bluesky'),
  sourceId: fc.constantFrom('brand-mentions', 'hashtags', null),
  text: fc.constantFrom('my refunds please', 'the outage again', 'nice kettle', ''),
  lang: fc.constantFrom(...LANGS, null),
  intent: fc.constantFrom(...TRIAGE_INTENTS, null),
  sentiment: fc.constantFrom(...TRIAGE_SENTIMENTS, null),
  stage: fc.constantFrom(...TRIAGE_STAGES, null),
  topics: fc.subarray(TOPICS),
  urgency: fc.subarray(CUES),
  author: fc.record({ handle: fc.constantFrom(...HANDLES, 'BOB@news.example'), followers: fc.option(fc.integer({ min: 0, max: 50_000 })) }),
  private: fc.boolean(),
});

const not = fc.boolean();
export const conditionArb: fc.Arbitrary<TriageCondition> = fc.oneof(
  fc.record({ field: fc.constant('platform' as const), in: fc.subarray(['mastodon', 'bluesky'], { minLength: 1 }), not }),
  fc.record({ field: fc.constant('source' as const), in: fc.subarray(['brand-mentions', 'hashtags'], { minLength: 1 }), not }),
  fc.record({ field: fc.constant('query' as const), in: fc.subarray(QUERIES, { minLength: 1 }), not }),
  fc.record({ field: fc.constant('topic' as const), in: fc.subarray(TOPICS, { minLength: 1 }), not }),
  fc.record({ field: fc.constant('intent' as const), in: fc.subarray([...TRIAGE_INTENTS], { minLength: 1 }), not }),
  fc.record({ field: fc.constant('sentiment' as const), in: fc.subarray([...TRIAGE_SENTIMENTS], { minLength: 1 }), not }),
  fc.record({ field: fc.constant('stage' as const), in: fc.subarray([...TRIAGE_STAGES], { minLength: 1 }), not }),
  fc.record({ field: fc.constant('language' as const), in: fc.subarray(['en', 'de', 'fr'], { minLength: 1 }), not }),
  fc.record({ field: fc.constant('urgency' as const), in: fc.option(fc.subarray(CUES, { minLength: 1 }), { nil: undefined }), not }),
  fc.record({ field: fc.constant('reach' as const), atLeast: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({ field: fc.constant('vip' as const), is: fc.boolean() }),
  fc.record({ field: fc.constant('private' as const), is: fc.boolean() }),
);

export const configArb: fc.Arbitrary<TriageConfig> = fc
  .array(
    fc.record({
      enabled: fc.boolean(),
      when: fc.array(conditionArb, { maxLength: 3 }),
      team: fc.option(fc.constantFrom(...TEAMS), { nil: undefined }),
      priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: undefined }),
      sla: fc.option(fc.constantFrom(...POLICIES), { nil: undefined }),
      tags: fc.subarray(['a', 'b', 'c']),
      continue: fc.boolean(),
    }),
    { maxLength: 12 },
  )
  .map((rules) =>
    triageConfigSchema.parse({
      vip: ['bob@news.example'],
      defaultRoute: { team: 'care', priority: 'normal', sla: null, tags: ['inbox'] },
      rules: rules.map((r, i) => ({
        id: `r${i}`,
        name: `Rule ${i}`,
        enabled: r.enabled,
        when: r.when,
        then: { team: r.team, priority: r.priority, sla: r.sla, tags: r.tags.length || r.team || r.priority || r.sla ? r.tags : ['a'] },
        continue: r.continue,
      })),
    }),
  );
