import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { hubOn, rpc, tmpDataDir } from '../hub/hub-helpers.js';

let hub: Hub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

async function until(what: string, fn: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the demo hub publishes to its sandbox', () => {
  it('has the Kettlebird (sandbox) account once, approval on, no token shown; a lead post goes out once', async () => {
    const dir = tmpDataDir();
    hub = await hubOn(dir, { demo: 'quiet', publish: { tickMs: 50 } });
    const tokens = hub.tokens!;
    const list = await rpc(hub, 'accounts.list', tokens.agent1!);
    expect(list.status).toBe(200);
    const accounts = list.body.accounts as Array<Record<string, unknown>>;
    expect(accounts).toEqual([
      expect.objectContaining({ name: 'Kettlebird (sandbox)', platform: 'mastodon', instanceUrl: hub.sandbox!.url, requireApproval: true, hasToken: true, handle: expect.stringContaining(hub.sandbox!.brand.acct) }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(hub.sandbox!.brandToken);
    const id = accounts[0]!.id as string;

    const byAgent = await rpc(hub, 'posts.create', tokens.agent1!, { accountIds: [id], text: 'Agent draft for approval', scheduledAt: new Date().toISOString() });
    expect((byAgent.body.posts as Array<{ status: string }>)[0]!.status).toBe('pending_approval');
    const text = `Demo post ${Date.now()}`;
    const byLead = await rpc(hub, 'posts.create', tokens.lead!, { accountIds: [id], text, scheduledAt: new Date().toISOString() });
    const postId = (byLead.body.posts as Array<{ id: string; status: string }>)[0]!.id;
    await until('published', async () => ((await rpc(hub!, 'posts.list', tokens.lead!, { status: 'published' })).body.posts as Array<{ id: string }>).some((p) => p.id === postId));
    expect(hub.sandbox!.published().filter((s) => (s.content ?? '').includes(text))).toHaveLength(1);
    expect(hub.sandbox!.published().filter((s) => (s.content ?? '').includes('Agent draft'))).toHaveLength(0);

    await hub.close();
    hub = await hubOn(dir, { demo: 'quiet', publish: { tickMs: 50 } });
    const again = (await rpc(hub, 'accounts.list', hub.tokens!.lead!)).body.accounts as Array<{ id: string; instanceUrl: string }>;
    expect(again).toEqual([expect.objectContaining({ id, instanceUrl: hub.sandbox!.url })]);
  });
});
