import { normalizeHandle, type TriageCondition, type TriageItem } from '../../../shared/queue-rules.js';

/**
 * One compiled triage condition over a normalized item (see normalizeItem): `test` is what
 * routing runs (fast, no strings built), `explain`
 * says in words what the item had and what the rule wanted; the rule tester calls both, so the
 * tester and routing can never disagree.
 */
export interface CompiledCondition {
  field: TriageCondition['field'];
  /** `raw` is the item as the caller gave it: the query matcher gets that one. */
  test(item: TriageItem, raw: TriageItem): boolean;
  explain(item: TriageItem, raw: TriageItem): string;
}

export interface ConditionContext {
  /** Lowercase handles without a leading @. */
  vip: Set<string>;
  matchesQuery: ((queryId: string, item: TriageItem) => boolean) | null;
}

/**
 * The item with the fields rules compare in lower case (and the handle normalized), once per
 * item, so conditions compare without building strings.
 */
export function normalizeItem(item: TriageItem): TriageItem {
  return {
    ...item,
    platform: item.platform.toLowerCase(),
    sourceId: item.sourceId === null ? null : item.sourceId.toLowerCase(),
    lang: item.lang === null ? null : item.lang.toLowerCase(),
    topics: item.topics.map((t) => t.toLowerCase()),
    urgency: item.urgency.map((u) => u.toLowerCase()),
    author: { handle: normalizeHandle(item.author.handle), followers: item.author.followers },
  };
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const list = (values: readonly string[]) => (values.length === 1 ? values[0]! : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`);
const wanted = (values: readonly string[], not: boolean) => `wanted ${not ? 'anything but ' : ''}${list(values)}`;

/** A condition on one label the item has or lacks (null = unknown). */
function oneOf(field: TriageCondition['field'], label: string, values: readonly string[], not: boolean, get: (item: TriageItem) => string | null): CompiledCondition {
  const set = new Set(values);
  return {
    field,
    test: (item) => {
      const v = get(item);
      return (v !== null && set.has(v)) !== not;
    },
    explain: (item) => {
      const v = get(item);
      return `${label} is ${v === null ? 'unknown' : v} (${wanted(values, not)})`;
    },
  };
}

/** A condition on a list the item carries (topics, urgency cues): met when any value is in it. */
function anyOf(field: TriageCondition['field'], label: string, values: readonly string[], not: boolean, get: (item: TriageItem) => string[]): CompiledCondition {
  const set = new Set(values);
  return {
    field,
    test: (item) => get(item).some((v) => set.has(v)) !== not,
    explain: (item) => {
      const have = get(item);
      return `${label}: ${have.length ? have.join(', ') : 'none'} (${wanted(values, not)})`;
    },
  };
}

export function compileCondition(c: TriageCondition, ctx: ConditionContext): CompiledCondition {
  switch (c.field) {
    case 'platform':
      return oneOf(c.field, 'platform', c.in, c.not, (i) => i.platform);
    case 'source':
      return oneOf(c.field, 'source', c.in, c.not, (i) => i.sourceId);
    case 'intent':
      return oneOf(c.field, 'intent', c.in, c.not, (i) => i.intent);
    case 'sentiment':
      return oneOf(c.field, 'sentiment', c.in, c.not, (i) => i.sentiment);
    case 'stage':
      return oneOf(c.field, 'buying stage', c.in, c.not, (i) => i.stage);
    case 'topic':
      return anyOf(c.field, 'topics', c.in, c.not, (i) => i.topics);
    case 'urgency': {
      if (c.in) return anyOf(c.field, 'urgency cues', c.in, c.not, (i) => i.urgency);
      const not = c.not;
      return {
        field: c.field,
        test: (item) => item.urgency.length > 0 !== not,
        explain: (item) => `urgency cues: ${item.urgency.length ? item.urgency.join(', ') : 'none'} (wanted ${not ? 'none' : 'any'})`,
      };
    }
    case 'language': {
      const values = c.in;
      const not = c.not;
      const prefixes = values.map((v) => `${v}-`);
      const speaks = (lang: string | null) => lang !== null && values.some((v, i) => lang === v || lang.startsWith(prefixes[i]!));
      return {
        field: c.field,
        test: (item) => speaks(item.lang) !== not,
        explain: (item) => `language is ${item.lang ?? 'unknown'} (${wanted(values, not)})`,
      };
    }
    case 'query': {
      const ids = c.in;
      const not = c.not;
      const match = ctx.matchesQuery;
      if (!match) throw new Error(`a rule uses listening queries (${list(ids)}) but no query matcher was given`);
      return {
        field: c.field,
        test: (_item, raw) => ids.some((q) => match(q, raw)) !== not,
        explain: (_item, raw) => {
          const hits = ids.filter((q) => match(q, raw));
          return `${hits.length ? `matches query ${list(hits)}` : 'matches none of the queries'} (${not ? 'wanted none of' : 'wanted'} ${list(ids)})`;
        },
      };
    }
    case 'reach': {
      const min = c.atLeast;
      return {
        field: c.field,
        test: (item) => item.author.followers !== null && item.author.followers >= min,
        explain: (item) =>
          `${item.author.followers === null ? "author's reach is unknown" : `author has ${thousands(item.author.followers)} followers`} (wanted at least ${thousands(min)})`,
      };
    }
    case 'vip': {
      const is = c.is;
      const onList = (item: TriageItem) => ctx.vip.has(item.author.handle);
      return {
        field: c.field,
        test: (item) => onList(item) === is,
        explain: (item) => `@${item.author.handle} is ${onList(item) ? '' : 'not '}on the VIP list (wanted ${is ? 'on it' : 'not on it'})`,
      };
    }
    case 'private': {
      const is = c.is;
      return {
        field: c.field,
        test: (item) => item.private === is,
        explain: (item) => `the message is ${item.private ? 'private (direct or followers-only)' : 'public'} (wanted ${is ? 'private' : 'public'})`,
      };
    }
  }
}
