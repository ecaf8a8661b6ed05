import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { changeAccess } from '../../../shared/changes.js';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { addUser } from '../../../electron/engine/team/users.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { hubOn, rpc, tmpDataDir } from '../hub/hub-helpers.js';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function start(dir = tmpDataDir()) {
  const clock = new FakeClock();
  hub = await hubOn(dir, { clock, alerts: { trends: { epochMs: 60_000, width: 2 ** 14 }, dispatch: { policy: { maxAttempts: 1 } } } });
  const t = {
    wall: addUser(hub.store, clock, 'lobby-wall', 'wall'),
    agent: addUser(hub.store, clock, 'ana', 'agent'),
    lead: addUser(hub.store, clock, 'lee', 'lead'),
  };
  return { hub, clock, t, dir };
}

const rule = { id: 'refunds', name: 'Refund mention', kind: 'query_match', severity: 'warning', query: 'refund', cooldownMinutes: 0 };

async function refundAlerts(h: Hub, clock: FakeClock, token: string, text: string): Promise<Alert[]> {
  h.engine.pipeline.ingest('test', [{ op: 'upsert', post: post({ html: `<p>${text}</p>` }) }]);
  await h.engine.alerts.idle();
  clock.advance(1000);
  return ((await rpc(h, 'alerts.list', token, {})).body.alerts as Alert[]).filter((a) => a.ruleId === 'refunds');
}

describe('alerts.rules.remove (session 15)', () => {
  it('refuses agents and the wall: the rule stays and keeps raising alerts', async () => {
    const { hub, clock, t } = await start();
    expect((await rpc(hub, 'alerts.rules.save', t.lead, { rule })).status).toBe(200);
    for (const who of [t.agent, t.wall]) {
      const res = await rpc(hub, 'alerts.rules.remove', who, { id: 'refunds' });
      expect(res.status).toBe(403);
    }
    const ids = ((await rpc(hub, 'alerts.rules.list', t.lead, {})).body.rules as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toContain('refunds');
    expect(await refundAlerts(hub, clock, t.lead, 'I want a refund for order 1')).toHaveLength(1);
    expect(hub.store.changes.changesSince(0, 100_000).map((e) => e.change.kind)).not.toContain('alert_rule.removed');
  });

  it('a lead removes a rule: it no longer evaluates, the change event and the audit entry say who and what', async () => {
    const { hub, clock, t } = await start();
    expect((await rpc(hub, 'alerts.rules.save', t.lead, { rule })).status).toBe(200);
    expect(await refundAlerts(hub, clock, t.lead, 'I want a refund for order 1')).toHaveLength(1);

    const res = await rpc(hub, 'alerts.rules.remove', t.lead, { id: 'refunds' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, id: 'refunds' });
    const listed = (await rpc(hub, 'alerts.rules.list', t.lead, {})).body as { rules: Array<{ id: string }>; invalid: unknown[] };
    expect(listed.rules.map((r) => r.id)).not.toContain('refunds');
    expect(listed.rules.map((r) => r.id)).toContain('default-sensitive-events');
    // Another matching post: no new alert from the removed rule; the one it raised before stays listed.
    expect(await refundAlerts(hub, clock, t.lead, 'Still waiting for my refund on order 2')).toHaveLength(1);

    const removed = hub.store.changes.changesSince(0, 100_000).filter((e) => e.change.kind === 'alert_rule.removed');
    expect(removed.map((e) => e.change)).toEqual([{ kind: 'alert_rule.removed', id: 'refunds' }]);
    expect(changeAccess({ kind: 'alert_rule.removed', id: 'refunds' })).toBe('lead');
    const audit = (await rpc(hub, 'audit.list', t.lead, { entity: 'alert_rule' })).body.entries as Array<{ actor: string; action: string; entityId: string; details: { rule: { query: string } } }>;
    expect(audit).toEqual([expect.objectContaining({ actor: 'lee', action: 'alert_rule.removed', entityId: 'refunds' })]);
    expect(audit[0]!.details.rule.query).toBe('refund');

    const again = await rpc(hub, 'alerts.rules.remove', t.lead, { id: 'refunds' });
    expect(again.status).toBe(404);
    expect((again.body as { error: { message: string } }).error.message).toContain('no alert rule "refunds"');
    expect(hub.store.changes.changesSince(0, 100_000).filter((e) => e.change.kind === 'alert_rule.removed')).toHaveLength(1);
  });

  it('a store whose lead removed every rule stays without rules after a restart (the defaults are for a fresh store)', async () => {
    const first = await start();
    const ids = ((await rpc(first.hub, 'alerts.rules.list', first.t.lead, {})).body.rules as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toContain('default-sensitive-events');
    for (const id of ids) expect((await rpc(first.hub, 'alerts.rules.remove', first.t.lead, { id })).status).toBe(200);
    await first.hub.close();
    hub = await hubOn(first.dir, { clock: new FakeClock() });
    expect(hub.engine.alerts.repos.rules.list().rules).toEqual([]);
  });
});
