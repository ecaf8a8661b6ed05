import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../shared/api.js';
import { systemClock } from '../../../shared/clock.js';
import type { Hub } from '../../../electron/hub/start-hub.js';
import { addUser } from '../../../electron/engine/team/users.js';
import { post } from '../helpers/posts.js';
import { hubOn, tmpDataDir, WsClient } from './hub-helpers.js';

let hub: Hub | null = null;
const clients: WsClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await hub?.close();
  hub = null;
});

async function signedIn(h: Hub, token: string): Promise<WsClient> {
  const c = new WsClient(h.url);
  clients.push(c);
  await c.opened;
  c.send({ type: 'auth', token, since: null });
  await c.waitFor((m) => m.some((x) => x.type === 'ready'));
  return c;
}

const resultOf = (c: WsClient, id: string) => c.messages.find((m) => (m.type === 'result' || m.type === 'error') && 'id' in m && m.id === id) as ServerMessage | undefined;

describe('queue.claim over the hub WebSocket (invariant 7: one claim wins)', () => {
  it('two agents claiming the same conversation at once: exactly one wins, the other gets 409 conflict', async () => {
    hub = await hubOn(tmpDataDir());
    const t1 = addUser(hub.store, systemClock, 'agent1', 'agent');
    const t2 = addUser(hub.store, systemClock, 'agent2', 'agent');
    for (let round = 0; round < 10; round++) {
      hub.engine.pipeline.ingest('test', [
        { op: 'upsert', post: post({ html: `<p>My Kettlebird order ${round} never arrived. Terrible service!</p>`, author: { handle: `c${round}@social.example`, name: 'C', url: null, avatarUrl: null } }) },
      ]);
    }
    const [a, b] = await Promise.all([signedIn(hub, t1), signedIn(hub, t2)]);
    a.send({ type: 'call', id: 'list', method: 'queue.list', params: { view: 'all' } });
    await a.waitFor(() => resultOf(a, 'list') !== undefined);
    const list = resultOf(a, 'list') as Extract<ServerMessage, { type: 'result' }>;
    const ids = (list.result as { conversations: { id: string }[] }).conversations.map((c) => c.id);
    expect(ids).toHaveLength(10);
    for (const id of ids) {
      // Both frames leave before either answer comes back.
      a.send({ type: 'call', id: `a-${id}`, method: 'queue.claim', params: { id } });
      b.send({ type: 'call', id: `b-${id}`, method: 'queue.claim', params: { id } });
    }
    await a.waitFor(() => ids.every((id) => resultOf(a, `a-${id}`)));
    await b.waitFor(() => ids.every((id) => resultOf(b, `b-${id}`)));
    for (const id of ids) {
      const answers = [resultOf(a, `a-${id}`)!, resultOf(b, `b-${id}`)!];
      expect(answers.filter((m) => m.type === 'result')).toHaveLength(1);
      expect(answers.filter((m) => m.type === 'error')).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/already has this conversation/) }) })]);
    }
    // The winners are what the store says.
    const assignees = hub.store.db.prepare('SELECT assignee FROM queue_conversations').all() as { assignee: string }[];
    expect(assignees.every((r) => r.assignee === 'agent1' || r.assignee === 'agent2')).toBe(true);
  });
});
