import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { addUser } from '../../../electron/engine/team/users.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { hubOn, rpc, tmpDataDir, WsClient } from '../hub/hub-helpers.js';

const EPOCH = 60_000;
let hub: Hub | null = null;
let server: Server | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function start(over: { publicUrl?: string } = {}) {
  const clock = new FakeClock();
  hub = await hubOn(tmpDataDir(), { clock, alerts: { trends: { epochMs: EPOCH, width: 2 ** 14 }, dispatch: { policy: { maxAttempts: 1 } } }, ...over });
  const t = {
    wall: addUser(hub.store, clock, 'lobby-wall', 'wall'),
    agent: addUser(hub.store, clock, 'ana', 'agent'),
    lead: addUser(hub.store, clock, 'lee', 'lead'),
    crisis: addUser(hub.store, clock, 'cris', 'crisis'),
  };
  return { hub, clock, t };
}

const CHATTER = ['Morning latte at the harbour', 'Great croissant today', 'Queue is long but worth it', 'Trying the cold brew', 'Rainy day, warm cup'];

/** Steady chatter for `epochs` epochs, then a burst about a shooting: what the default sensitive-news rule is for. */
async function steadyThenBurst(h: Hub, clock: FakeClock, epochs: number, visibility: 'public' | 'direct' = 'public') {
  let n = 0;
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < 20; i++) {
      h.engine.pipeline.ingest('test', [{ op: 'upsert', post: post({ html: `<p>${CHATTER[n++ % CHATTER.length]} ${n}</p>`, tags: [] }) }]);
      clock.advance(EPOCH / 20);
    }
    await h.engine.alerts.idle();
  }
  for (let i = 0; i < 15; i++) {
    h.engine.pipeline.ingest('test', [{ op: 'upsert', post: post({ html: `<p>Shooting at the central station, police everywhere ${i}</p>`, tags: [], visibility }) }]);
    clock.advance(500);
  }
  await h.engine.alerts.idle();
}

