import type { z } from 'zod';
import { alertRuleSchema, type AlertRule, type AlertRuleKind, type Severity } from '../../../../shared/alerts';
import { checkQuery } from '../../../../shared/listen';

/**
 * An alert rule as the form edits it: every kind's fields side by side (switching the kind of a
 * new rule keeps what was typed), numbers and lists as typed. `ruleInputOf` turns it into what
 * alerts.rules.save takes; `checkDraft` runs the same schema the server runs and maps each issue
 * to the field it is about, so the error shows under that field.
 */
export interface RuleDraft {
  kind: AlertRuleKind;
  id: string;
  name: string;
  enabled: boolean;
  severity: Severity;
  cooldownMinutes: string;
  channels: string[];
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  quietTimeZone: string;
  /** 0 = Sunday; none ticked = every day. */
  quietDays: number[];
  breakThrough: Severity;
  query: string;
  targetKind: 'all' | 'topic' | 'query';
  targetTerm: string;
  targetQuery: string;
  measure: 'significance' | 'ratio';
  threshold: string;
  minCount: string;
  drop: string;
  below: string;
  /** One per line (or comma-separated). */
  handles: string;
  minFollowers: string;
  brandTerms: string;
  minCooccurrence: string;
  terms: string;
}

export type DraftField = keyof RuleDraft;
export type DraftErrors = Partial<Record<DraftField | 'form', string>>;

export const RULE_KINDS: ReadonlyArray<{ kind: AlertRuleKind; label: string; what: string }> = [
  { kind: 'query_match', label: 'Query match', what: 'every post that matches a query raises an alert at once' },
  { kind: 'volume_spike', label: 'Volume spike', what: 'posts about a topic, a query or everything rise far above their usual level' },
  { kind: 'sentiment_drop', label: 'Sentiment drop', what: 'the mood of a topic, a query or everything falls below its usual level or a floor' },
  { kind: 'author', label: 'VIP author', what: 'one of the named handles posts' },
  { kind: 'brand_trend', label: 'Trend with the brand', what: 'a newly trending term shows up together with the brand' },
  { kind: 'sensitive_event', label: 'Sensitive news', what: 'news words (disaster, shooting …) trend: check the scheduled posts' },
];

