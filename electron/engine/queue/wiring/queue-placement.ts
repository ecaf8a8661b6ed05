import { isPrivate, type Item } from '../../../../shared/domain.js';
import { normalizeHandle, type TriageItem } from '../../../../shared/queue-rules.js';
import type { ConversationBadges } from '../../../../shared/queue-views.js';
import type { HookContext, IngestedItem, InTransactionHook } from '../../ingest/hooks.js';
import { conversationAfter, DEFAULT_AUTHOR_WINDOW_MS, placeInbound, type ConversationLookup, type InboundItem } from '../conversation-grouping.js';
import { autoAssign, saveConversation, withSla, type QueueCore } from './queue-core.js';
import type { ConversationRecord } from './queue-repo.js';
import { onServer, statusIdInUri } from '../../publish/reply-parent.js';

const MENTION = /(?:^|[^\p{L}\p{N}_@/])@([\p{L}\p{N}_.-]+)(?:@([\p{L}\p{N}.:-]+))?/gu;

/** The handles a post's text mentions, completed to our own handle when the user name and server fit. */
export function mentionsOf(text: string, ourHandles: string[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const user = m[1]!.toLowerCase().replace(/[.-]+$/, '');
    const domain = m[2]?.toLowerCase() ?? null;
    const ours = ourHandles.find((h) => h.split('@')[0] === user && (domain === null || h.endsWith(`@${domain}`)));
    out.push(ours ?? (domain ? `${user}@${domain}` : user));
  }
  return out;
}

/**
 * The reply's text, starting with `@customer` unless it already mentions them (however it spells
 * their server). A customer on the brand's own server is written `@user`, as Mastodon's own apps
 * do (and a sandbox's "127.0.0.1:4781" is no domain a mention can carry).
 */
export function withCustomerMention(text: string, customer: string, brandHandle: string | null): string {
  const handle = customer.replace(/^@/, '').toLowerCase();
  if (mentionsOf(text, [handle]).includes(handle)) return text;
  const [user, server] = handle.split('@');
  const brandServer = brandHandle?.replace(/^@/, '').toLowerCase().split('@')[1];
  return `@${server !== undefined && server === brandServer ? user : handle} ${text}`;
}

export function badgesOf(item: Item): ConversationBadges {
  const e = item.enrichment;
  return {
    intent: e?.intent.label ?? null,
    sentiment: e?.sentiment.label ?? null,
    stage: e?.stage.label ?? null,
    urgency: e?.urgency.cues.map((c) => c.cue) ?? [],
    language: e?.lang.value ?? item.lang,
    topics: item.topics ?? [],
  };
}

export function triageItemOf(item: Item): TriageItem {
  const b = badgesOf(item);
  return {
    platform: item.platform,
    sourceId: item.sourceId,
    text: item.text,
    lang: b.language,
    intent: (b.intent as TriageItem['intent']) ?? null,
    sentiment: (b.sentiment as TriageItem['sentiment']) ?? null,
    stage: (b.stage as TriageItem['stage']) ?? null,
    topics: item.topics,
    urgency: b.urgency,
    author: { handle: item.author.handle, followers: item.author.followers },
    private: isPrivate(item.visibility),
  };
}

function lookupOf(core: QueueCore): ConversationLookup {
  const { repo, store } = core;
  const ourRemote = store.db.prepare(
    'SELECT p.id, p.remote_url, a.instance_url FROM posts p LEFT JOIN publish_accounts a ON a.id = p.account_id WHERE p.platform = ? AND p.remote_id = ?',
  );
  const ref = (c: ConversationRecord | null) =>
    c && { id: c.id, author: c.author.handle, threadRoot: c.threadRoot, status: c.status, private: c.private, lastCustomerAt: Date.parse(c.lastCustomerAt) };
  // One of our posts only when the address is on the server it was published to: another server's
  // post with the same number is someone else's.
  const ourPost = (platform: string, uri: string) => {
    const local = statusIdInUri(uri);
    if (local === null) return null;
    const rows = ourRemote.all(platform, local) as Array<{ id: string; remote_url: string | null; instance_url: string | null }>;
    return rows.find((r) => onServer(uri, r.instance_url) || (r.remote_url !== null && onServer(uri, r.remote_url)))?.id ?? null;
  };
  return {
    isOurPost: (platform, postId) => ourPost(platform, postId) !== null,
    conversationOfPost(platform, postId) {
      const id = repo.conversationOfNative(postId) ?? (() => {
        const post = ourPost(platform, postId);
        return post === null ? null : repo.conversationOfPost(post);
      })();
      return id === null ? null : ref(repo.get(id));
    },
    conversationInThread: (platform, root, author) => ref(repo.inThread(platform, root, author)),
    latestConversationOf: (platform, author, priv) => ref(repo.latestOf(platform, author, priv)),
  };
}

