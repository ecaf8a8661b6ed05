import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import type { Hub } from '../../../electron/hub/start-hub.js';
import type { ConversationView } from '../../../shared/queue-views.js';
import { hubOn, rpc, tmpDataDir } from '../hub/hub-helpers.js';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The 10-minute story at 10× (60 s): one epoch per scenario minute, the burst from 17 s, the cheerful post due at 40 s.
const SPEED = 10;

describe('the default demo tells the crisis story (issue 11)', () => {
  it('schedules the brand’s posts; the burst raises a crisis alert and a freeze suggestion; nobody freezes, so the cheerful post goes out', { timeout: 120_000 }, async () => {
    hub = await hubOn(tmpDataDir(), { demo: 'default', speed: SPEED, pollIntervalMs: 250, publish: { tickMs: 100 } });
    const lead = hub.tokens!.lead!;
    const posts = (await rpc(hub, 'posts.list', lead, {})).body.posts as Array<{ text: string; status: string; scheduledAt: string }>;
    const cheerful = posts.find((p) => p.text.startsWith('Had a hard day?'));
    expect(cheerful).toMatchObject({ status: 'scheduled' });
    expect(posts).toHaveLength(3);
    const rules = (await rpc(hub, 'alerts.rules.list', lead, {})).body.rules as Array<{ id: string; severity: string }>;
    expect(rules).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'demo-payments-crisis', severity: 'crisis' })]));

    const crisis = await until(
      'a crisis alert',
      async () => ((await rpc(hub!, 'alerts.list', lead, {})).body.alerts as Alert[]).find((a) => a.ruleId === 'demo-payments-crisis'),
      60_000,
    );
    expect(crisis.severity).toBe('crisis');
    expect(crisis.evidence.itemIds.length).toBeGreaterThan(0);
    // Raised before the cheerful post is due: there is time to freeze.
    expect(Date.parse(crisis.createdAt)).toBeLessThan(Date.parse(cheerful!.scheduledAt));
    const suggestions = (await rpc(hub, 'freeze.get', lead, {})).body.suggestions as Array<{ by: string; reason: string }>;
    expect(suggestions).toEqual([expect.objectContaining({ by: 'alerts', reason: expect.stringContaining('Payments failing') })]);

    // Nobody froze: the cheerful post goes out at its time.
    await until('the cheerful post published', async () => hub!.sandbox!.published().some((s) => (s.content ?? '').includes('Had a hard day?')), 45_000);

    // At 4:40 the business reporter (250,000 followers) asked about the outage: a reach alert, and PR gets her, urgently.
    const reach = ((await rpc(hub, 'alerts.list', lead, {})).body.alerts as Alert[]).find((a) => a.ruleId === 'demo-high-reach');
    expect(reach).toMatchObject({ severity: 'warning', subject: expect.stringContaining('dana_ortiz@press.example') });
    expect(reach!.why).toContain('250,000 followers');
    const conversations = (await rpc(hub, 'queue.list', lead, { view: 'all' })).body.conversations as ConversationView[];
    expect(conversations.find((c) => c.author.handle === 'dana_ortiz@press.example')).toMatchObject({ team: 'pr', priority: 'urgent', tags: expect.arrayContaining(['high-reach', 'press']) });
  });
});
