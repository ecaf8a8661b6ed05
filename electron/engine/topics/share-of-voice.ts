import { RpcError } from '../../../shared/errors.js';
import type { ShareOfVoice, Topic } from '../../../shared/topics.js';
import type { TopicsRepo } from '../store/topics-repo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A month of hours, a year of days: enough for any chart, small enough to answer at once. */
const MAX_BUCKETS = { hour: 24 * 31, day: 366 } as const;

export interface ShareOfVoiceQuery {
  bucket: 'hour' | 'day';
  brandId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Brand vs each competitor per hour or day, from the hourly counts kept with the items (no item scan). */
export function shareOfVoice(repo: TopicsRepo, topics: readonly Topic[], q: ShareOfVoiceQuery, now: number): ShareOfVoice {
  const brand = q.brandId !== undefined ? topics.find((t) => t.id === q.brandId) : topics.find((t) => t.kind === 'brand');
  if (q.brandId !== undefined && !brand) throw new RpcError('not_found', `No topic "${q.brandId}".`);
  const competitors = topics.filter((t) => t.kind === 'competitor' && t.id !== brand?.id);
  const step = q.bucket === 'hour' ? HOUR : DAY;
  const to = q.to !== undefined ? Date.parse(q.to) : now;
  const from = q.from !== undefined ? Date.parse(q.from) : to - (q.bucket === 'hour' ? 23 * HOUR : 29 * DAY);
  if (from > to) throw new RpcError('invalid_input', '`from` is after `to`.');
  const first = Math.floor(from / step) * step;
  const count = Math.floor((to - first) / step) + 1;
  if (count > MAX_BUCKETS[q.bucket]) throw new RpcError('invalid_input', `At most ${MAX_BUCKETS[q.bucket]} ${q.bucket}s at once: narrow from/to or count by day.`);
  const keyOf = (ms: number) => new Date(ms).toISOString().slice(0, q.bucket === 'hour' ? 13 : 10);
  const ids = [...(brand ? [brand.id] : []), ...competitors.map((t) => t.id)];
  const buckets: ShareOfVoice['buckets'] = [];
  const index = new Map<string, ShareOfVoice['buckets'][number]>();
  for (let i = 0; i < count; i++) {
    const b = { at: keyOf(first + i * step), posts: Object.fromEntries(ids.map((id) => [id, 0])), share: Object.fromEntries(ids.map((id) => [id, 0])) };
    buckets.push(b);
    index.set(b.at, b);
  }
  const rows = repo.hours(ids, new Date(first).toISOString().slice(0, 13), new Date(first + count * step - HOUR).toISOString().slice(0, 13));
  for (const r of rows) {
    const b = index.get(q.bucket === 'hour' ? r.hour : r.hour.slice(0, 10));
    if (b) b.posts[r.topicId] = (b.posts[r.topicId] ?? 0) + r.posts;
  }
  for (const b of buckets) {
    const total = ids.reduce((n, id) => n + b.posts[id]!, 0);
    if (total > 0) for (const id of ids) b.share[id] = b.posts[id]! / total;
  }
  const pick = (t: Topic) => ({ id: t.id, name: t.name });
  return { bucket: q.bucket, brand: brand ? pick(brand) : null, competitors: competitors.map(pick), buckets };
}
