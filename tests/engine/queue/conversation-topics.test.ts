import { describe, expect, it } from 'vitest';
import type { ConversationView } from '../../../shared/queue-views.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { memorySecrets, openEngine, tmpDb, users, stoppedAfterEach } from '../publish/harness.js';

const open = stoppedAfterEach();

describe('a conversation carries the topics of its latest customer message (the desk’s topic:)', () => {
  it('tags the conversation with the topic ids its message matched when it arrived', async () => {
    const clock = new FakeClock();
    const t = await openEngine(tmpDb(), clock, memorySecrets(), null);
    open.push(t);
    if (!t.store.users.get('agent1')) t.store.users.add('agent1', 'agent', 'h-agent1', new Date(clock.now()).toISOString());
    await t.call(users.lead, 'teams.save', { teams: [{ id: 'care', name: 'Care', members: [{ user: 'agent1' }] }] });
    await t.call(users.lead, 'rules.save', { config: { rules: [], defaultRoute: { team: 'care' } } });
    const { topic } = await t.call<{ topic: { id: string } }>(users.lead, 'topics.save', { name: 'Late deliveries', kind: 'category', query: '"never arrived" OR late*' });
    const ingest = (html: string, handle: string) => t.engine.pipeline.ingest('s1', [{ op: 'upsert', post: post({ html, author: { handle, name: handle, url: null, avatarUrl: null } }) }]);
    ingest('<p>My order never arrived and nobody answers. Terrible!</p>', 'carla@social.example');
    ingest('<p>Why was I charged twice? Terrible service!</p>', 'dan@social.example');
    const list = (await t.call<{ conversations: ConversationView[] }>(users.lead, 'queue.list', { view: 'all' })).conversations;
    const byAuthor = new Map(list.map((c) => [c.author.handle, c]));
    expect(byAuthor.get('carla@social.example')?.badges.topics).toEqual([topic.id]);
    expect(byAuthor.get('dan@social.example')?.badges.topics).toEqual([]);
  });
});
