import { alertRuleSchema, type AlertRule } from '../../../shared/alerts.js';
import { defaultSensitiveTerms } from './sensitive-terms.js';

/**
 * The rules a fresh install starts with (a lead edits them in Settings): the news the brand
 * must not post through (crisis), a new trend around the brand, and the whole stream's volume
 * and mood. `brandTerms` are the brand's names and hashtags.
 */
export function defaultAlertRules(brandTerms: readonly string[], channels: readonly string[] = []): AlertRule[] {
  const common = { channels: [...channels] };
  return [
    { ...common, id: 'default-sensitive-events', name: 'Sensitive news', kind: 'sensitive_event', severity: 'crisis', terms: defaultSensitiveTerms(), cooldownMinutes: 60 },
    ...(brandTerms.length > 0 ? [{ ...common, id: 'default-brand-trend', name: 'New trend around the brand', kind: 'brand_trend', severity: 'warning', brandTerms: [...brandTerms] }] : []),
    { ...common, id: 'default-volume', name: 'Unusual volume', kind: 'volume_spike', severity: 'warning', target: { kind: 'all' }, measure: 'significance', threshold: 4, minCount: 20 },
    { ...common, id: 'default-mood', name: 'Mood falling', kind: 'sentiment_drop', severity: 'warning', target: { kind: 'all' }, drop: 0.4, minCount: 20 },
  ].map((r) => alertRuleSchema.parse(r));
}
