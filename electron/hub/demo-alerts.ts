import type { AlertRuleInput } from '../../shared/alerts.js';
import type { Clock } from '../../shared/clock.js';
import type { UserView } from '../../shared/domain.js';
import type { EngineWithInternals } from '../engine/index.js';

/** Who the demo's own rules and posts are from, in the audit. */
const DEMO_USER: UserView = { name: 'lead', role: 'lead' };

/**
 * The default scenario's crisis is its ordering app failing and charging cards twice (from 2:50 of
 * the 10-minute story): for this brand that is the news it must not post cheerfully through.
 */
export const DEMO_ALERT_RULES: AlertRuleInput[] = [
  {
    id: 'demo-payments-crisis',
    name: 'Payments failing',
    kind: 'sensitive_event',
    severity: 'crisis',
    terms: ['charged', 'charged twice', 'double charged', 'payment failed', 'order failed', 'outage', 'app down', 'abgebucht', 'débité', 'cobró'],
    threshold: 3,
    minCount: 5,
    cooldownMinutes: 60,
  },
  { id: 'demo-brand-trend', name: 'New trend around Kettlebird', kind: 'brand_trend', severity: 'warning', brandTerms: ['kettlebird', '#kettlebird', '#kettlebirdapp'], cooldownMinutes: 30 },
  { id: 'demo-refunds', name: 'Refund asked for', kind: 'query_match', severity: 'info', query: 'refund', cooldownMinutes: 10 },
  // The scenario's business reporter (250,000 followers) asks about the outage at 4:40.
  { id: 'demo-high-reach', name: 'High-reach author', kind: 'author', severity: 'warning', handles: [], minFollowers: 50_000, cooldownMinutes: 30 },
];

/**
 * The brand's scheduled posts, by the second of the scenario they are due at: a morning post that
 * goes out before the trouble, the cheerful one due while the app is still failing (the one to
 * stop), and an evening one.
 */
export const DEMO_POSTS: Array<{ atSec: number; text: string }> = [
  { atSec: 60, text: 'Good morning! Dawn Roast is back on every Kettlebird counter today. #kettlebird' },
  { atSec: 400, text: 'Had a hard day? Time to hit the hay: a warm Nightjar decaf, then bed. Sweet dreams from Kettlebird! #kettlebird' },
  { atSec: 560, text: 'Evening, coffee people: thanks for spending the day with us. #kettlebird' },
];

/**
 * The demo's alert rules and the brand's scheduled posts (issue 11's crisis story). Rules are
 * saved again on every start (a demo resets them); posts only into a data dir that has none, so
 * a restarted demo doesn't schedule them twice. `speed` compresses the story like the sandbox does.
 */
export async function seedDemoAlerts(engine: EngineWithInternals, clock: Clock, speed: number): Promise<void> {
  for (const rule of DEMO_ALERT_RULES) await engine.call(DEMO_USER, 'alerts.rules.save', { rule });
  const existing = await engine.call(DEMO_USER, 'posts.list', { limit: 1 });
  if (existing.posts.length > 0) return;
  const { accounts } = await engine.call(DEMO_USER, 'accounts.list', {});
  const account = accounts[0];
  if (!account) return;
  const start = clock.now();
  for (const p of DEMO_POSTS) {
    const at = new Date(start + Math.round((p.atSec * 1000) / speed)).toISOString();
    await engine.call(DEMO_USER, 'posts.create', { accountIds: [account.id], text: p.text, scheduledAt: at, timeZone: 'UTC' });
  }
}
