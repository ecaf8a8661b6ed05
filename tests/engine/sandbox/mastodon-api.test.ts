import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';
import { auth, closeAll, getJson, open, postStatus } from './helpers.js';

afterEach(closeAll);

describe('Mastodon REST semantics', () => {
  it('pages by id like Mastodon: max_id/since_id newest first, min_id the window just above', async () => {
    const sb = await open();
    const ids = Array.from({ length: 10 }, (_, i) => sb.inject({ author: 'ada', text: `n${i} #t` }).id);
    const page = async (q: string) => (await getJson(sb, `/api/v1/timelines/tag/t?${q}`)).body.map((s: { id: string }) => s.id);
    expect(await page('limit=3')).toEqual([ids[9], ids[8], ids[7]]);
    expect(await page(`limit=3&max_id=${ids[5]}`)).toEqual([ids[4], ids[3], ids[2]]);
    expect(await page(`limit=3&since_id=${ids[2]}`)).toEqual([ids[9], ids[8], ids[7]]);
    // min_id: the oldest items above it, still returned newest first.
    expect(await page(`limit=3&min_id=${ids[2]}`)).toEqual([ids[5], ids[4], ids[3]]);
    expect(await page(`min_id=${ids[2]}&max_id=${ids[5]}`)).toEqual([ids[4], ids[3]]);
    expect(await page('limit=100')).toHaveLength(10);
    const capped = Array.from({ length: 45 }, () => sb.inject({ author: 'ben', text: '#t' }));
    expect(capped).toHaveLength(45);
    expect(await page('limit=100')).toHaveLength(40);
  });

  it('sends Link headers in Mastodon format (absolute URLs, next=max_id, prev=min_id, sorted params)', async () => {
    const sb = await open();
    const ids = Array.from({ length: 4 }, () => sb.inject({ author: 'ada', text: '#Link' }).id);
    const r = await getJson(sb, '/api/v1/timelines/tag/link?limit=2&any[]=x');
    expect(r.headers.get('link')).toBe(
      `<${sb.url}/api/v1/timelines/tag/link?limit=2&max_id=${ids[2]}>; rel="next", <${sb.url}/api/v1/timelines/tag/link?limit=2&min_id=${ids[3]}>; rel="prev"`,
    );
    const empty = await getJson(sb, `/api/v1/timelines/tag/link?min_id=${ids[3]}`);
    expect(empty.body).toEqual([]);
    expect(empty.headers.get('link')).toBeNull();
    sb.inject({ author: 'bob', text: 'mention @kettlebird' });
    const n = await getJson(sb, '/api/v1/notifications?types[]=mention&limit=1', { headers: auth(sb) });
    expect(n.headers.get('link')).toMatch(/notifications\?limit=1&max_id=\d+&types%5B%5D=mention>; rel="next"/);
  });

  it('answers every error as JSON with Mastodon messages', async () => {
    const sb = await open();
    const unknown = await getJson(sb, '/api/v1/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(unknown.body).toEqual({ error: 'Record not found' });
    expect((await getJson(sb, '/nothing/here')).body).toEqual({ error: 'Record not found' });
    const noAuth = await getJson(sb, '/api/v1/notifications');
    expect(noAuth).toMatchObject({ status: 401, body: { error: 'The access token is invalid' } });
    const badToken = await getJson(sb, '/api/v1/timelines/tag/x', { headers: { Authorization: 'Bearer nope' } });
    expect(badToken.status).toBe(401);
    const anonPost = await getJson(sb, '/api/v1/statuses', { method: 'POST', body: JSON.stringify({ status: 'x' }), headers: { 'Content-Type': 'application/json' } });
    expect(anonPost).toMatchObject({ status: 401, body: { error: 'The access token is invalid' } });
    expect((await postStatus(sb, { status: '  ' })).body).toEqual({ error: "Validation failed: Text can't be blank" });
    expect((await postStatus(sb, { status: 'x'.repeat(501) })).status).toBe(422);
    expect((await postStatus(sb, { status: 'hi', in_reply_to_id: '42' })).status).toBe(404);
    const tooMany = Array.from({ length: 21 }, (_, i) => `id[]=${i}`).join('&');
    expect((await getJson(sb, `/api/v1/statuses?${tooMany}`)).status).toBe(422);
  });

  it('renders text like Mastodon: escaped, hashtags and known mentions linked, paragraphs', async () => {
    const sb = await open();
    const s = sb.inject({ author: 'ada', text: 'Hi <b>there</b> & @kettlebird @nobody #Brew\n\nsecond line\nthird https://example.com/x' });
    expect(s.content).toBe(
      `<p>Hi &lt;b&gt;there&lt;/b&gt; &amp; <span class="h-card" translate="no"><a href="${sb.url}/@kettlebird" class="u-url mention">@<span>kettlebird</span></a></span> @nobody ` +
        `<a href="${sb.url}/tags/Brew" class="mention hashtag" rel="tag">#<span>Brew</span></a></p>` +
        `<p>second line<br />third <a href="https://example.com/x" target="_blank" rel="nofollow noopener noreferrer"><span class="invisible">https://</span><span class="">example.com/x</span><span class="invisible"></span></a></p>`,
    );
    expect(s.mentions).toEqual([{ id: sb.brand.id, username: 'kettlebird', url: `${sb.url}/@kettlebird`, acct: 'kettlebird' }]);
    expect(s.tags.map((t) => t.name)).toEqual(['brew']);
    expect(s.account).toMatchObject({ username: 'ada', acct: 'ada', url: `${sb.url}/@ada` });
    expect(s.id).toMatch(/^\d{15,20}$/);
    const t = sb.inject({ author: 'ada', text: 'tagged', tags: ['Extra'] });
    expect(t.content).toContain('#<span>Extra</span>');
    expect(BigInt(t.id) > BigInt(s.id)).toBe(true);
  });

  it('searches statuses by whole words, case-insensitively, with paging', async () => {
    const sb = await open();
    const a = sb.inject({ author: 'ada', text: 'Love the NIGHTJAR cold brew' });
    sb.inject({ author: 'ada', text: 'nightjars are birds' });
    const c = sb.inject({ author: 'ben', text: 'nightjar again, cold as ever' });
    const q = async (query: string, extra = '') => (await getJson(sb, `/api/v2/search?type=statuses&q=${encodeURIComponent(query)}${extra}`, { headers: auth(sb) })).body.statuses.map((s: { id: string }) => s.id);
    expect(await q('nightjar')).toEqual([c.id, a.id]);
    expect(await q('Nightjar cold')).toEqual([c.id, a.id]);
    expect(await q('"cold brew"')).toEqual([a.id]);
    expect(await q('nightjar', '&limit=1&offset=1')).toEqual([a.id]);
    expect(await q('nightjar', `&max_id=${c.id}`)).toEqual([a.id]);
    const all = await getJson(sb, '/api/v2/search?q=ada');
    expect(all.body.accounts.map((x: { acct: string }) => x.acct)).toEqual(['ada']);
    expect((await getJson(sb, '/api/v2/search?q=')).status).toBe(400);
    expect((await getJson(sb, '/api/v2/search?q=x&offset=2')).status).toBe(401);
  });

  it('filters notifications by types[] / exclude_types[] and only has brand mentions', async () => {
    const sb = await open();
    sb.inject({ author: 'ada', text: 'no mention' });
    const m = sb.inject({ author: 'ada', text: 'hey', mentionBrand: true });
    const get = async (q: string) => (await getJson(sb, `/api/v1/notifications${q}`, { headers: auth(sb) })).body;
    const all = await get('');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ type: 'mention', status: { id: m.id }, account: { acct: 'ada' } });
    expect(await get('?exclude_types[]=mention')).toEqual([]);
    expect(await get('?types[]=follow')).toEqual([]);
    expect(await get('?types[]=mention&types[]=follow')).toHaveLength(1);
  });

  it('publishes, dedupes by Idempotency-Key for an hour, and deletes only own statuses', async () => {
    const clock = new FakeClock();
    const sb = await open({ clock });
    const target = sb.inject({ author: 'ada', text: 'help please', mentionBrand: true });
    const first = await postStatus(sb, { status: '@ada sorry! DM us', in_reply_to_id: target.id, visibility: 'public' }, { 'Idempotency-Key': 'k1' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ in_reply_to_id: target.id, in_reply_to_account_id: target.account.id, account: { id: sb.brand.id }, application: { name: 'Newsroom' } });
    const again = await postStatus(sb, { status: '@ada sorry! DM us', in_reply_to_id: target.id }, { 'Idempotency-Key': 'k1' });
    expect(again.body.id).toBe(first.body.id);
    expect(sb.published()).toHaveLength(1);
    clock.advance(3_600_001);
    const later = await postStatus(sb, { status: '@ada sorry! DM us' }, { 'Idempotency-Key': 'k1' });
    expect(later.body.id).not.toBe(first.body.id);

    const form = await getJson(sb, '/api/v1/statuses', { method: 'POST', headers: { ...auth(sb), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'status=form+post&language=de' });
    expect(form.body).toMatchObject({ language: 'de', content: '<p>form post</p>' });

    const del = await getJson(sb, `/api/v1/statuses/${first.body.id}`, { method: 'DELETE', headers: auth(sb) });
    expect(del.status).toBe(200);
    expect(del.body.text).toBe('@ada sorry! DM us');
    expect((await getJson(sb, `/api/v1/statuses/${first.body.id}`)).status).toBe(404);
    expect((await getJson(sb, `/api/v1/statuses/${target.id}`, { method: 'DELETE', headers: auth(sb) })).status).toBe(404);
    const pub = await getJson(sb, '/_sandbox/published');
    expect(pub.body.map((s: { id: string; deleted?: boolean }) => [s.id, s.deleted ?? false])).toEqual([
      [first.body.id, true],
      [later.body.id, false],
      [form.body.id, false],
    ]);
    // Same key after the remembered status was deleted: Mastodon answers 404, never a duplicate.
    const k2 = await postStatus(sb, { status: 'x' }, { 'Idempotency-Key': 'k2' });
    await getJson(sb, `/api/v1/statuses/${k2.body.id}`, { method: 'DELETE', headers: auth(sb) });
    expect((await postStatus(sb, { status: 'x' }, { 'Idempotency-Key': 'k2' })).status).toBe(404);
  });

  it("a customer's direct message is readable and answerable by the brand; a direct reply stays out of public listings", async () => {
    const sb = await open();
    const dm = sb.inject({ author: 'ada', text: 'my card was charged twice', mentionBrand: true, visibility: 'direct' });
    // Anonymous readers never see it; the mentioned brand does (the customer's DM reaches it).
    expect((await getJson(sb, `/api/v1/statuses/${dm.id}`)).status).toBe(404);
    expect((await getJson(sb, `/api/v1/statuses/${dm.id}`, { headers: auth(sb) })).status).toBe(200);
    const reply = await postStatus(sb, { status: '@ada sorry: we refunded the second charge', in_reply_to_id: dm.id, visibility: 'direct' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ visibility: 'direct', in_reply_to_id: dm.id, mentions: [{ acct: 'ada' }] });
    // What the brand posted says how each post went out; public listings leave the direct one out.
    expect((await getJson(sb, '/_sandbox/published')).body.map((s: { id: string; visibility: string }) => [s.id, s.visibility])).toEqual([[reply.body.id, 'direct']]);
    expect((await getJson(sb, `/api/v1/statuses/${reply.body.id}`)).status).toBe(404);
    expect((await getJson(sb, '/api/v1/timelines/public')).body.map((s: { id: string }) => s.id)).not.toContain(reply.body.id);
    expect((await getJson(sb, `/api/v1/statuses/${dm.id}/context`)).status).toBe(404);
  });

  it('edit() sets edited_at and new content in place; remove() makes it 404 everywhere', async () => {
    const clock = new FakeClock();
    const sb = await open({ clock });
    const a = sb.inject({ author: 'ada', text: 'first #edit', mentionBrand: true });
    const b = sb.inject({ author: 'ben', text: 'second #edit' });
    clock.advance(5000);
    sb.edit(a.id, 'first, corrected #edit');
    const fetched = (await getJson(sb, `/api/v1/statuses/${a.id}`)).body;
    expect(fetched.edited_at).toBe(new Date(clock.now()).toISOString());
    expect(fetched.content).toContain('first, corrected');
    expect(fetched.created_at).toBe(a.created_at);
    const tl = (await getJson(sb, '/api/v1/timelines/tag/edit')).body.map((s: { id: string }) => s.id);
    expect(tl).toEqual([b.id, a.id]);
    sb.remove(a.id);
    expect((await getJson(sb, `/api/v1/statuses/${a.id}`)).status).toBe(404);
    expect((await getJson(sb, '/api/v1/timelines/tag/edit')).body.map((s: { id: string }) => s.id)).toEqual([b.id]);
    expect((await getJson(sb, '/api/v1/notifications', { headers: auth(sb) })).body).toEqual([]);
    expect(sb.statusCount()).toBe(1);
    expect(() => sb.remove(a.id)).toThrow(/not found/);
  });

  it('serves replay-style html verbatim and injects through the control API', async () => {
    const sb = await open();
    const html = '<p>x<script>alert(1)</script><a href="javascript:alert(1)">y</a></p>';
    const r = await getJson(sb, '/_sandbox/inject', { method: 'POST', body: JSON.stringify({ author: 'mallory@evil.example', text: 'x y #evil', html }) });
    expect(r.status).toBe(200);
    expect(r.body.content).toBe(html);
    expect(r.body.account.acct).toBe('mallory@evil.example');
    expect(r.body.account.url).toBe('https://evil.example/@mallory');
    expect((await getJson(sb, '/api/v1/timelines/tag/evil')).body[0].content).toBe(html);
    const mention = sb.inject({ author: 'eve', html: '<p>ping <b>support</b></p>', mentionBrand: true });
    expect(mention.content).toBe('<p>ping <b>support</b></p>');
    expect(mention.mentions.map((m) => m.id)).toEqual([sb.brand.id]);
    expect((await getJson(sb, '/api/v2/search?type=statuses&q=support', { headers: auth(sb) })).body.statuses.map((s: { id: string }) => s.id)).toEqual([mention.id]);
    expect((await getJson(sb, '/_sandbox/inject', { method: 'POST', body: JSON.stringify({ text: 'no author' }) })).status).toBe(422);
  });
});