/**
 * The queue's in-transaction ingest hook: every new item that needs a response is placed in a
 * conversation (by thread, then by author), triaged and auto-assigned in the batch's own
 * transaction, so a post is never stored without its conversation (nor the other way round). A
 * customer writing again reopens a resolved conversation. One item failing (a bad rule, say) is
 * rolled back alone and logged; the batch and the other items go on.
 */
export function createQueueHook(core: QueueCore): InTransactionHook {
  const lookup = lookupOf(core);
  return {
    name: 'queue',
    inTransaction(items: readonly IngestedItem[], ctx: HookContext) {
      const fresh = items.filter((i) => i.change === 'added' && i.item.deletedAt === null);
      if (fresh.length === 0) return;
      const ourHandles = core.store.accounts
        .list()
        .flatMap((a) => (a.handle ? [normalizeHandle(a.handle)] : []));
      for (const { item } of fresh) {
        const mark = core.store.changes.begin();
        try {
          core.store.db.transaction(() => placeOne(core, item, ourHandles, lookup, ctx.now))();
        } catch (err) {
          core.store.changes.rollback(mark);
          core.log.error('queue: could not place an item in a conversation; the post is stored', {
            itemId: item.id,
            error: err instanceof Error ? (err.stack ?? err.message) : String(err),
          });
        }
      }
    },
  };
}

function placeOne(core: QueueCore, item: Item, ourHandles: string[], lookup: ConversationLookup, atIso: string): void {
  const { repo } = core;
  const createdAt = Date.parse(item.createdAt);
  const badges = badgesOf(item);
  const inbound: InboundItem = {
    platform: item.platform,
    postId: item.nativeId,
    inReplyTo: item.replyTo,
    inReplyToAuthor: null,
    threadRoot: null,
    author: item.author.handle,
    createdAt,
    visibility: item.visibility,
    mentions: mentionsOf(item.text, ourHandles),
    intent: (badges.intent as InboundItem['intent']) ?? null,
    urgent: badges.urgency.length > 0,
  };
  const placement = placeInbound(inbound, lookup, { ourHandles, authorWindowMs: DEFAULT_AUTHOR_WINDOW_MS });
  if (placement.action === 'ignore' || placement.action === 'own') return;
  const nowMs = core.clock.now();
  let c: ConversationRecord;
  if (placement.action === 'create') {
    const route = core.settings.compiledTriage().route(triageItemOf(item));
    const state = conversationAfter(null, inbound, placement, `c${item.id}`);
    c = {
      id: state.id,
      platform: item.platform,
      status: 'open',
      private: state.private,
      team: route.team,
      assignee: null,
      priority: route.priority,
      tags: route.tags,
      sla: route.sla,
      author: { handle: state.author, name: item.author.name || item.author.handle },
      threadRoot: state.threadRoot,
      createdAt: item.createdAt,
      lastCustomerAt: item.createdAt,
      firstResponseAt: null,
      resolvedAt: null,
      reopenCount: 0,
      rules: route.matched,
      // The SLA clock starts when the post reached us, not when its author wrote it (a backfill is not late on arrival).
      slaEvents: [{ type: 'created', at: nowMs }],
      slaState: null,
      slaDueAt: null,
      slaNextAt: null,
      slaEscalated: false,
      preview: item.text.slice(0, 500),
      badges,
      answered: false,
      unassignedWhy: null,
      updatedAt: atIso,
    };
    c = autoAssign(core, c);
  } else {
    const prev = repo.get(placement.conversationId);
    if (!prev) return;
    const state = conversationAfter(
      { id: prev.id, author: prev.author.handle, threadRoot: prev.threadRoot, status: prev.status, private: prev.private, lastCustomerAt: Date.parse(prev.lastCustomerAt), createdAt: Date.parse(prev.createdAt), reopenCount: prev.reopenCount },
      inbound,
      placement,
      prev.id,
    );
    c = {
      ...prev,
      status: state.status,
      private: state.private,
      lastCustomerAt: new Date(state.lastCustomerAt).toISOString(),
      reopenCount: state.reopenCount,
      preview: item.text.slice(0, 500),
      badges,
      answered: false,
      resolvedAt: placement.reopen ? null : prev.resolvedAt,
      slaEscalated: placement.reopen ? false : prev.slaEscalated,
      slaEvents: [...prev.slaEvents, { type: 'customer_wrote', at: nowMs }],
    };
    // A reopened conversation goes back to its agent if they are still there, else to the team.
    if (placement.reopen && (c.assignee === null || presenceOf(core, c.assignee) !== 'online')) c = autoAssign(core, { ...c, assignee: null });
  }
  c = withSla(core, c, nowMs);
  const saved = saveConversation(core, c, atIso);
  const message = repo.addMessage({ conversationId: saved.id, kind: 'customer', author: item.author.handle, text: item.text, at: item.createdAt, itemId: item.id, postId: null, nativeId: item.nativeId });
  core.store.changes.append({ kind: 'conversation.message', message }, atIso);
}

function presenceOf(core: QueueCore, user: string): string {
  return core.repo.presence().find((p) => p.user === user)?.status ?? 'offline';
}
