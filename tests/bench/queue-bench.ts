import { addBusinessMs, businessMsBetween, compileCalendar } from '../../electron/engine/queue/business-calendar.js';
import { slaStatus, type SlaEvent, type SlaEventType } from '../../electron/engine/queue/sla-timers.js';
import { compileTriage } from '../../electron/engine/queue/triage.js';
import {
  TRIAGE_INTENTS,
  TRIAGE_SENTIMENTS,
  TRIAGE_STAGES,
  triageConfigSchema,
  type TriageCondition,
  type TriageItem,
} from '../../shared/queue-rules.js';
import { businessCalendarSchema, PRIORITIES, slaPolicySchema } from '../../shared/queue-sla.js';

/** A deterministic generator, so every run routes the same items through the same rules. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = Array.from({ length: 40 }, (_, i) => `topic-${i}`);
const QUERIES = Array.from({ length: 30 }, (_, i) => `q${i}`);
const CUES = ['legal', 'safety', 'cancel', 'journalist'];
const LANGS = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt-br'];
const TEAMS = ['care', 'sales', 'billing', 'pr', 'legal', 'hr'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}
function some<T>(r: () => number, list: readonly T[], n: number): T[] {
  return Array.from({ length: n }, () => pick(r, list)).filter((v, i, a) => a.indexOf(v) === i);
}

function condition(r: () => number): TriageCondition {
  const not = r() < 0.1;
  switch (Math.floor(r() * 10)) {
    case 0:
      return { field: 'intent', in: some(r, TRIAGE_INTENTS, 2), not };
    case 1:
      return { field: 'sentiment', in: some(r, TRIAGE_SENTIMENTS, 1), not };
    case 2:
      return { field: 'stage', in: some(r, TRIAGE_STAGES, 2), not };
    case 3:
      return { field: 'language', in: some(r, LANGS, 2), not };
    case 4:
      return { field: 'topic', in: some(r, TOPICS, 3), not };
    case 5:
      return { field: 'urgency', in: some(r, CUES, 1), not };
    case 6:
      return { field: 'reach', atLeast: Math.floor(r() * 50_000) };
    case 7:
      return { field: 'vip', is: true };
    case 8:
      return { field: 'query', in: some(r, QUERIES, 2), not };
    default:
      return { field: 'platform', in: ['mastodon'], not };
  }
}

/** 200 rules of 2–4 conditions, a fifth of them "continue"; the last one a catch-all for praise. */
function rules(n: number) {
  const r = rng(42);
  const list = Array.from({ length: n - 1 }, (_, i) => ({
    id: `r${i}`,
    name: `Rule ${i}`,
    when: Array.from({ length: 2 + Math.floor(r() * 3) }, () => condition(r)),
    then: { team: pick(r, TEAMS), priority: pick(r, PRIORITIES), tags: [`t${i % 17}`] },
    continue: r() < 0.2,
  }));
  list.push({ id: 'praise', name: 'Praise', when: [{ field: 'intent', in: ['praise'], not: false }], then: { team: 'care', priority: 'low', tags: ['praise'] }, continue: false });
  return triageConfigSchema.parse({
    rules: list,
    defaultRoute: { team: 'care' },
    vip: Array.from({ length: 500 }, (_, i) => `vip${i}@social.example`),
  });
}

function items(n: number): TriageItem[] {
  const r = rng(7);
  return Array.from({ length: n }, (_, i) => ({
    platform: 'mastodon',
    sourceId: `s${i % 5}`,
    text: `post ${i}`,
    lang: pick(r, LANGS),
    intent: pick(r, TRIAGE_INTENTS),
    sentiment: pick(r, TRIAGE_SENTIMENTS),
    stage: pick(r, TRIAGE_STAGES),
    topics: some(r, TOPICS, Math.floor(r() * 3)),
    urgency: r() < 0.1 ? [pick(r, CUES)] : [],
    author: { handle: r() < 0.01 ? `vip${i % 500}@social.example` : `u${i}@social.example`, followers: r() < 0.2 ? null : Math.floor(r() * 60_000) },
    private: r() < 0.05,
  }));
}

