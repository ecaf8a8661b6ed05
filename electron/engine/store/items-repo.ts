import type Database from 'better-sqlite3';
import type { Author, CustomEmoji, Item, MediaAttachment, Platform, Poll, Visibility } from '../../../shared/domain.js';
import type { Enrichment } from '../../../shared/understanding.js';

export type ItemRow = Omit<Item, 'id'>;

interface DbRow {
  id: number;
  seq: number;
  source_id: string;
  platform: Platform;
  native_id: string;
  url: string | null;
  author_handle: string;
  author_name: string;
  author_url: string | null;
  author_avatar: string | null;
  text: string;
  html: string;
  lang: string | null;
  tags: string;
  created_at: string;
  ingested_at: string;
  reply_to: string | null;
  edited_at: string | null;
  deleted_at: string | null;
  visibility: Visibility;
  content_warning: string | null;
  sensitive: number;
  media: string;
  poll: string | null;
  emojis: string;
  author_emojis: string;
  boosted_by: string;
  enrichment: string | null;
  topics: string;
  author_followers: number | null;
}

/** A JSON column written by params() below; a row written before its column existed has the default. */
function fromJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toItem(r: DbRow): Item {
  return {
    id: r.id,
    seq: r.seq,
    sourceId: r.source_id,
    platform: r.platform,
    nativeId: r.native_id,
    url: r.url,
    author: { handle: r.author_handle, name: r.author_name, url: r.author_url, avatarUrl: r.author_avatar, emojis: fromJson<CustomEmoji[]>(r.author_emojis, []), followers: r.author_followers },
    text: r.text,
    html: r.html,
    lang: r.lang,
    tags: JSON.parse(r.tags) as string[],
    createdAt: r.created_at,
    ingestedAt: r.ingested_at,
    replyTo: r.reply_to,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    visibility: r.visibility,
    contentWarning: r.content_warning,
    sensitive: r.sensitive === 1,
    media: fromJson<MediaAttachment[]>(r.media, []),
    poll: fromJson<Poll | null>(r.poll, null),
    emojis: fromJson<CustomEmoji[]>(r.emojis, []),
    boostedBy: fromJson<Author[]>(r.boosted_by, []),
    enrichment: fromJson<Enrichment | null>(r.enrichment, null),
    topics: fromJson<string[]>(r.topics, []),
  };
}

/** Most of an item's lists are empty: '[]' without a JSON.stringify call (six a row showed in the profile). */
const listJson = (list: readonly unknown[]): string => (list.length === 0 ? '[]' : JSON.stringify(list));

function params(i: ItemRow) {
  return {
    seq: i.seq,
    source_id: i.sourceId,
    platform: i.platform,
    native_id: i.nativeId,
    url: i.url,
    author_handle: i.author.handle,
    author_name: i.author.name,
    author_url: i.author.url,
    author_avatar: i.author.avatarUrl,
    text: i.text,
    html: i.html,
    lang: i.lang,
    tags: listJson(i.tags),
    created_at: i.createdAt,
    ingested_at: i.ingestedAt,
    reply_to: i.replyTo,
    edited_at: i.editedAt,
    deleted_at: i.deletedAt,
    visibility: i.visibility,
    content_warning: i.contentWarning,
    sensitive: i.sensitive ? 1 : 0,
    media: listJson(i.media),
    poll: i.poll === null ? null : JSON.stringify(i.poll),
    emojis: listJson(i.emojis),
    author_emojis: listJson(i.author.emojis),
    boosted_by: listJson(i.boostedBy),
    enrichment: i.enrichment === null ? null : JSON.stringify(i.enrichment),
    topics: listJson(i.topics),
    author_followers: i.author.followers,
  };
}

const COLUMNS =
  'seq, source_id, platform, native_id, url, author_handle, author_name, author_url, author_avatar, text, html, lang, tags, created_at, ingested_at, reply_to, edited_at, deleted_at, visibility, ' +
  'content_warning, sensitive, media, poll, emojis, author_emojis, boosted_by, enrichment, topics, author_followers';
/** Inserts bind by position (better-sqlite3 binds ~28 named parameters markedly slower): params() lists the columns in COLUMNS' order (checked when a store opens). */
const POSITIONS = COLUMNS.split(', ').map(() => '?').join(', ');

/** Only the order of the keys params() makes is read from it. */
const PROBE = { author: { emojis: [], followers: null }, tags: [], media: [], poll: null, emojis: [], boostedBy: [], enrichment: null, topics: [] } as unknown as ItemRow;

export interface ListQuery {
  limit: number;
  before?: number | undefined;
  platform?: Platform | undefined;
  q?: string | undefined;
  /** Leave out followers-only and direct posts (for the wall role). */
  publicOnly?: boolean | undefined;
}

export class ItemsRepo {
  private readonly byNative: Database.Statement;
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;
  private readonly byId: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.byNative = db.prepare('SELECT * FROM items WHERE platform = ? AND native_id = ?');
    this.byId = db.prepare('SELECT * FROM items WHERE id = ?');
    this.insertStmt = db.prepare(`INSERT INTO items (${COLUMNS}) VALUES (${POSITIONS})`);
    const order = Object.keys(params(PROBE)).join(', ');
    if (order !== COLUMNS) throw new Error(`items-repo: params() must list the columns in COLUMNS' order: ${order}`);
    this.updateStmt = db.prepare(
      `UPDATE items SET ${COLUMNS.split(', ')
        .filter((c) => c !== 'platform' && c !== 'native_id' && c !== 'ingested_at')
        .map((c) => `${c} = @${c}`)
        .join(', ')} WHERE id = @id`,
    );
  }

  findByNative(platform: Platform, nativeId: string): Item | null {
    const r = this.byNative.get(platform, nativeId) as DbRow | undefined;
    return r ? toItem(r) : null;
  }

  get(id: number): Item | null {
    const r = this.byId.get(id) as DbRow | undefined;
    return r ? toItem(r) : null;
  }

  /** Stores a new item; `row` itself becomes the item (its id set), so the caller hands over a row it owns. */
  insert(row: ItemRow): Item {
    const info = this.insertStmt.run(Object.values(params(row)));
    return Object.assign(row, { id: Number(info.lastInsertRowid) });
  }

  update(item: Item): void {
    this.updateStmt.run({ ...params(item), id: item.id });
  }

  /** Newest first by id; tombstones are left out. */
  list(query: ListQuery): Item[] {
    const where = ['deleted_at IS NULL'];
    const args: Record<string, unknown> = { limit: query.limit };
    if (query.before !== undefined) {
      where.push('id < @before');
      args.before = query.before;
    }
    if (query.publicOnly) where.push(`visibility IN ('public', 'unlisted')`);
    if (query.platform) {
      where.push('platform = @platform');
      args.platform = query.platform;
    }
    if (query.q) {
      if (query.q.startsWith('#')) {
        where.push(`EXISTS (SELECT 1 FROM json_each(items.tags) WHERE value = @tag)`);
        args.tag = query.q.slice(1).toLowerCase();
      } else {
        // LIKE is case-insensitive for ASCII; escape its wildcards so a search for "50%" means it.
        where.push(`text LIKE @like ESCAPE '\\'`);
        args.like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
    }
    const rows = this.db
      .prepare(`SELECT * FROM items WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`)
      .all(args) as DbRow[];
    return rows.map(toItem);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
  }
}