/** A new rule's starting values (the server's own defaults where it has them). */
export function newDraft(kind: AlertRuleKind, nowMs: number, timeZone: string): RuleDraft {
  return {
    kind,
    id: `rule-${nowMs.toString(36)}`,
    name: '',
    enabled: true,
    severity: kind === 'sensitive_event' ? 'crisis' : 'warning',
    cooldownMinutes: '30',
    channels: [],
    quiet: false,
    quietStart: '22:00',
    quietEnd: '07:00',
    quietTimeZone: timeZone,
    quietDays: [],
    breakThrough: 'crisis',
    query: '',
    targetKind: 'all',
    targetTerm: '',
    targetQuery: '',
    measure: 'significance',
    threshold: '3',
    minCount: kind === 'sensitive_event' ? '5' : '10',
    drop: '0.3',
    below: '',
    handles: '',
    minFollowers: '',
    brandTerms: '',
    minCooccurrence: '3',
    terms: '',
  };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The form's view of a saved rule. */
export function draftOf(rule: AlertRule, timeZone: string): RuleDraft {
  const d = newDraft(rule.kind, 0, timeZone);
  Object.assign(d, {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled,
    severity: rule.severity,
    cooldownMinutes: text(rule.cooldownMinutes),
    channels: [...rule.channels],
  });
  if (rule.quietHours) {
    const q = rule.quietHours;
    Object.assign(d, { quiet: true, quietStart: q.start, quietEnd: q.end, quietTimeZone: q.timeZone, quietDays: [...(q.days ?? [])], breakThrough: q.breakThrough });
  }
  switch (rule.kind) {
    case 'query_match':
      d.query = rule.query;
      break;
    case 'volume_spike':
    case 'sentiment_drop':
      d.targetKind = rule.target.kind;
      if (rule.target.kind === 'topic') d.targetTerm = rule.target.term ?? '';
      if (rule.target.kind === 'query') d.targetQuery = rule.target.query;
      d.minCount = text(rule.minCount);
      if (rule.kind === 'volume_spike') Object.assign(d, { measure: rule.measure, threshold: text(rule.threshold) });
      else Object.assign(d, { drop: text(rule.drop), below: text(rule.below) });
      break;
    case 'author':
      Object.assign(d, { handles: rule.handles.join('\n'), minFollowers: text(rule.minFollowers) });
      break;
    case 'brand_trend':
      Object.assign(d, { brandTerms: rule.brandTerms.join('\n'), minCooccurrence: text(rule.minCooccurrence), threshold: text(rule.threshold) });
      break;
    case 'sensitive_event':
      Object.assign(d, { terms: rule.terms.join('\n'), threshold: text(rule.threshold), minCount: text(rule.minCount) });
      break;
  }
  return d;
}

/** Empty → left to the server's default; anything else a number (NaN when it isn't one: the schema says so). */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
const numOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()));
const list = (s: string): string[] =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** What alerts.rules.save takes for this draft (only the fields of its kind). */
export function ruleInputOf(d: RuleDraft): Record<string, unknown> {
  const days = d.quietDays.length > 0 && d.quietDays.length < 7 ? { days: [...d.quietDays].sort((a, b) => a - b) } : {};
  const common = {
    id: d.id.trim(),
    name: d.name.trim(),
    enabled: d.enabled,
    severity: d.severity,
    cooldownMinutes: num(d.cooldownMinutes),
    quietHours: d.quiet ? { start: d.quietStart.trim(), end: d.quietEnd.trim(), timeZone: d.quietTimeZone.trim(), ...days, breakThrough: d.breakThrough } : null,
    channels: d.channels,
  };
  const target =
    d.targetKind === 'query' ? { kind: 'query', query: d.targetQuery } : d.targetKind === 'topic' ? { kind: 'topic', ...(d.targetTerm.trim() ? { term: d.targetTerm.trim() } : {}) } : { kind: 'all' };
  const byKind: Record<AlertRuleKind, Record<string, unknown>> = {
    query_match: { query: d.query },
    volume_spike: { target, measure: d.measure, threshold: num(d.threshold), minCount: num(d.minCount) },
    sentiment_drop: { target, drop: num(d.drop), below: numOrNull(d.below), minCount: num(d.minCount) },
    author: { handles: list(d.handles), minFollowers: numOrNull(d.minFollowers) },
    brand_trend: { brandTerms: list(d.brandTerms), minCooccurrence: num(d.minCooccurrence), threshold: num(d.threshold) },
    sensitive_event: { terms: list(d.terms), threshold: num(d.threshold), minCount: num(d.minCount) },
  };
  const out: Record<string, unknown> = { ...common, kind: d.kind, ...byKind[d.kind] };
  // Left out rather than undefined, so the JSON view shows exactly what is sent.
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

const QUIET_FIELDS: Record<string, DraftField> = { start: 'quietStart', end: 'quietEnd', timeZone: 'quietTimeZone', days: 'quietDays', breakThrough: 'breakThrough' };
const LIST_FIELDS = new Set<string>(['handles', 'brandTerms', 'terms', 'channels']);

/** Which form field a schema issue is about. */
export function fieldOf(path: readonly PropertyKey[], draft: RuleDraft): DraftField | 'form' {
  const [first, second] = path.map(String);
  if (first === 'quietHours') return QUIET_FIELDS[second ?? ''] ?? 'quiet';
  if (first === 'target') return second === 'query' ? 'targetQuery' : second === 'term' ? 'targetTerm' : 'targetKind';
  if (first !== undefined && first in draft) return first as DraftField;
  return 'form';
}

/** The schema's issue in words for the field it sits under. */
export function issueText(issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; expected?: string; received?: string };
  const list = LIST_FIELDS.has(String(issue.path[0] ?? ''));
  switch (i.code) {
    case 'invalid_type':
      if (i.expected === 'int') return 'a whole number';
      if (i.expected === 'number') return 'a number';
      return issue.message;
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? (list ? 'no empty entries' : 'required') : `at least ${i.minimum} characters`;
      if (i.origin === 'array') return Number(i.minimum) === 1 ? 'name at least one' : `at least ${i.minimum}`;
      return i.inclusive ? `at least ${i.minimum}` : `more than ${i.minimum}`;
    case 'too_big':
      if (i.origin === 'string') return `at most ${i.maximum} characters`;
      if (i.origin === 'array') return `at most ${i.maximum} entries`;
      return i.inclusive ? `at most ${i.maximum}` : `less than ${i.maximum}`;
    default:
      return issue.message;
  }
}

export interface CheckedDraft {
  /** The rule as the server will take it, when every field is valid. */
  rule: AlertRule | null;
  errors: DraftErrors;
}

/** The server's schema on the draft (plus the query parser), each error under its field. */
export function checkDraft(d: RuleDraft): CheckedDraft {
  const errors: DraftErrors = {};
  const parsed = alertRuleSchema.safeParse(ruleInputOf(d));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const f = fieldOf(issue.path, d);
      errors[f] ??= issueText(issue);
    }
  }
  const queryField: DraftField | null = d.kind === 'query_match' ? 'query' : (d.kind === 'volume_spike' || d.kind === 'sentiment_drop') && d.targetKind === 'query' ? 'targetQuery' : null;
  if (queryField && !errors[queryField] && d[queryField].trim()) {
    const q = checkQuery(d[queryField]);
    if (q) errors[queryField] = `${q.message} (character ${q.position + 1})`;
  }
  return { rule: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null, errors };
}
