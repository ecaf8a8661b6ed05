import type { IncomingPost } from '../../../electron/engine/ingest/types.js';

let n = 0;
export function post(over: Partial<IncomingPost> = {}): IncomingPost {
  n++;
  return {
    platform: 'mastodon',
    nativeId: `https://social.example/users/a/statuses/${n}`,
    url: `https://social.example/@a/${n}`,
    author: { handle: 'a@social.example', name: 'A', url: 'https://social.example/@a', avatarUrl: null },
    html: `<p>post ${n} about #Coffee</p>`,
    lang: 'en',
    tags: ['Coffee'],
    createdAt: new Date(Date.parse('2026-11-22T11:00:00Z') + n * 1000).toISOString(),
    replyTo: null,
    editedAt: null,
    ...over,
  };
}
