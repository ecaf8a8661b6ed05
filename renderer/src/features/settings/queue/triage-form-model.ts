import {
  TRIAGE_INTENTS,
  TRIAGE_SENTIMENTS,
  TRIAGE_STAGES,
  type TriageCondition,
  type TriageConfig,
  type TriageConfigInput,
  type TriageField,
} from '../../../../../shared/queue';

/**
 * The triage rules as the form edits them: lists stay the text the lead typed ("en, de") until the
 * config is built, so typing a comma never loses it. toConfig builds exactly what rules.save takes.
 */
export interface DraftCondition {
  field: TriageField;
  not: boolean;
  /** platform, source, query, topic, language, urgency: comma-separated. */
  text: string;
  /** intent, sentiment, stage: the ticked labels. */
  values: string[];
  /** reach: followers at least. */
  atLeast: string;
  /** vip, private. */
  is: boolean;
}

export interface DraftRoute {
  team: string;
  priority: string;
  sla: string;
  tags: string;
}

export interface DraftRule extends DraftRoute {
  /** A React key that survives reordering and renaming. */
  key: number;
  id: string;
  name: string;
  enabled: boolean;
  continue: boolean;
  when: DraftCondition[];
}

export interface DraftConfig {
  rules: DraftRule[];
  defaultRoute: DraftRoute;
  /** One handle a line (or comma-separated). */
  vip: string;
}

export const CONDITION_FIELDS: ReadonlyArray<{ field: TriageField; label: string }> = [
  { field: 'platform', label: 'Platform' },
  { field: 'source', label: 'Source' },
  { field: 'query', label: 'Listening query' },
  { field: 'topic', label: 'Topic' },
  { field: 'intent', label: 'Intent' },
  { field: 'sentiment', label: 'Sentiment' },
  { field: 'stage', label: 'Buying stage' },
  { field: 'language', label: 'Language' },
  { field: 'urgency', label: 'Urgency' },
  { field: 'reach', label: 'Author reach' },
  { field: 'vip', label: 'VIP list' },
  { field: 'private', label: 'Private message' },
];

export const ENUM_VALUES: Partial<Record<TriageField, readonly string[]>> = { intent: TRIAGE_INTENTS, sentiment: TRIAGE_SENTIMENTS, stage: TRIAGE_STAGES };
const LIST_FIELDS = new Set<TriageField>(['platform', 'source', 'query', 'topic', 'language', 'urgency']);

export const conditionKind = (f: TriageField): 'list' | 'enum' | 'reach' | 'flag' => (LIST_FIELDS.has(f) ? 'list' : f in ENUM_VALUES ? 'enum' : f === 'reach' ? 'reach' : 'flag');

const split = (s: string) =>
  s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function newCondition(field: TriageField = 'intent'): DraftCondition {
  return { field, not: false, text: '', values: [], atLeast: '', is: true };
}

let nextKey = 1;
export function newRule(existingIds: readonly string[]): DraftRule {
  let n = existingIds.length + 1;
  while (existingIds.includes(`rule-${n}`)) n++;
  return { key: nextKey++, id: `rule-${n}`, name: '', enabled: true, continue: false, when: [], team: '', priority: '', sla: '', tags: '' };
}

function fromCondition(c: TriageCondition): DraftCondition {
  const d = newCondition(c.field);
  if ('not' in c) d.not = c.not;
  if ('in' in c && c.in) {
    if (conditionKind(c.field) === 'enum') d.values = [...c.in];
    else d.text = c.in.join(', ');
  }
  if ('atLeast' in c) d.atLeast = String(c.atLeast);
  if ('is' in c) d.is = c.is;
  return d;
}

export function fromConfig(config: TriageConfig): DraftConfig {
  return {
    rules: config.rules.map((r) => ({
      key: nextKey++,
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      continue: r.continue,
      when: r.when.map(fromCondition),
      team: r.then.team ?? '',
      priority: r.then.priority ?? '',
      sla: r.then.sla ?? '',
      tags: r.then.tags.join(', '),
    })),
    defaultRoute: { team: config.defaultRoute.team, priority: config.defaultRoute.priority, sla: config.defaultRoute.sla ?? '', tags: config.defaultRoute.tags.join(', ') },
    vip: config.vip.join('\n'),
  };
}

function toCondition(d: DraftCondition): unknown {
  switch (conditionKind(d.field)) {
    case 'list': {
      const values = split(d.text);
      // Urgency without values means "any urgency cue at all".
      if (d.field === 'urgency' && values.length === 0) return { field: d.field, not: d.not };
      return { field: d.field, in: values, not: d.not };
    }
    case 'enum':
      return { field: d.field, in: d.values, not: d.not };
    case 'reach':
      // An empty box is a missing number (the schema says so), not 0 followers.
      return { field: d.field, atLeast: d.atLeast.trim() === '' ? Number.NaN : Number(d.atLeast) };
    default:
      return { field: d.field, is: d.is };
  }
}

/** What rules.save and rules.test take; only set fields are sent, so the schema's defaults apply. */
export function toConfig(d: DraftConfig): TriageConfigInput {
  return {
    rules: d.rules.map((r) => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      continue: r.continue,
      when: r.when.map(toCondition),
      then: {
        ...(r.team ? { team: r.team } : {}),
        ...(r.priority ? { priority: r.priority } : {}),
        ...(r.sla ? { sla: r.sla } : {}),
        tags: split(r.tags),
      },
    })),
    defaultRoute: { team: d.defaultRoute.team, priority: d.defaultRoute.priority || 'normal', sla: d.defaultRoute.sla || null, tags: split(d.defaultRoute.tags) },
    vip: split(d.vip),
  } as TriageConfigInput;
}

/** Moves rule i by delta (−1 up, +1 down); order decides which rule fires first. */
export function moveRule(rules: readonly DraftRule[], i: number, delta: -1 | 1): DraftRule[] {
  const j = i + delta;
  if (j < 0 || j >= rules.length) return [...rules];
  const out = [...rules];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}
