import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeAccess, type ChangeEnvelope } from '../../../shared/changes.js';
import type { Results } from '../../../shared/methods.js';
import type { ConversationView, ReplyOutcome } from '../../../shared/queue-views.js';
import { roleMay } from '../../../shared/roles.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { post } from '../helpers/posts.js';
import { memorySecrets, openEngine, tmpDb, users, stoppedAfterEach } from '../publish/harness.js';

const open = stoppedAfterEach();

const COMPLAINT = '<p>My Kettlebird order never arrived and nobody answers. Terrible!</p>';
const CARLA = { handle: 'carla@social.example', name: 'Carla', url: null, avatarUrl: null };

async function start() {
  const clock = new FakeClock();
  const t = await openEngine(tmpDb(), clock, memorySecrets(), null);
  open.push(t);
  for (const u of ['agent1', 'lead']) if (!t.store.users.get(u)) t.store.users.add(u, u === 'lead' ? 'lead' : 'agent', `h-${u}`, new Date(clock.now()).toISOString());
  await t.call(users.lead, 'teams.save', {
    teams: [
      { id: 'care', name: 'Care', members: [{ user: 'agent1' }] },
      { id: 'legal', name: 'Legal', members: [] },
    ],
  });
  const changes: ChangeEnvelope[] = [];
  t.store.changes.subscribe((envs) => changes.push(...envs));
  t.engine.pipeline.ingest('s1', [{ op: 'upsert', post: post({ html: COMPLAINT, author: CARLA }) }]);
  const [c] = (await t.call<{ conversations: ConversationView[] }>(users.lead, 'queue.list', { view: 'all' })).conversations;
  expect(c).toBeDefined();
  return { t, changes, c: c! };
}

const GUIDELINES = { forbidden: [{ phrase: 'calm down', reason: 'dismissive: acknowledge the problem instead' }], required: [], tone: { allCapsWords: 3 } };