describe('trends and alerts wired into the engine (issue 11)', () => {
  it('a burst of sensitive news raises a stored crisis alert with evidence, a change event and a freeze suggestion the freeze answers', async () => {
    const { hub, clock, t } = await start();
    await steadyThenBurst(hub, clock, 5);
    const list = await rpc(hub, 'alerts.list', t.agent, {});
    expect(list.status).toBe(200);
    const alerts = list.body.alerts as Alert[];
    const crisis = alerts.find((a) => a.severity === 'crisis');
    expect(crisis).toBeDefined();
    expect(crisis!.ruleId).toBe('default-sensitive-events');
    expect(crisis!.evidence.itemIds.length).toBeGreaterThan(0);
    expect(crisis!.private).toBe(false);
    const kinds = hub.store.changes.changesSince(0, 100_000).map((e) => e.change.kind);
    expect(kinds).toContain('alert.raised');
    expect(kinds).toContain('trends.onset');

    const freeze = await rpc(hub, 'freeze.get', t.crisis, {});
    const suggestions = freeze.body.suggestions as Array<{ id: string; by: string; reason: string; evidence: Array<{ text: string }> }>;
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.by).toBe('alerts');
    expect(suggestions[0]!.evidence.some((e) => /Shooting/.test(e.text))).toBe(true);

    const top = await rpc(hub, 'trends.top', t.wall, {});
    const terms = (top.body.terms as Array<{ term: string; itemIds: number[] }>).map((x) => x.term);
    expect(terms.join(' ')).toMatch(/shooting|station|police/);
    expect((top.body.terms as Array<{ itemIds: number[] }>).every((x) => x.itemIds.length === 0)).toBe(true);

    const set = await rpc(hub, 'freeze.set', t.crisis, { frozen: true, reason: 'shooting downtown', suggestionId: suggestions[0]!.id });
    expect(set.status).toBe(200);
    const audit = await rpc(hub, 'audit.list', t.lead, { entity: 'freeze' });
    const entry = (audit.body.entries as Array<{ action: string; details: Record<string, unknown> }>).find((e) => e.action === 'freeze.set');
    expect(entry!.details.suggestionId).toBe(suggestions[0]!.id);
    expect(entry!.details.suggestion).toMatchObject({ by: 'alerts' });
    expect((await rpc(hub, 'freeze.set', t.crisis, { frozen: true, reason: 'x', suggestionId: 'nope' })).status).toBe(404);
  });

  it('acknowledges once (who, when); the wall may not acknowledge', async () => {
    const { hub, clock, t } = await start();
    await steadyThenBurst(hub, clock, 5);
    const [alert] = (await rpc(hub, 'alerts.list', t.agent, {})).body.alerts as Alert[];
    expect((await rpc(hub, 'alerts.ack', t.wall, { id: alert!.id })).status).toBe(403);
    const acked = await rpc(hub, 'alerts.ack', t.agent, { id: alert!.id });
    expect((acked.body.alert as Alert).ack).toEqual({ by: 'ana', at: new Date(clock.now()).toISOString() });
    clock.advance(1000);
    const again = await rpc(hub, 'alerts.ack', t.lead, { id: alert!.id });
    expect((again.body.alert as Alert).ack?.by).toBe('ana');
    expect(hub.store.changes.changesSince(0, 100_000).filter((e) => e.change.kind === 'alert.acked')).toHaveLength(1);
    expect((await rpc(hub, 'alerts.ack', t.agent, { id: 'missing' })).status).toBe(404);
    const open = (await rpc(hub, 'alerts.list', t.agent, { unacknowledged: true })).body.alerts as Alert[];
    expect(open.some((a) => a.id === alert!.id)).toBe(false);
  });

  it('keeps an alert about a private post off the wall: not listed, not streamed, no freeze suggestion from it', async () => {
    const { hub, clock, t } = await start();
    await hub.engine.alerts.repos.rules.save(
      { id: 'dm-words', name: 'Refund DMs', kind: 'query_match', query: 'refund', enabled: true, severity: 'crisis', cooldownMinutes: 0, quietHours: null, channels: [] },
      'lee',
      new Date(clock.now()).toISOString(),
    );
    hub.engine.alerts.reloadRules();
    const wall = new WsClient(hub.url);
    await wall.opened;
    wall.send({ type: 'auth', token: t.wall, since: 0 });
    hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: post({ html: '<p>please refund card 4471</p>', visibility: 'direct' }) }]);
    await hub.engine.alerts.idle();
    const agentList = (await rpc(hub, 'alerts.list', t.agent, {})).body.alerts as Alert[];
    expect(agentList.map((a) => [a.ruleId, a.private])).toEqual([['dm-words', true]]);
    expect((await rpc(hub, 'alerts.list', t.wall, {})).body.alerts).toEqual([]);
    // Its evidence is a private message: no suggestion (suggestions reach every screen, the wall's too).
    expect((await rpc(hub, 'freeze.get', t.crisis, {})).body.suggestions).toEqual([]);
    await wall.waitFor((m) => m.some((x) => x.type === 'ready'));
    await new Promise((r) => setTimeout(r, 100));
    expect(wall.changes().map((c) => c.change.kind)).not.toContain('alert.raised');
    wall.close();
  });

  it('a crisis many public posts show stays public when a private post is among its evidence: the private one leaves the evidence', async () => {
    const { hub, clock, t } = await start();
    await hub.engine.alerts.repos.rules.save(
      { id: 'station', name: 'Station incident', kind: 'volume_spike', target: { kind: 'query', query: 'shooting' }, measure: 'significance', threshold: 3, minCount: 5, enabled: true, severity: 'crisis', cooldownMinutes: 60, quietHours: null, channels: [] },
      'lee',
      new Date(clock.now()).toISOString(),
    );
    hub.engine.alerts.reloadRules();
    let n = 0;
    for (let e = 0; e < 5; e++) {
      for (let i = 0; i < 20; i++) {
        hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: post({ html: `<p>${CHATTER[n++ % CHATTER.length]} ${n}</p>`, tags: [] }) }]);
        clock.advance(EPOCH / 20);
      }
      await hub.engine.alerts.idle();
    }
    const dmText = 'Shooting at the central station, my card 4471 was in my bag';
    for (let i = 0; i < 15; i++) {
      const dm = i % 4 === 1;
      hub.engine.pipeline.ingest('test', [
        { op: 'upsert', post: post({ html: `<p>${dm ? dmText : 'Shooting at the central station, police everywhere'} ${i}</p>`, tags: [], visibility: dm ? 'direct' : 'public' }) },
      ]);
      clock.advance(500);
    }
    await hub.engine.alerts.idle();
    const crisis = ((await rpc(hub, 'alerts.list', t.agent, {})).body.alerts as Alert[]).find((a) => a.ruleId === 'station');
    expect(crisis).toBeDefined();
    expect(crisis!.private).toBe(false);
    expect(crisis!.evidence.itemIds.length).toBeGreaterThan(0);
    for (const id of crisis!.evidence.itemIds) expect(hub.store.items.get(id)!.visibility).toBe('public');
    expect(((await rpc(hub, 'alerts.list', t.wall, {})).body.alerts as Alert[]).map((a) => a.id)).toContain(crisis!.id);
    const suggestions = (await rpc(hub, 'freeze.get', t.crisis, {})).body.suggestions as Array<{ evidence: Array<{ text: string }> }>;
    // This rule's suggestion (and the default sensitive-news rule's, on the same burst), none quoting the DM.
    expect(suggestions.some((s) => s.evidence.some((e) => e.text.includes('Station incident')))).toBe(true);
    expect(suggestions.flatMap((s) => s.evidence).some((e) => e.text.includes('4471'))).toBe(false);
  });

  it('lets leads and up edit rules, channels, dead letters and wall layouts; agents and the wall get 403', async () => {
    const { hub, t } = await start();
    const rule = { id: 'vip', name: 'VIP posted', kind: 'author', severity: 'warning', handles: ['ceo@social.example'] };
    for (const who of [t.wall, t.agent]) {
      expect((await rpc(hub, 'alerts.rules.list', who, {})).status).toBe(403);
      expect((await rpc(hub, 'alerts.rules.save', who, { rule })).status).toBe(403);
      expect((await rpc(hub, 'alerts.channels.list', who, {})).status).toBe(403);
      expect((await rpc(hub, 'alerts.channels.save', who, { channel: { id: 'x', name: 'x', kind: 'webhook', format: 'json', url: 'http://127.0.0.1:1/x' } })).status).toBe(403);
      expect((await rpc(hub, 'alerts.deadLetters.list', who, {})).status).toBe(403);
      expect((await rpc(hub, 'alerts.deadLetters.retry', who, { id: 1 })).status).toBe(403);
      expect((await rpc(hub, 'walls.save', who, { wallId: 'lobby', layout: { panels: ['trending'] } })).status).toBe(403);
    }
    const saved = await rpc(hub, 'alerts.rules.save', t.lead, { rule });
    expect(saved.status).toBe(200);
    const rules = (await rpc(hub, 'alerts.rules.list', t.crisis, {})).body.rules as Array<{ id: string }>;
    expect(rules.map((r) => r.id)).toContain('vip');
    expect(rules.map((r) => r.id)).toContain('default-sensitive-events');
    expect((await rpc(hub, 'alerts.rules.save', t.lead, { rule: { ...rule, channels: ['nope'] } })).status).toBe(400);
    expect((await rpc(hub, 'alerts.rules.save', t.lead, { rule: { id: 'bad', name: 'bad', kind: 'query_match', severity: 'info', query: '"unclosed' } })).status).toBe(400);
    expect(hub.store.changes.changesSince(0, 100_000).some((e) => e.change.kind === 'alert_rule.saved')).toBe(true);

    expect((await rpc(hub, 'walls.get', t.wall, { wallId: 'lobby' })).body).toMatchObject({ wallId: 'lobby', updatedBy: null });
    expect((await rpc(hub, 'walls.save', t.lead, { wallId: 'lobby', layout: { panels: ['trending', 'trending'] } })).status).toBe(400);
    expect((await rpc(hub, 'walls.save', t.lead, { wallId: 'lobby', layout: { panels: ['alerts', 'trending'], side: 'start' } })).status).toBe(200);
    expect((await rpc(hub, 'walls.get', t.wall, { wallId: 'lobby' })).body).toMatchObject({ layout: { panels: ['alerts', 'trending'], side: 'start' }, updatedBy: 'lee' });
  });

  it('pushes an alert to a webhook; a failing one lands in the dead letters (no URL shown anywhere) and a retry delivers it', async () => {
    const { hub, clock, t } = await start();
    const got: string[] = [];
    let fail = true;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push(body);
        res.writeHead(fail ? 500 : 200).end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token`;
    const ch = await rpc(hub, 'alerts.channels.save', t.lead, { channel: { id: 'slack', name: 'Team Slack', kind: 'webhook', format: 'slack', minSeverity: 'info', url } });
    expect(ch.status).toBe(200);
    expect(JSON.stringify(ch.body)).not.toContain('secret-token');
    const listed = await rpc(hub, 'alerts.channels.list', t.lead, {});
    expect(listed.body.channels).toEqual([expect.objectContaining({ id: 'slack', host: expect.stringContaining('127.0.0.1'), hasSecret: true })]);
    expect(JSON.stringify(listed.body)).not.toContain('secret-token');
    const rule = { id: 'mention', name: 'Refund mention', kind: 'query_match', severity: 'warning', query: 'refund', cooldownMinutes: 0, channels: ['slack'] };
    expect((await rpc(hub, 'alerts.rules.save', t.lead, { rule })).status).toBe(200);
    hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: post({ html: '<p>I want a refund now</p>' }) }]);
    await hub.engine.alerts.idle();
    expect(got).toHaveLength(1);
    const slack = JSON.parse(got[0]!) as { text: string; blocks: Array<{ type: string; elements?: Array<{ url?: string }> }> };
    expect(slack).toHaveProperty('text');
    // No --public-url: the link is the hub's own address, to the alert with its evidence.
    const raised = ((await rpc(hub, 'alerts.list', t.lead, {})).body.alerts as Alert[]).find((a) => a.ruleId === 'mention')!;
    expect(hub.publicUrl).toBe(hub.url);
    expect(slack.blocks.find((b) => b.type === 'actions')?.elements?.[0]?.url).toBe(`${hub.url}/#/alerts/${encodeURIComponent(raised.id)}`);
    const letters = (await rpc(hub, 'alerts.deadLetters.list', t.lead, {})).body.deadLetters as Array<{ id: number; channelId: string; error: string }>;
    expect(letters).toEqual([expect.objectContaining({ channelId: 'slack', error: expect.stringContaining('500') })]);
    expect(JSON.stringify(letters)).not.toContain('secret-token');
    fail = false;
    clock.advance(1000);
    const retry = await rpc(hub, 'alerts.deadLetters.retry', t.lead, { id: letters[0]!.id });
    expect(retry.body.report).toMatchObject({ status: 'delivered' });
    expect((await rpc(hub, 'alerts.deadLetters.list', t.lead, {})).body.deadLetters).toEqual([]);
    expect(got).toHaveLength(2);
    expect((await rpc(hub, 'alerts.deadLetters.retry', t.lead, { id: letters[0]!.id })).status).toBe(404);
    const kinds = hub.store.changes.changesSince(0, 100_000).map((e) => e.change.kind);
    expect(kinds).toEqual(expect.arrayContaining(['alert_channel.saved', 'dead_letter.added', 'dead_letter.removed']));
  });

  it('emails an alert through a channel saved with its SMTP password (to a local SMTP server), linking to the alert at the public URL', async () => {
    const { hub, t } = await start({ publicUrl: 'https://newsroom.kettlebird.example/' });
    const mails: Array<{ to: string[]; raw: string }> = [];
    const smtp = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth: (auth, _s, cb) => (auth.username === 'alerts' && auth.password === 's3cret' ? cb(null, { user: 'alerts' }) : cb(new Error('bad login'))),
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const channel = { id: 'leads-mail', name: 'Leads', kind: 'email', host: '127.0.0.1', port, security: 'none', username: 'alerts', password: 's3cret', from: 'newsroom@kettlebird.example', to: ['crisis@kettlebird.example'], minSeverity: 'info' };
      const saved = await rpc(hub, 'alerts.channels.save', t.lead, { channel });
      expect(saved.status).toBe(200);
      expect(JSON.stringify(saved.body)).not.toContain('s3cret');
      const rule = { id: 'mail-refunds', name: 'Refunds by mail', kind: 'query_match', severity: 'warning', query: 'refund', cooldownMinutes: 0, channels: ['leads-mail'] };
      expect((await rpc(hub, 'alerts.rules.save', t.lead, { rule })).status).toBe(200);
      hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: post({ html: '<p>where is my refund</p>' }) }]);
      await hub.engine.alerts.idle();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(['crisis@kettlebird.example']);
      expect(mails[0]!.raw).toContain('Refunds by mail');
      const raised = ((await rpc(hub, 'alerts.list', t.lead, {})).body.alerts as Alert[]).find((a) => a.ruleId === 'mail-refunds')!;
      // Quoted-printable may fold long lines ("=\r\n"): unfold before looking for the link.
      const unfolded = mails[0]!.raw.replace(/=\r?\n/gu, '').replace(/=3D/gu, '=');
      expect(unfolded).toContain(`Evidence: https://newsroom.kettlebird.example/#/alerts/${encodeURIComponent(raised.id)}`);
      expect(unfolded).toContain(`<a href="https://newsroom.kettlebird.example/#/alerts/${encodeURIComponent(raised.id)}">`);
      expect((await rpc(hub, 'alerts.deadLetters.list', t.lead, {})).body.deadLetters).toEqual([]);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });

  it("an author rule fires on reach: the stored follower count meets minFollowers; small and unknown reach don't", async () => {
    const { hub, t } = await start();
    const rule = { id: 'reach', name: 'High reach', kind: 'author', severity: 'warning', handles: [], minFollowers: 100_000, cooldownMinutes: 0 };
    expect((await rpc(hub, 'alerts.rules.save', t.lead, { rule })).status).toBe(200);
    const by = (handle: string, followers?: number) =>
      post({ html: `<p>Kettlebird lids cracking, anyone else?</p>`, author: { handle, name: handle, url: null, avatarUrl: null }, ...(followers === undefined ? {} : { authorSignals: { followers } }) });
    hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: by('small@social.example', 99_999) }, { op: 'upsert', post: by('unknown@social.example') }]);
    await hub.engine.alerts.idle();
    const none = (await rpc(hub, 'alerts.list', t.lead, {})).body.alerts as Alert[];
    expect(none.filter((a) => a.ruleId === 'reach')).toEqual([]);
    hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: by('jo@news.example', 250_000) }]);
    await hub.engine.alerts.idle();
    const alerts = ((await rpc(hub, 'alerts.list', t.lead, {})).body.alerts as Alert[]).filter((a) => a.ruleId === 'reach');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.severity).toBe('warning');
    expect(JSON.stringify(alerts[0])).toContain('250,000 followers');
    const item = hub.store.items.get(alerts[0]!.evidence.itemIds[0]!);
    expect(item?.author).toMatchObject({ handle: 'jo@news.example', followers: 250_000 });
  });

  it('never throws into ingest: a failing evaluator is logged and the post is stored', async () => {
    const { hub } = await start();
    hub.engine.alerts.evaluator.onPost = () => {
      throw new Error('boom');
    };
    const r = hub.engine.pipeline.ingest('test', [{ op: 'upsert', post: post() }]);
    expect(r.added).toBe(1);
  });
});
