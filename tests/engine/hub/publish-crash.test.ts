import { spawn, type ChildProcess } from 'node:child_process';
import { freePortPair } from '../helpers/free-port.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tmpDataDir } from './hub-helpers.js';

// Invariant 2 with a real hub process: kill -9 at random moments during bursts of due posts,
// restart on the same data dir, and check the platform's own record of what was posted.
const ROUNDS = Number(process.env.NEWSROOM_CRASH_ROUNDS ?? 50);
const PER_ROUND = 6;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: 'ignore', env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' } });
  children.push(child);
  return child;
}

async function waitHttp(url: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function call<T>(hubUrl: string, token: string, method: string, params: unknown): Promise<T> {
  const res = await fetch(`${hubUrl}/api/rpc/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const kill = async (c: ChildProcess) => {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const gone = new Promise((r) => c.once('exit', r));
  c.kill('SIGKILL');
  await gone;
};

/** A sandbox (no scenario) and a way to (re)start a real hub process on one data dir, with fast publishing timers. */
async function crashRig() {
  const base = await freePortPair();
  const brandToken = 'crash-test-brand-token';
  const sandbox = run(['electron/sandbox/cli.ts', '--port', String(base + 1), '--scenario', 'none', '--token', brandToken, '--rate-limit', '100000', '--quiet']);
  const sandboxUrl = `http://127.0.0.1:${base + 1}`;
  await waitHttp(`${sandboxUrl}/_sandbox/state`);
  const dataDir = tmpDataDir();
  const hubUrl = `http://127.0.0.1:${base}`;
  // Short settle window so an unconfirmed post is decided within the test, not after 2 minutes.
  const env = { NEWSROOM_PUBLISH_SETTLE_MS: '1500', NEWSROOM_SCHEDULER_TICK_MS: '100' };
  const startHub = async () => {
    const hub = run(['electron/hub/cli.ts', '--data', dataDir, '--port', String(base)], env);
    await waitHttp(`${hubUrl}/api/health`);
    return Object.assign(hub, { dataDir });
  };
  return { sandbox, sandboxUrl, hubUrl, brandToken, startHub };
}

describe('publishing across kill -9 (real hub process)', () => {
  it(`publishes each post at most once over ${ROUNDS} crashes, and every post ends terminal or reviewable`, { timeout: 600_000 }, async () => {
    const { sandbox, sandboxUrl, hubUrl, brandToken, startHub } = await crashRig();
    let hub = await startHub();
    const admin = readFileSync(join(hub.dataDir, 'admin.token'), 'utf8').trim();
    const { account } = await call<{ account: { id: string } }>(hubUrl, admin, 'accounts.add', {
      platform: 'mastodon',
      name: 'Crash test brand',
      instanceUrl: sandboxUrl,
      accessToken: brandToken,
      requireApproval: false,
    });
    const texts: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const due = new Date(Date.now() + 150).toISOString();
      for (let i = 0; i < PER_ROUND; i++) {
        const text = `crash round ${round} post ${i}`;
        texts.push(text);
        await call(hubUrl, admin, 'posts.create', { accountIds: [account.id], text, scheduledAt: due });
      }
      // Somewhere between before the posts are due and well into their sending.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 900)));
      await kill(hub);
      hub = await startHub();
    }

    // Let the last restart settle every post: sends, reconciliation, retries.
    const TERMINAL = new Set(['published', 'failed', 'cancelled', 'held']);
    const end = Date.now() + 60_000;
    let posts: Array<{ id: string; text: string; status: string }> = [];
    for (;;) {
      posts = (await call<{ posts: typeof posts }>(hubUrl, admin, 'posts.list', { limit: 5000 })).posts;
      if (posts.every((p) => TERMINAL.has(p.status)) || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await kill(hub);
    const publishedOnPlatform = (await (await fetch(`${sandboxUrl}/_sandbox/published`)).json()) as Array<{ content: string }>;
    await kill(sandbox);

    expect(posts).toHaveLength(texts.length);
    const stuck = posts.filter((p) => !TERMINAL.has(p.status) && p.status !== 'unconfirmed');
    expect(stuck.map((p) => `${p.text}: ${p.status}`)).toEqual([]);
    const counts = new Map<string, number>();
    for (const s of publishedOnPlatform) {
      const text = texts.find((t) => s.content.includes(`${t}<`) || s.content.endsWith(t));
      if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    // Every post the hub calls published is on the platform, once.
    for (const p of posts.filter((x) => x.status === 'published')) expect(counts.get(p.text), p.text).toBe(1);
  });

  // A direct message is answered with a direct reply (issue 12): same outbox, same guarantee.
  it.each([
    { visibility: 'public', rounds: Math.max(3, Math.ceil(ROUNDS / 5)) },
    { visibility: 'direct', rounds: Math.max(3, Math.ceil(ROUNDS / 10)) },
  ] as const)('sends each desk reply (queue.reply) to a $visibility post at most once over kill -9s, threaded to the customer', { timeout: 600_000 }, async ({ visibility, rounds }) => {
    const { sandbox, sandboxUrl, hubUrl, brandToken, startHub } = await crashRig();
    let hub = await startHub();
    const admin = readFileSync(join(hub.dataDir, 'admin.token'), 'utf8').trim();
    await call(hubUrl, admin, 'accounts.add', { platform: 'mastodon', name: 'Brand', instanceUrl: sandboxUrl, accessToken: brandToken, requireApproval: true });
    await call(hubUrl, admin, 'sources.add', { platform: 'mastodon', name: 'Sandbox', instanceUrl: sandboxUrl, mentions: true, accessToken: brandToken });
    // Customers complain to the brand; each becomes a conversation.
    const customerIds = new Map<string, string>();
    for (let i = 0; i < rounds * 2; i++) {
      const res = await fetch(`${sandboxUrl}/_sandbox/inject`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ author: `customer${i}`, text: `my kettle ${i} broke after a week, terrible`, mentionBrand: true, visibility }),
      });
      customerIds.set(`customer${i}`, ((await res.json()) as { id: string }).id);
    }
    type Conv = { id: string; author: { handle: string } };
    let conversations: Conv[] = [];
    for (const end = Date.now() + 60_000; conversations.length < customerIds.size && Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
      conversations = (await call<{ conversations: Conv[] }>(hubUrl, admin, 'queue.list', { view: 'all' })).conversations;
    }
    expect(conversations).toHaveLength(customerIds.size);
    const sent = new Map<string, string>();
    for (let round = 0; round < rounds; round++) {
      for (const c of conversations.slice(round * 2, round * 2 + 2)) {
        const text = `reply round ${round} to ${c.author.handle.split('@')[0]}`;
        sent.set(text, customerIds.get(c.author.handle.split('@')[0]!)!);
        await call(hubUrl, admin, 'queue.reply', { id: c.id, text });
      }
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 600)));
      await kill(hub);
      hub = await startHub();
    }
    const TERMINAL = new Set(['published', 'failed', 'cancelled', 'held']);
    let posts: Array<{ text: string; status: string }> = [];
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
      posts = (await call<{ posts: typeof posts }>(hubUrl, admin, 'posts.list', { limit: 5000 })).posts;
      if (posts.every((p) => TERMINAL.has(p.status))) break;
    }
    await kill(hub);
    const published = (await (await fetch(`${sandboxUrl}/_sandbox/published`)).json()) as Array<{ content: string; in_reply_to_id: string | null; visibility: string; mentions: Array<{ acct: string }> }>;
    await kill(sandbox);
    expect(posts).toHaveLength(sent.size);
    for (const [text, parent] of sent) {
      const copies = published.filter((s) => s.content.includes(text));
      expect(copies.length, text).toBeLessThanOrEqual(1);
      for (const s of copies) {
        expect(s.in_reply_to_id, text).toBe(parent);
        expect(s.visibility, text).toBe(visibility);
        if (visibility === 'direct') expect(s.mentions.map((m) => m.acct), text).toEqual([text.split(' ').at(-1)]);
      }
    }
    // Every reply the hub calls published is on the platform (and the drill did publish some).
    expect(posts.filter((x) => x.status === 'published').length).toBeGreaterThan(0);
    // (A direct reply's stored text starts with the customer's mention, which the platform renders as a link.)
    for (const p of posts.filter((x) => x.status === 'published')) {
      const text = [...sent.keys()].find((t) => p.text.endsWith(t))!;
      expect(text, p.text).toBeDefined();
      expect(published.filter((s) => s.content.includes(text)), p.text).toHaveLength(1);
    }
  });
});
