/**
 * Topics (issue 10): what a brand listens for beyond its own name. Each topic is a named
 * listening query; every post is tagged at ingest with the ids of the topics it matches
 * (`Item.topics`), and share of voice compares the brand's topic with each competitor's.
 */

export const TOPIC_KINDS = ['brand', 'product', 'competitor', 'category', 'person'] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];

export interface Topic {
  /** Stable: derived from the name when the topic is created, kept when it is renamed. */
  id: string;
  name: string;
  kind: TopicKind;
  /** A listening query (the query language of README "Listening queries"). */
  query: string;
  createdAt: string;
  updatedAt: string;
  /** Who saved it last (a user name, or "system" for the demo's defaults). */
  updatedBy: string;
}

/** Where a re-tag of recent items stands (streamed as `topic.retag` changes). */
export interface RetagProgress {
  /** One run: a later edit starts a new run and the older one stops. */
  runId: string;
  /** The topic whose edit started it, or null for a full re-tag. */
  topicId: string | null;
  done: number;
  total: number;
  /** Items whose topics changed so far. */
  changed: number;
  state: 'running' | 'finished' | 'superseded';
}

/** A lower-case slug of a topic's name (the id a new topic gets). */
export function topicSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'topic';
}

/** Share of voice: the brand's posts beside each competitor's, per hour or per day (UTC). */
export interface ShareOfVoice {
  bucket: 'hour' | 'day';
  /** The brand topic compared, or null when no topic is of kind `brand`. */
  brand: Pick<Topic, 'id' | 'name'> | null;
  competitors: Array<Pick<Topic, 'id' | 'name'>>;
  /** Oldest first; every bucket in the range, empty ones included (a chart needs the gaps). */
  buckets: Array<{
    /** `YYYY-MM-DDTHH` (hour) or `YYYY-MM-DD` (day). */
    at: string;
    /** Posts per topic id (brand and competitors). */
    posts: Record<string, number>;
    /** Each topic's share of the bucket's brand + competitor posts (0 when the bucket is empty). */
    share: Record<string, number>;
  }>;
}
