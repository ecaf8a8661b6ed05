import { randomUUID } from 'node:crypto';
import type { UserView } from '../../../../shared/domain.js';
import { RpcError } from '../../../../shared/errors.js';
import type { Presence } from '../../../../shared/queue.js';
import type { ConversationDetail, ConversationView, QueueMessage, ReplyOutcome } from '../../../../shared/queue-views.js';
import { roleMay } from '../../../../shared/roles.js';
import { insertNewPost } from '../../publish/posts-service.js';
import { textTooLong } from '../../publish/text-length.js';
import { postView } from '../../store/posts-repo.js';
import { recordAudit } from '../../team/audit.js';
import { unstartedOf } from '../assignment.js';
import { renderTemplate } from '../canned-replies.js';
import { blocksSending, checkReply } from '../guidelines.js';
import { autoAssign, isoOf, saveConversation, withSla, type QueueCore } from './queue-core.js';
import { withCustomerMention } from './queue-placement.js';
import type { ReplyParentResolver } from '../../publish/reply-parent.js';
import { customerTags } from './customer-tags.js';
import { conversationView, type ConversationRecord } from './queue-repo.js';

const isLead = (u: UserView) => roleMay(u.role, 'lead');

function must(core: QueueCore, id: string): ConversationRecord {
  const c = core.repo.get(id);
  if (!c) throw new RpcError('not_found', `no conversation "${id}": it may have been removed; reload the queue`);
  return c;
}

/** One write: read, change, save, tell the clients. */
function change(core: QueueCore, id: string, fn: (c: ConversationRecord, nowMs: number, at: string) => ConversationRecord): ConversationView {
  const nowMs = core.clock.now();
  const at = isoOf(nowMs);
  return core.store.write(() => conversationView(saveConversation(core, withSla(core, fn(must(core, id), nowMs, at), nowMs), at)));
}

export interface QueueActions {
  get(user: UserView, id: string): ConversationDetail;
  claim(user: UserView, id: string): ConversationView;
  assign(user: UserView, id: string, to: string | null): ConversationView;
  release(user: UserView, id: string): ConversationView;
  note(user: UserView, id: string, text: string): QueueMessage;
  resolve(user: UserView, id: string): ConversationView;
  reopen(user: UserView, id: string): ConversationView;
  reply(user: UserView, p: { id: string; text: string; cannedId?: string | undefined; dryRun: boolean }): Promise<ReplyOutcome>;
  canned(user: UserView, id: string): { id: string; name: string; tone: string; text: string }[];
  setPresence(user: UserView, p: { status?: Presence['status'] | undefined; conversation?: string | null | undefined; activity?: Presence['activity'] | undefined }): Presence;
}

