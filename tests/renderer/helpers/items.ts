import type { ChangeEnvelope } from '../../../shared/changes';
import type { Item, SourceView } from '../../../shared/domain';

export function makeItem(id: number, patch: Partial<Item> = {}): Item {
  return {
    id,
    seq: id,
    sourceId: 'src-1',
    platform: 'mastodon',
    nativeId: `n${id}`,
    url: `https://social.example/@ana/${id}`,
    author: { handle: 'ana@social.example', name: 'Ana', url: null, avatarUrl: null, emojis: [], followers: null },
    text: `post ${id}`,
    html: `<p>post ${id}</p>`,
    lang: 'en',
    tags: [],
    createdAt: new Date(Date.UTC(2025, 2, 4, 12, 0, id)).toISOString(),
    ingestedAt: new Date(Date.UTC(2025, 2, 4, 12, 0, id)).toISOString(),
    replyTo: null,
    editedAt: null,
    deletedAt: null,
    visibility: 'public',
    contentWarning: null,
    sensitive: false,
    media: [],
    poll: null,
    emojis: [],
    boostedBy: [],
    enrichment: null,
    topics: [],
    ...patch,
  };
}

export function makeSource(id: string, patch: Partial<SourceView> = {}): SourceView {
  return {
    id,
    platform: 'mastodon',
    name: `Source ${id}`,
    config: { instanceUrl: 'https://social.example', hashtags: ['brand'], terms: [], mentions: false },
    hasToken: false,
    paused: false,
    status: 'ok',
    lastPollAt: null,
    lastError: null,
    createdAt: '2025-03-04T12:00:00.000Z',
    ...patch,
  };
}

/** item.added at `seq` (the item's own seq follows the envelope, as the engine writes it). */
export function added(seq: number, id = seq, patch: Partial<Item> = {}): ChangeEnvelope {
  return { seq, change: { kind: 'item.added', item: makeItem(id, { seq, ...patch }) } };
}

export function updated(seq: number, id: number, patch: Partial<Item> = {}): ChangeEnvelope {
  return { seq, change: { kind: 'item.updated', item: makeItem(id, { seq, ...patch }) } };
}

export function deleted(seq: number, id: number): ChangeEnvelope {
  return { seq, change: { kind: 'item.deleted', item: makeItem(id, { seq, deletedAt: '2025-03-04T13:00:00.000Z' }) } };
}