function benchRouting() {
  const config = rules(200);
  const all = items(100_000);
  // Issue 10's matcher is an automaton; here a precomputed hit set per item stands in for it.
  const r = rng(99);
  const hits = new Map(all.map((it) => [it, new Set(some(r, QUERIES, Math.floor(r() * 2)))]));
  const triage = compileTriage(config, { matchesQuery: (q, it) => hits.get(it)!.has(q) });
  for (let i = 0; i < 10_000; i++) triage.route(all[i]!);
  const t0 = performance.now();
  let matched = 0;
  const teams = new Map<string, number>();
  for (const it of all) {
    const out = triage.route(it);
    matched += out.matched.length;
    teams.set(out.team, (teams.get(out.team) ?? 0) + 1);
  }
  const ms = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < 1000; i++) triage.explain(all[i]!);
  const explainMs = performance.now() - t1;
  return {
    items: all.length,
    rules: config.rules.length,
    totalMs: Math.round(ms),
    usPerItem: Number(((ms * 1000) / all.length).toFixed(2)),
    itemsPerSecond: Math.round(all.length / (ms / 1000)),
    rulesMatchedPerItem: Number((matched / all.length).toFixed(2)),
    byTeam: Object.fromEntries(teams),
    explainUsPerItem: Number(((explainMs * 1000) / 1000).toFixed(1)),
  };
}

function benchSla() {
  const hours = [
    { from: '08:00', to: '12:00' },
    { from: '13:00', to: '18:00' },
  ];
  const calendar = businessCalendarSchema.parse({
    id: 'berlin',
    name: 'Berlin',
    timeZone: 'Europe/Berlin',
    week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [{ from: '10:00', to: '14:00' }] },
    holidays: [
      { date: '2025-10-03', name: 'German Unity Day' },
      { date: '2025-12-24', name: 'Christmas Eve', hours: [{ from: '09:00', to: '12:00' }] },
      { date: '2025-12-25', name: 'Christmas Day' },
    ],
  });
  const policy = slaPolicySchema.parse({ id: 'std', name: 'Standard', calendar: 'berlin', firstResponseMinutes: 60, resolutionMinutes: 16 * 60, byPriority: { urgent: { firstResponseMinutes: 15, resolutionMinutes: 240 } } });
  const r = rng(3);
  const start = Date.parse('2025-10-20T00:00:00Z');
  const now = start + 40 * 86_400_000; // spans the DST change on 26 October
  const types: SlaEventType[] = ['customer_wrote', 'agent_replied', 'waiting', 'customer_wrote', 'resolved', 'reopened'];
  const conversations = Array.from({ length: 10_000 }, () => {
    const created = start + Math.floor(r() * 35 * 86_400_000);
    const events: SlaEvent[] = [{ type: 'created', at: created }];
    for (let k = 0, t = created; k < Math.floor(r() * 6); k++) {
      t += Math.floor(r() * 8 * 3_600_000); // the next event within 8 hours
      events.push({ type: pick(r, types), at: t });
    }
    return { events, priority: pick(r, PRIORITIES) };
  });
  const run = () => {
    const compiled = compileCalendar(calendar);
    const t0 = performance.now();
    let breached = 0;
    for (const c of conversations) if (slaStatus({ policy, priority: c.priority, calendar: compiled, events: c.events, now }).state === 'breached') breached++;
    return { ms: performance.now() - t0, breached, compiled };
  };
  const cold = run();
  const t1 = performance.now();
  let warm = 0;
  for (const c of conversations) if (slaStatus({ policy, priority: c.priority, calendar: cold.compiled, events: c.events, now }).state !== 'ok') warm++;
  const warmMs = performance.now() - t1;
  // The primitives on their own, on a warm calendar: 30-day spans and 8-hour deadlines.
  const t2 = performance.now();
  for (let i = 0; i < 10_000; i++) businessMsBetween(cold.compiled, start + i * 60_000, start + i * 60_000 + 30 * 86_400_000);
  const betweenMs = performance.now() - t2;
  const t3 = performance.now();
  for (let i = 0; i < 10_000; i++) addBusinessMs(cold.compiled, start + i * 600_000, 8 * 3_600_000);
  const addMs = performance.now() - t3;
  return {
    conversations: conversations.length,
    coldMs: Math.round(cold.ms),
    coldUsPerConversation: Number(((cold.ms * 1000) / conversations.length).toFixed(1)),
    warmMs: Math.round(warmMs),
    warmUsPerConversation: Number(((warmMs * 1000) / conversations.length).toFixed(1)),
    breached: cold.breached,
    notOk: warm,
    between30DaysUs: Number(((betweenMs * 1000) / 10_000).toFixed(2)),
    add8HoursUs: Number(((addMs * 1000) / 10_000).toFixed(2)),
  };
}

/** Routing cost per inbound item over 100,000 items with 200 rules; SLA timer cost. */
export function benchQueue() {
  return { routing: benchRouting(), sla: benchSla() };
}
