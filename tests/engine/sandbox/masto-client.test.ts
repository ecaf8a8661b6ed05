import { MastoHttpError } from 'masto';
import { afterEach, describe, expect, it } from 'vitest';
import { client, closeAll, open } from './helpers.js';

afterEach(closeAll);

describe('the real masto client accepts the sandbox', () => {
  it('reads a hashtag timeline, search, notifications, a status and its context', async () => {
    const sb = await open();
    const root = sb.inject({ author: 'ada', text: 'Is the #Coffee any good at Kettlebird?', lang: 'en' });
    const reply = sb.inject({ author: 'ben@remote.example', text: 'Yes! @kettlebird please confirm #coffee', inReplyTo: root.id });
    sb.inject({ author: 'clara', text: 'unrelated #tea' });
    const c = client(sb);

    const tag = await c.v1.timelines.tag.$select('coffee').list({ limit: 10 });
    expect(tag.map((s) => s.id)).toEqual([reply.id, root.id]);
    expect(tag[0]!.account.acct).toBe('ben@remote.example');
    expect(tag[0]!.inReplyToId).toBe(root.id);
    expect(tag[1]!.tags).toEqual([{ name: 'coffee', url: `${sb.url}/tags/coffee` }]);

    const search = await c.v2.search.list({ q: 'kettlebird', type: 'statuses' });
    expect(search.statuses.map((s) => s.id)).toEqual([reply.id, root.id]);
    expect(search.accounts).toEqual([]);
    expect(search.hashtags).toEqual([]);

    const notes = await c.v1.notifications.list({ types: ['mention'] });
    expect(notes).toHaveLength(1);
    expect(notes[0]!.type).toBe('mention');
    expect(notes[0]!.status?.id).toBe(reply.id);

    const fetched = await c.v1.statuses.$select(root.id).fetch();
    expect(fetched.content).toContain('class="mention hashtag" rel="tag">#<span>Coffee</span></a>');
    expect(fetched.repliesCount).toBe(1);
    const ctx = await c.v1.statuses.$select(reply.id).context.fetch();
    expect(ctx.ancestors.map((s) => s.id)).toEqual([root.id]);
    const rootCtx = await c.v1.statuses.$select(root.id).context.fetch();
    expect(rootCtx.descendants.map((s) => s.id)).toEqual([reply.id]);

    const many = await c.v1.statuses.fetch({ id: [reply.id, '999', root.id] });
    expect(many.map((s) => s.id)).toEqual([reply.id, root.id]);

    const me = await c.v1.accounts.verifyCredentials();
    expect(me.id).toBe(sb.brand.id);
    expect((await c.v1.accounts.lookup({ acct: 'ada' })).username).toBe('ada');
    const inst = await c.v2.instance.fetch();
    expect(inst.configuration.statuses.maxCharacters).toBe(500);
  });

  it('pages a hashtag timeline through Link headers without gaps or duplicates', async () => {
    const sb = await open();
    const ids = Array.from({ length: 53 }, (_, i) => sb.inject({ author: `user${i % 7}`, text: `post ${i} #paging` }).id);
    sb.inject({ author: 'other', text: 'not on the tag' });
    const c = client(sb, null);
    const seen: string[] = [];
    let pages = 0;
    for await (const page of c.v1.timelines.tag.$select('paging').list({ limit: 10 })) {
      pages++;
      seen.push(...page.map((s) => s.id));
      if (pages > 20) break;
    }
    expect(seen).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(53);
    // 6 pages of data, then Mastodon's trailing empty page (its next link is unconditional).
    expect(pages).toBe(7);
  });

  it('pages notifications and account statuses with the paginator', async () => {
    const sb = await open();
    const mentions = Array.from({ length: 12 }, (_, i) => sb.inject({ author: 'fan', text: `hello ${i}`, mentionBrand: true }).id);
    const c = client(sb);
    const seen: string[] = [];
    for await (const page of c.v1.notifications.list({ types: ['mention'], limit: 5 })) seen.push(...page.map((n) => n.status!.id));
    expect(seen).toEqual([...mentions].reverse());

    const fan = await c.v1.accounts.lookup({ acct: 'fan' });
    const statuses: string[] = [];
    let pages = 0;
    for await (const page of c.v1.accounts.$select(fan.id).statuses.list({ limit: 5 })) {
      pages++;
      statuses.push(...page.map((s) => s.id));
    }
    expect(statuses).toEqual([...mentions].reverse());
    // 5 + 5 + 2: the short page has no next link, so no trailing empty request.
    expect(pages).toBe(3);
  });

  it('creates statuses idempotently through masto requestInit headers', async () => {
    const sb = await open();
    const c = client(sb);
    const meta = { requestInit: { headers: { 'Idempotency-Key': 'post-1-rev-1' } } };
    const a = await c.v1.statuses.create({ status: 'We are looking into the app issue.' }, meta);
    const b = await c.v1.statuses.create({ status: 'We are looking into the app issue.' }, meta);
    expect(b.id).toBe(a.id);
    expect(sb.published()).toHaveLength(1);
    const other = await c.v1.statuses.create({ status: 'Second post' }, { requestInit: { headers: { 'Idempotency-Key': 'post-2-rev-1' } } });
    expect(other.id).not.toBe(a.id);
    expect(sb.published().map((s) => s.id)).toEqual([a.id, other.id]);
  });

  it('surfaces API errors as MastoHttpError with Mastodon messages', async () => {
    const sb = await open();
    const anon = client(sb, null);
    const err = await anon.v1.notifications.list().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MastoHttpError);
    expect((err as MastoHttpError).statusCode).toBe(401);
    expect((err as MastoHttpError).message).toBe('The access token is invalid');
    const missing = await client(sb).v1.statuses.$select('12345').fetch().catch((e: unknown) => e);
    expect((missing as MastoHttpError).statusCode).toBe(404);
    expect((missing as MastoHttpError).message).toBe('Record not found');
  });
});