export function createQueueActions(core: QueueCore, deps: { replyParent: ReplyParentResolver }): QueueActions {
  const { repo, store } = core;

  const mayAct = (user: UserView, c: ConversationRecord, what: string) => {
    if (!isLead(user) && c.assignee !== null && c.assignee !== user.name) {
      throw new RpcError('conflict', `${c.assignee} has this conversation: ask them or a lead before you ${what} it`);
    }
  };

  return {
    get(user, id) {
      const c = must(core, id);
      return {
        conversation: conversationView(withSla(core, c, core.clock.now())),
        messages: repo.messages(id),
        history: repo.ofAuthor(c.platform, c.author.handle).filter((o) => o.id !== id).map(conversationView),
        customerTags: customerTags(store.db, c.platform, c.author.handle),
        presence: repo.presence().filter((p) => p.conversation === id && p.user !== user.name),
      };
    },

    // Invariant 7: one transaction reads and sets the assignee, so of two claims exactly one wins.
    claim: (user, id) =>
      change(core, id, (c) => {
        if (c.assignee === user.name) return c;
        if (c.assignee !== null) throw new RpcError('conflict', `${c.assignee} already has this conversation`);
        return { ...c, assignee: user.name, unassignedWhy: null };
      }),

    assign(user, id, to) {
      if (to !== null && !store.users.get(to)) throw new RpcError('invalid_input', `no user "${to}": users.list shows who there is`);
      return change(core, id, (c) => ({ ...c, assignee: to, unassignedWhy: to === null ? `unassigned by ${user.name}` : null }));
    },

    release: (user, id) =>
      change(core, id, (c) => {
        if (c.assignee === null) return c;
        if (c.assignee !== user.name && !isLead(user)) throw new RpcError('forbidden', `only ${c.assignee} or a lead may release this conversation`);
        return { ...c, assignee: null, unassignedWhy: `released by ${user.name}` };
      }),

    note(user, id, text) {
      const at = isoOf(core.clock.now());
      return store.write(() => {
        must(core, id);
        const message = repo.addMessage({ conversationId: id, kind: 'note', author: user.name, text, at, itemId: null, postId: null, nativeId: null });
        store.changes.append({ kind: 'conversation.message', message }, at);
        return message;
      });
    },

    resolve: (user, id) =>
      change(core, id, (c, nowMs, at) => {
        mayAct(user, c, 'resolve');
        if (c.status === 'resolved') return c;
        return { ...c, status: 'resolved', resolvedAt: at, slaEvents: [...c.slaEvents, { type: 'resolved', at: nowMs }] };
      }),

    reopen: (user, id) =>
      change(core, id, (c, nowMs) => {
        if (c.status !== 'resolved') return c;
        return { ...c, status: 'open', resolvedAt: null, answered: false, slaEscalated: false, reopenCount: c.reopenCount + 1, assignee: c.assignee ?? user.name, slaEvents: [...c.slaEvents, { type: 'reopened', at: nowMs }] };
      }),

    canned(user, id) {
      const c = must(core, id);
      const team = core.settings.teams().find((t) => t.id === c.team);
      const brand = store.accounts.list().find((a) => a.platform === c.platform)?.name ?? '';
      return core.settings
        .canned()
        .filter((r) => r.teams.length === 0 || r.teams.includes(c.team))
        .map((r) => {
          const out = renderTemplate(r.text, { author: c.author.name, author_handle: c.author.handle, agent: user.name, team: team?.name ?? c.team, brand });
          return { id: r.id, name: r.name, tone: r.tone, text: out.ok ? out.text : r.text };
        });
    },

    async reply(user, p) {
      const c0 = must(core, p.id);
      const canned = p.cannedId ? core.settings.canned().find((r) => r.id === p.cannedId) : undefined;
      const findings = checkReply(p.text, core.settings.guidelines(), {
        team: c0.team,
        replyingTo: (c0.badges.sentiment as 'positive' | 'neutral' | 'negative' | null) ?? null,
        cannedTone: canned?.tone ?? null,
      });
      const refuse = (why: string): ReplyOutcome => ({ findings, sent: false, message: null, why });
      if (blocksSending(findings)) return refuse('the brand guidelines block this reply: fix what is marked, then send again');
      if (p.dryRun) return { findings, sent: false, message: null, why: null };
      const account = store.accounts.list().find((a) => a.platform === c0.platform);
      if (!account) return refuse(`no publishing account for ${c0.platform}: an admin adds one (accounts.add) before the desk can reply`);
      // A private conversation is answered privately (the outbox sends it as a direct message), and a
      // direct message reaches only whom it mentions: so it always mentions the customer.
      const text = c0.private ? withCustomerMention(p.text, c0.author.handle, account.handle) : p.text;
      const over = textTooLong(account.platform, text);
      if (over) return refuse(`${account.name}: ${over}`);
      mayAct(user, c0, 'answer');
      // The parent as the brand's own server knows it (a post from another server has another id there).
      const parentUri = repo.lastCustomerNative(c0.id);
      const parent = await deps.replyParent(account, parentUri);
      if ('why' in parent) return refuse(parent.why);
      const nowMs = core.clock.now();
      const at = isoOf(nowMs);
      return store.write(() => {
        const c = must(core, p.id);
        mayAct(user, c, 'answer');
        if (c.private !== c0.private) return refuse('the customer wrote privately while you were writing: read the conversation again, then send');
        // Through the outbox like any post (attempt recorded before the call, Idempotency-Key, unconfirmed
        // rather than a blind retry); a desk reply needs no approval: the agent answering is the approval.
        const post = insertNewPost(store, {
          groupId: randomUUID(),
          account,
          text,
          inReplyTo: parent.id,
          scheduledAt: at,
          timeZone: 'UTC',
          status: 'scheduled',
          author: user.name,
          approvedBy: user.name,
          at,
        });
        recordAudit(store, { actor: user.name, action: 'post.created', entity: 'post', entityId: post.id, from: null, to: 'scheduled', details: { conversation: c.id, reply: true, ...(c.private ? { visibility: 'direct' } : {}) } }, at);
        store.changes.append({ kind: 'post.added', post: postView(post) }, at);
        const message = repo.addMessage({ conversationId: c.id, kind: 'reply', author: user.name, text, at, itemId: null, postId: post.id, nativeId: null });
        const next = withSla(
          core,
          {
            ...c,
            assignee: c.assignee ?? user.name,
            unassignedWhy: null,
            answered: true,
            firstResponseAt: c.firstResponseAt ?? at,
            slaEvents: [...c.slaEvents, { type: 'agent_replied', at: nowMs }],
          },
          nowMs,
        );
        saveConversation(core, next, at);
        store.changes.append({ kind: 'conversation.message', message }, at);
        return { findings, sent: true, message, why: null };
      });
    },

    setPresence(user, p) {
      const nowMs = core.clock.now();
      const at = isoOf(nowMs);
      return store.write(() => {
        const prev = repo.presence().find((x) => x.user === user.name);
        const next: Presence = {
          user: user.name,
          status: p.status ?? prev?.status ?? 'online',
          conversation: p.conversation !== undefined ? p.conversation : (prev?.conversation ?? null),
          activity: p.activity !== undefined ? p.activity : (prev?.activity ?? null),
          at,
        };
        if (next.conversation === null) next.activity = null;
        repo.putPresence(next);
        store.changes.append({ kind: 'presence.changed', presence: next }, at);
        const was = prev?.status ?? 'offline';
        if (next.status === 'offline' && was !== 'offline') {
          // Going offline hands back what they had not started; what they answered stays theirs.
          for (const id of unstartedOf(repo.assignedOpen(user.name), user.name)) {
            const c = repo.get(id)!;
            saveConversation(core, withSla(core, autoAssign(core, { ...c, assignee: null }, user.name), nowMs), at);
          }
        } else if (next.status === 'online' && was !== 'online') {
          // Someone came online: what waits in their teams' queues can go to them now.
          for (const team of core.settings.teams().filter((t) => t.members.some((m) => m.user === user.name))) {
            for (const c of repo.unassignedOf(team.id)) {
              const assigned = autoAssign(core, c);
              if (assigned.assignee !== null) saveConversation(core, withSla(core, assigned, nowMs), at);
            }
          }
        }
        return next;
      });
    },
  };
}
