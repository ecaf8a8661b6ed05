import {
  conversationAfter,
  placeInbound,
  type ConversationLookup,
  type ConversationState,
  type GroupingOptions,
  type InboundItem,
  type Placement,
} from '../../../electron/engine/queue/conversation-grouping.js';
import { normalizeHandle } from '../../../shared/queue-rules.js';

/** The lookup answered from memory, the way the store will answer it from SQLite. */
export class MemoryConversations implements ConversationLookup {
  readonly conversations = new Map<string, ConversationState>();
  /** platform|postId → conversation id */
  readonly posts = new Map<string, string>();
  readonly ourPosts = new Set<string>();
  readonly itemsOf = new Map<string, InboundItem[]>();
  private nextId = 1;

  isOurPost(platform: string, postId: string): boolean {
    return this.ourPosts.has(`${platform}|${postId}`);
  }
  conversationOfPost(platform: string, postId: string): ConversationState | null {
    const id = this.posts.get(`${platform}|${postId}`);
    return id ? this.conversations.get(id)! : null;
  }
  conversationInThread(_platform: string, threadRoot: string, author: string): ConversationState | null {
    for (const c of this.conversations.values()) if (c.threadRoot === threadRoot && c.author === author) return c;
    return null;
  }
  latestConversationOf(_platform: string, author: string, isPrivate: boolean): ConversationState | null {
    let best: ConversationState | null = null;
    for (const c of this.conversations.values()) {
      if (c.author === normalizeHandle(author) && c.private === isPrivate && (!best || c.lastCustomerAt > best.lastCustomerAt)) best = c;
    }
    return best;
  }

  /** Places an item and records the result; returns the placement. */
  receive(item: InboundItem, options: GroupingOptions): Placement {
    const p = placeInbound(item, this, options);
    if (p.action === 'create' || p.action === 'append') {
      const prev = p.action === 'append' ? this.conversations.get(p.conversationId)! : null;
      const next = conversationAfter(prev, item, p, `c${this.nextId++}`);
      this.conversations.set(next.id, next);
      this.posts.set(`${item.platform}|${item.postId}`, next.id);
      this.itemsOf.set(next.id, [...(this.itemsOf.get(next.id) ?? []), item]);
    } else if (p.action === 'own') {
      this.recordOurReply(item.platform, item.postId, p.conversationId);
    }
    return p;
  }

  recordOurReply(platform: string, postId: string, conversationId: string | null): void {
    this.ourPosts.add(`${platform}|${postId}`);
    if (conversationId) this.posts.set(`${platform}|${postId}`, conversationId);
  }

  setStatus(id: string, status: ConversationState['status']): void {
    this.conversations.set(id, { ...this.conversations.get(id)!, status });
  }
}
