import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTHOR_WINDOW_MS, type InboundItem } from '../../../electron/engine/queue/conversation-grouping.js';
import { MemoryConversations } from './memory-conversations.js';

const US = 'kettlebird@mastodon.example';
const options = { ourHandles: [`@${US.toUpperCase()}`], authorWindowMs: DEFAULT_AUTHOR_WINDOW_MS };
const T0 = Date.parse('2026-11-22T12:00:00Z');
const MIN = 60_000;
let seq = 0;

function post(over: Partial<InboundItem> = {}): InboundItem {
  seq += 1;
  return {
    platform: 'mastodon',
    postId: `p${seq}`,
    inReplyTo: null,
    inReplyToAuthor: null,
    threadRoot: null,
    author: 'alice@social.example',
    createdAt: T0 + seq * MIN,
    visibility: 'public',
    mentions: [],
    intent: null,
    urgent: false,
    ...over,
  };
}

describe('conversations: what needs a response', () => {
  it('takes mentions, replies to us, direct messages and labelled listening hits; ignores the rest', () => {
    const m = new MemoryConversations();
    expect(m.receive(post({ mentions: ['kettlebird@mastodon.example'] }), options)).toMatchObject({ action: 'create', reasons: ['mention'] });
    expect(m.receive(post({ author: 'bob@x.example', visibility: 'direct', mentions: [US] }), options)).toMatchObject({
      action: 'create',
      private: true,
      reasons: ['direct', 'mention'],
    });
    expect(m.receive(post({ author: 'carol@x.example', inReplyTo: 'q1', inReplyToAuthor: US }), options)).toMatchObject({ reasons: ['reply'] });
    expect(m.receive(post({ author: 'dan@x.example', intent: 'complaint' }), options)).toMatchObject({ reasons: ['complaint'] });
    expect(m.receive(post({ author: 'erin@x.example', intent: 'question', urgent: true }), options)).toMatchObject({ reasons: ['question', 'urgent'] });
    expect(m.receive(post({ author: 'fay@x.example', intent: 'praise' }), options)).toMatchObject({ action: 'ignore' });
    expect(m.receive(post({ author: 'gus@x.example', mentions: ['kettlebird@elsewhere.example'] }), options)).toMatchObject({ action: 'ignore' });
    // Our own posts never need an answer, even when they mention us.
    expect(m.receive(post({ author: US, mentions: [US], intent: 'complaint' }), options)).toEqual({ action: 'own', conversationId: null });
  });
});

