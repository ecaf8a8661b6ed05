import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../../../electron/engine/alerts/channels/dispatcher.js';
import { alert, channelWorld, RecordingClock } from './channel-helpers.js';

interface Received {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/** A local webhook receiver answering from a script (the last reply repeats). */
async function receiver(script: Reply[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(raw) });
      const reply = script[Math.min(received.length - 1, script.length - 1)]!;
      if (reply === 'hang') return;
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/services/T000/B000/SECRETTOKEN`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const slack = { id: 'ch', name: 'Crisis room', enabled: true, minSeverity: 'warning', kind: 'webhook', format: 'slack', host: '127.0.0.1' } as const;

/** The request timeout is beyond what the recording clock fires (1 h), unless a test sets a short one. */
function dispatcher(world: ReturnType<typeof channelWorld>, clock: RecordingClock, webhookTimeoutMs = 3_600_000) {
  return createAlertDispatcher({
    clock,
    http: fetch,
    random: () => 0.5,
    channels: world.channels,
    secrets: world.secrets,
    deadLetters: world.deadLetters,
    evidenceItems: (ids) => ids.map((id) => ({ author: `@user${id}`, text: `<!channel> post ${id} & more`, url: `https://social.example/@u/${id}` })),
    alertLink: (id) => `https://newsroom.example/#/alerts/${id}`,
    webhookTimeoutMs,
  });
}