describe('canned replies and guidelines (session 15)', () => {
  it('roles: agents read, only leads save, the wall gets nothing', async () => {
    const s = await start();
    await expect(s.t.call(users.agent, 'queue.guidelines.get', {})).resolves.toMatchObject({ guidelines: { forbidden: [] } });
    await expect(s.t.call(users.agent, 'queue.canned.list', {})).resolves.toMatchObject({ replies: [] });
    await expect(s.t.call(users.agent, 'queue.guidelines.save', GUIDELINES)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.t.call(users.agent, 'queue.canned.save', { replies: [] })).rejects.toMatchObject({ code: 'forbidden' });
    for (const [m, p] of [
      ['queue.guidelines.get', {}],
      ['queue.canned.list', {}],
      ['queue.guidelines.save', GUIDELINES],
      ['queue.canned.save', { replies: [] }],
    ] as const) {
      await expect(s.t.call(users.wall, m, p)).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(s.changes.filter((e) => e.change.kind === 'queue.settings')).toEqual([]);
  });

  it('a saved forbidden phrase is flagged by queue.reply at once, and the change reaches agents, not the wall', async () => {
    const s = await start();
    const before = await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: s.c.id, text: 'Please calm down.', dryRun: true });
    expect(before.findings.filter((f) => f.check === 'forbidden_phrase')).toEqual([]);
    const saved = await s.t.call<Results['queue.guidelines.save']>(users.lead, 'queue.guidelines.save', GUIDELINES);
    expect(saved.guidelines.forbidden).toEqual([{ phrase: 'calm down', reason: 'dismissive: acknowledge the problem instead', teams: [] }]);
    const after = await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: s.c.id, text: 'Please calm down.', dryRun: true });
    expect(after.findings).toContainEqual(expect.objectContaining({ check: 'forbidden_phrase', severity: 'block' }));
    expect((await s.t.call<Results['queue.guidelines.get']>(users.agent, 'queue.guidelines.get', {})).guidelines).toEqual(saved.guidelines);
    const ev = s.changes.filter((e) => e.change.kind === 'queue.settings');
    expect(ev.map((e) => e.change)).toEqual([{ kind: 'queue.settings', area: 'guidelines' }]);
    expect(roleMay('agent', changeAccess(ev[0]!.change))).toBe(true);
    expect(roleMay('wall', changeAccess(ev[0]!.change))).toBe(false);
  });

  it('a required phrase per team applies to that team only; an unknown team is refused naming the field', async () => {
    const s = await start();
    await expect(s.t.call(users.lead, 'queue.guidelines.save', { required: [{ team: 'lgal', phrase: 'This is not legal advice.' }] })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/required\[0\]\.team: no team "lgal" \(did you mean "legal"\?\)/),
    });
    await s.t.call(users.lead, 'queue.guidelines.save', { required: [{ team: s.c.team, phrase: 'Ref: KB-1' }] });
    const r = await s.t.call<ReplyOutcome>(users.agent, 'queue.reply', { id: s.c.id, text: 'We are on it.', dryRun: true });
    expect(r.findings).toContainEqual(expect.objectContaining({ check: 'missing_phrase' }));
  });

  it('a saved canned reply appears in queue.canned with its variables filled in', async () => {
    const s = await start();
    const r = await s.t.call<Results['queue.canned.save']>(users.lead, 'queue.canned.save', {
      replies: [
        { id: 'sorry', name: 'Sorry', text: 'Hi {{author}}, {{agent}} here: so sorry.', tone: 'apologetic' },
        { id: 'legal-only', name: 'Legal', text: 'Legal note.', teams: ['legal'] },
      ],
    });
    expect(r.replies.map((x) => [x.id, x.teams])).toEqual([
      ['sorry', []],
      ['legal-only', ['legal']],
    ]);
    const shown = await s.t.call<Results['queue.canned']>(users.agent, 'queue.canned', { id: s.c.id });
    expect(shown.replies).toEqual([{ id: 'sorry', name: 'Sorry', tone: 'apologetic', text: 'Hi Carla, agent1 here: so sorry.' }]);
    const list = await s.t.call<Results['queue.canned.list']>(users.agent, 'queue.canned.list', {});
    expect(list.replies[0]!.text).toBe('Hi {{author}}, {{agent}} here: so sorry.');
    expect(list.variables.map((v) => v.name)).toEqual(expect.arrayContaining(['author', 'agent']));
    expect(s.changes.filter((e) => e.change.kind === 'queue.settings').map((e) => e.change)).toEqual([{ kind: 'queue.settings', area: 'canned' }]);
  });

  it('refuses a canned reply with an unknown variable, a duplicate id or an empty name, naming the field, and keeps the old list', async () => {
    const s = await start();
    await s.t.call(users.lead, 'queue.canned.save', { replies: [{ id: 'a', name: 'A', text: 'Hello {{author}}' }] });
    await expect(s.t.call(users.lead, 'queue.canned.save', { replies: [{ id: 'a', name: 'A', text: 'Hello {{autor}}' }] })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/replies\[0\]\.text: unknown variable \{\{autor\}\}.*did you mean \{\{author\}\}/),
    });
    await expect(
      s.t.call(users.lead, 'queue.canned.save', {
        replies: [
          { id: 'a', name: 'A', text: 'x' },
          { id: 'a', name: 'B', text: 'y' },
        ],
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/replies\[1\]\.id: canned reply id "a" is used twice/) });
    await expect(s.t.call(users.lead, 'queue.canned.save', { replies: [{ id: 'b', name: ' ', text: 'y' }] })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/replies\.0\.name/) });
    expect((await s.t.call<Results['queue.canned.list']>(users.lead, 'queue.canned.list', {})).replies.map((r) => r.text)).toEqual(['Hello {{author}}']);
  });

  it('any canned text is either saved or refused with a reason, never a crash', async () => {
    const s = await start();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (text) => {
        try {
          await s.t.call(users.lead, 'queue.canned.save', { replies: [{ id: 'x', name: 'X', text }] });
        } catch (e) {
          expect((e as { code?: string }).code).toBe('invalid_input');
        }
      }),
      { numRuns: 60 },
    );
  });
});