describe('conversations: grouping', () => {
  it('keeps one customer in one thread together, through our replies', () => {
    const m = new MemoryConversations();
    const first = post({ mentions: [US] });
    const created = m.receive(first, options);
    expect(created).toMatchObject({ action: 'create', threadRoot: first.postId });
    const convId = [...m.conversations.keys()][0]!;
    m.recordOurReply('mastodon', 'our-1', convId);
    // Days later (past the author window), the customer answers our reply: same conversation.
    const answer = post({ inReplyTo: 'our-1', createdAt: T0 + 3 * DEFAULT_AUTHOR_WINDOW_MS });
    expect(m.receive(answer, options)).toMatchObject({ action: 'append', conversationId: convId, via: 'thread', reasons: ['reply'] });
    // Someone else answering our reply is their own conversation, in the same thread.
    const other = m.receive(post({ author: 'bob@x.example', inReplyTo: 'our-1' }), options);
    expect(other).toMatchObject({ action: 'create', threadRoot: first.postId, reasons: ['reply'] });
  });

  it('joins a new post by the same author within the window, and not after it', () => {
    const m = new MemoryConversations();
    m.receive(post({ intent: 'complaint', createdAt: T0 }), options);
    expect(m.receive(post({ intent: 'complaint', createdAt: T0 + 60 * MIN }), options)).toMatchObject({ action: 'append', via: 'author', reopen: false });
    expect(m.receive(post({ intent: 'complaint', createdAt: T0 + 60 * MIN + DEFAULT_AUTHOR_WINDOW_MS + 1 }), options)).toMatchObject({ action: 'create' });
  });

  it('never joins a direct message to a public conversation by author', () => {
    const m = new MemoryConversations();
    m.receive(post({ intent: 'complaint', createdAt: T0 }), options);
    expect(m.receive(post({ visibility: 'direct', mentions: [US], createdAt: T0 + MIN }), options)).toMatchObject({ action: 'create', private: true });
  });

  it('makes a conversation private once a private message lands in its thread', () => {
    const m = new MemoryConversations();
    const first = post({ mentions: [US] });
    m.receive(first, options);
    m.receive(post({ inReplyTo: first.postId, visibility: 'private', mentions: [US] }), options);
    expect([...m.conversations.values()][0]).toMatchObject({ private: true });
  });

  it('reopens a resolved conversation when the customer writes again, and not for others', () => {
    const m = new MemoryConversations();
    const first = post({ mentions: [US] });
    m.receive(first, options);
    const id = [...m.conversations.keys()][0]!;
    m.setStatus(id, 'resolved');
    // A reply in the thread that is not addressed to us is kept as context, without reopening.
    expect(m.receive(post({ inReplyTo: first.postId, inReplyToAuthor: 'alice@social.example' }), options)).toMatchObject({ action: 'append', reopen: false });
    expect(m.conversations.get(id)!.status).toBe('resolved');
    expect(m.receive(post({ inReplyTo: first.postId, mentions: [US] }), options)).toMatchObject({ action: 'append', reopen: true });
    expect(m.conversations.get(id)).toMatchObject({ status: 'open', reopenCount: 1 });
    // By author, within the window, too.
    m.setStatus(id, 'resolved');
    expect(m.receive(post({ intent: 'question' }), options)).toMatchObject({ action: 'append', via: 'author', reopen: true });
  });

  it('ends a wait on the customer when they write', () => {
    const m = new MemoryConversations();
    m.receive(post({ mentions: [US] }), options);
    const id = [...m.conversations.keys()][0]!;
    m.setStatus(id, 'waiting');
    m.receive(post({ mentions: [US] }), options);
    expect(m.conversations.get(id)!.status).toBe('open');
  });

  it('puts only one customer in a conversation, and every item that needs an answer somewhere (property)', () => {
    const authors = ['a@x', 'b@x', 'c@x', US];
    const itemArb = fc.record({
      author: fc.constantFrom(...authors),
      replyTo: fc.option(fc.nat(30)),
      minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      visibility: fc.constantFrom('public', 'unlisted', 'private', 'direct') as fc.Arbitrary<InboundItem['visibility']>,
      mentionUs: fc.boolean(),
      intent: fc.constantFrom(null, 'complaint', 'question', 'praise', 'chatter') as fc.Arbitrary<InboundItem['intent']>,
      resolveAfter: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 40 }), (raw) => {
        const m = new MemoryConversations();
        const ids: string[] = [];
        raw.forEach((r, i) => {
          const it: InboundItem = {
            platform: 'mastodon',
            postId: `x${i}`,
            inReplyTo: r.replyTo !== null && r.replyTo < i ? ids[r.replyTo]! : null,
            inReplyToAuthor: null,
            threadRoot: null,
            author: r.author,
            createdAt: T0 + r.minutes * MIN,
            visibility: r.visibility,
            mentions: r.mentionUs ? [US] : [],
            intent: r.intent,
            urgent: false,
          };
          ids.push(it.postId);
          const p = m.receive(it, options);
          const needs = r.author !== US && (r.mentionUs || r.visibility === 'direct' || r.intent === 'complaint' || r.intent === 'question');
          if (needs) expect(['create', 'append']).toContain(p.action);
          if (r.author === US) expect(p.action).toBe('own');
          if (p.action === 'append' && p.via === 'author') expect(m.conversations.get(p.conversationId)!.private).toBe(r.visibility === 'private' || r.visibility === 'direct');
          if (r.resolveAfter && (p.action === 'create' || p.action === 'append')) m.setStatus(m.posts.get(`mastodon|${it.postId}`)!, 'resolved');
        });
        for (const [id, items] of m.itemsOf) {
          expect(new Set(items.map((x) => x.author)).size).toBe(1);
          expect(m.conversations.get(id)!.author).toBe(items[0]!.author);
          if (items.some((x) => x.visibility === 'private' || x.visibility === 'direct')) expect(m.conversations.get(id)!.private).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