describe('webhook channel', () => {
  it('retries a busy receiver, honouring Retry-After, and delivers a Slack-compatible payload', async () => {
    const r = await receiver([{ status: 503, headers: { 'retry-after': '7' } }, { status: 500 }, { status: 200 }]);
    const world = channelWorld(slack, r.url);
    const clock = new RecordingClock();
    const [report] = await dispatcher(world, clock).dispatch(alert());
    expect(report).toEqual({ channelId: 'ch', status: 'delivered', attempts: 3 });
    expect(r.received).toHaveLength(3);
    // Retry-After: 7 s, then full-jitter backoff: random 0.5 × min(60 s, 2 s × 2) = 2 s.
    expect(clock.waits).toEqual([7000, 2000]);
    const body = r.received[0]!.body as { text: string; blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ url?: string; text?: unknown }> }> };
    expect(r.received[0]!.contentType).toMatch(/^application\/json/u);
    expect(body.text).toBe('[CRISIS] Sensitive news: “shooting” in the news');
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'CRISIS: Sensitive news: “shooting” in the news' } });
    expect(body.blocks[1]!.text!.text).toContain('significance 19.1');
    // Post text can't ping the channel or inject links: Slack's control characters are escaped.
    expect(body.blocks[2]!.text!.text).toContain('&lt;!channel&gt; post 11 &amp; more <https://social.example/@u/11|open>');
    expect(body.blocks.at(-1)!.elements![0]!.url).toBe('https://newsroom.example/#/alerts/al-1');
    expect(world.deadLetters.list()).toEqual([]);
  });

  it('sends Teams an Adaptive Card in a message envelope', async () => {
    const r = await receiver([{ status: 202 }]);
    const world = channelWorld({ ...slack, format: 'teams' }, r.url);
    const [report] = await dispatcher(world, new RecordingClock()).dispatch(alert({ why: 'see [this](https://evil.example)' }));
    expect(report!.status).toBe('delivered');
    const body = r.received[0]!.body as { type: string; attachments: Array<{ contentType: string; content: { type: string; version: string; body: Array<{ type: string; text?: string; color?: string }> } }> };
    expect(body.type).toBe('message');
    expect(body.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0]!.content;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'CRISIS: Sensitive news: “shooting” in the news' });
    expect(card.body[1]!.text).toBe('see [this]\u200b(https://evil.example)');
  });

  it('gives up on a permanent refusal at once and keeps a dead letter without the URL', async () => {
    const r = await receiver([{ status: 404, body: 'no_service' }]);
    const world = channelWorld(slack, r.url);
    const [report] = await dispatcher(world, new RecordingClock()).dispatch(alert());
    expect(report).toMatchObject({ status: 'dead_letter', attempts: 1 });
    expect(r.received).toHaveLength(1);
    const [letter] = world.deadLetters.list();
    expect(letter).toMatchObject({ channelId: 'ch', alertId: 'al-1', attempts: 1 });
    expect(letter!.error).toMatch(/^127\.0\.0\.1:\d+ answered HTTP 404 \(no_service\): check the webhook URL/u);
    expect(letter!.error).not.toContain('SECRETTOKEN');
    expect(world.deadLetters.get(letter!.id)!.alert.id).toBe('al-1');
  });

  it('keeps failing deliveries after the last attempt, and a retry from the dead letters delivers once fixed', async () => {
    const r = await receiver([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 200 }]);
    const world = channelWorld(slack, r.url);
    const clock = new RecordingClock();
    const d = dispatcher(world, clock);
    const [report] = await d.dispatch(alert());
    expect(report).toMatchObject({ status: 'dead_letter', attempts: 5 });
    expect(clock.waits).toHaveLength(4);
    expect(clock.waits.every((w) => w <= 60_000)).toBe(true);
    const [letter] = world.deadLetters.list();
    expect(letter!.error).toMatch(/answered HTTP 500 .*\(gave up after 5 attempts\)$/u);
    const again = await d.retryDeadLetter(letter!.id);
    expect(again).toEqual({ channelId: 'ch', status: 'delivered', attempts: 1 });
    expect(world.deadLetters.list()).toEqual([]);
  });

  it('does not wait longer than an alert may: a far Retry-After goes to the dead letters', async () => {
    const r = await receiver([{ status: 429, headers: { 'retry-after': '3600' } }]);
    const world = channelWorld(slack, r.url);
    const [report] = await dispatcher(world, new RecordingClock()).dispatch(alert());
    expect(report!.status).toBe('dead_letter');
    expect(report!.reason).toMatch(/asked to wait 3600 s, longer than the 600 s an alert may wait/u);
  });

  it('times out a receiver that never answers, and retries', async () => {
    const r = await receiver(['hang', { status: 200 }]);
    const world = channelWorld(slack, r.url);
    // The request timeout (1 s) runs on a real timer; the backoff between attempts passes at once.
    const recording = new RecordingClock();
    const clock = Object.assign(Object.create(recording) as RecordingClock, {
      setTimeout: (fn: () => void, ms: number) => (ms === 1000 ? { real: setTimeout(fn, ms) } : recording.setTimeout(fn, ms)),
      clearTimeout: (h: unknown) => (typeof h === 'object' && h !== null && 'real' in h ? clearTimeout((h as { real: NodeJS.Timeout }).real) : recording.clearTimeout(h)),
    });
    const [report] = await dispatcher(world, clock, 1000).dispatch(alert());
    expect(report).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(r.received).toHaveLength(2);
  });

  it('skips quiet, disabled and less severe alerts, and dead-letters a channel without its URL', async () => {
    const world = channelWorld(slack, null);
    const d = dispatcher(world, new RecordingClock());
    expect((await d.dispatch(alert({ quiet: true })))[0]).toMatchObject({ status: 'skipped', reason: "raised in the rule's quiet hours: in the app only" });
    expect((await d.dispatch(alert({ severity: 'info' })))[0]).toMatchObject({ status: 'skipped', reason: 'the channel takes warning and above' });
    expect((await d.dispatch(alert({ channels: ['gone'] })))[0]).toMatchObject({ status: 'skipped', channelId: 'gone' });
    const [missing] = await d.dispatch(alert());
    expect(missing).toMatchObject({ status: 'dead_letter', reason: expect.stringMatching(/no webhook URL is stored/u) });
    world.channels.save({ ...slack, enabled: false }, '2026-11-22T12:00:00.000Z');
    expect((await d.dispatch(alert()))[0]).toMatchObject({ status: 'skipped', reason: 'the channel is turned off' });
  });

  it('refuses a flood beyond the channel backlog instead of queueing without end', async () => {
    const r = await receiver([{ status: 200 }]);
    const world = channelWorld(slack, r.url);
    const d = createAlertDispatcher({
      clock: new RecordingClock(),
      http: fetch,
      channels: world.channels,
      secrets: world.secrets,
      deadLetters: world.deadLetters,
      maxQueuePerChannel: 3,
      webhookTimeoutMs: 3_600_000,
    });
    const reports = await Promise.all(Array.from({ length: 5 }, (_, i) => d.dispatch(alert({ id: `al-${i}` }))));
    expect(reports.flat().map((x) => x.status)).toEqual(['delivered', 'delivered', 'delivered', 'dead_letter', 'dead_letter']);
    expect(r.received).toHaveLength(3);
    await d.idle();
  });
});
