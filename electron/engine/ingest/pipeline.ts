import type { Clock } from '../../../shared/clock.js';
import type { Item } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';
import { capHtml, capText, MAX_HTML_CHARS } from './limits.js';
import { mergeBoosters, normalizeAuthor, normalizeExtras, sameExtras } from './post-extras.js';
import { htmlToText, escapeHtml, sanitizePlatformHtml } from './sanitize.js';
import type { IncomingPost, IngestOp, IngestResult } from './types.js';

export interface PipelineDeps {
  store: Store;
  clock: Clock;
}

export interface Pipeline {
  /**
   * Applies a batch in one transaction: new posts are added, edits update, deletes tombstone.
   * `cursors` are saved in the same transaction, so a crash never records a cursor past
   * posts that were not stored (nor stores posts without moving the cursor).
   */
  ingest(sourceId: string, ops: IngestOp[], cursors?: Record<string, string>): IngestResult;
}

/** What a tombstone keeps of a post's content: nothing the author wrote or attached. */
const DELETED_CONTENT = { text: '', html: '', contentWarning: null, media: [], poll: null, emojis: [] } satisfies Partial<Item>;

type Normal = Omit<Item, 'id' | 'seq' | 'sourceId' | 'ingestedAt' | 'deletedAt'>;

function normalize(p: IncomingPost): Normal | string {
  if (!p.nativeId) return 'no native id';
  const created = Date.parse(p.createdAt);
  if (Number.isNaN(created)) return `created_at is not a date: ${String(p.createdAt).slice(0, 40)}`;
  const text = p.text === undefined ? undefined : capText(p.text);
  const raw = capHtml(p.html ?? `<p>${escapeHtml(text ?? '')}</p>`);
  let html = sanitizePlatformHtml(raw.html);
  // Sanitizing may lengthen (entities, closing tags); the cap holds for what is stored.
  if (html.length > MAX_HTML_CHARS) html = sanitizePlatformHtml(capHtml(html, MAX_HTML_CHARS - 2_000).html);
  if (raw.cut && !html.endsWith('…</p>')) html += '<p>…</p>';
  const edited = p.editedAt && !Number.isNaN(Date.parse(p.editedAt)) ? new Date(p.editedAt).toISOString() : null;
  return {
    platform: p.platform,
    nativeId: p.nativeId,
    url: p.url && /^https?:\/\//i.test(p.url) ? p.url : null,
    author: normalizeAuthor(p.author),
    html,
    text: text ?? capText(htmlToText(html)),
    lang: p.lang,
    tags: [...new Set(p.tags.map((t) => t.toLowerCase()))],
    createdAt: new Date(created).toISOString(),
    replyTo: p.replyTo,
    editedAt: edited,
    visibility: p.visibility ?? 'public',
    ...normalizeExtras(p),
  };
}

function sameContent(a: Item, b: Normal): boolean {
  return a.html === b.html && a.editedAt === b.editedAt && a.lang === b.lang && a.author.name === b.author.name && sameExtras(a, b);
}

export function createPipeline({ store, clock }: PipelineDeps): Pipeline {
  return {
    ingest(sourceId, ops, cursors) {
      const result: IngestResult = { added: 0, updated: 0, deleted: 0, unchanged: 0, rejected: [] };
      // Normalizing (sanitizing) outside the transaction keeps the write lock short.
      const prepared = ops.map((op) => (op.op === 'upsert' ? { op, normal: normalize(op.post) } : { op, normal: null }));
      const now = new Date(clock.now()).toISOString();
      store.write(() => {
        for (const { op, normal } of prepared) {
          if (op.op === 'delete') {
            const existing = store.items.findByNative(op.platform, op.nativeId);
            if (!existing || existing.deletedAt) {
              result.unchanged++;
              continue;
            }
            // A deleted post keeps its place (so replicas can drop it) but not its words.
            const item: Item = { ...existing, ...DELETED_CONTENT, deletedAt: now, seq: store.changes.nextSeq() };
            store.items.update(item);
            store.changes.redactItem(item);
            store.changes.append({ kind: 'item.deleted', item }, now);
            result.deleted++;
            continue;
          }
          if (typeof normal === 'string' || normal === null) {
            result.rejected.push({ nativeId: op.post.nativeId, reason: normal ?? 'invalid' });
            continue;
          }
          const existing = store.items.findByNative(normal.platform, normal.nativeId);
          // A boost of a stored post adds its booster; the original seen again keeps the ones it had.
          if (existing) normal.boostedBy = mergeBoosters(existing.boostedBy, normal.boostedBy);
          if (!existing) {
            const item = store.items.insert({ ...normal, sourceId, seq: store.changes.nextSeq(), ingestedAt: now, deletedAt: null });
            store.changes.append({ kind: 'item.added', item }, now);
            result.added++;
          } else if (existing.deletedAt || sameContent(existing, normal)) {
            // Seen again through another listener, or re-served after a delete: nothing new.
            result.unchanged++;
          } else {
            const item: Item = { ...existing, ...normal, seq: store.changes.nextSeq() };
            store.items.update(item);
            store.changes.append({ kind: 'item.updated', item }, now);
            result.updated++;
          }
        }
        for (const [key, value] of Object.entries(cursors ?? {})) store.sources.setCursor(sourceId, key, value);
      });
      return result;
    },
  };
}
