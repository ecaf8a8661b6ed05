/**
 * Session 15 (issue 10's ingest budget): an item change row whose item is still at that version
 * references the item's row instead of repeating the whole item (see ITEM_REF in change-feed.ts),
 * so each stored post is written once, not twice. The rows already stored are compacted the same
 * way; the version bump also keeps an older build (which would read the empty payloads as broken
 * JSON) from opening the data dir.
 */
export const CHANGE_REFS_MIGRATION = {
  version: 11,
  name: "change rows reference their item's current row instead of a copy of it",
  sql: `
    UPDATE changes SET payload = ''
      WHERE item_id IS NOT NULL AND kind IN ('item.added', 'item.updated', 'item.deleted')
        AND seq = (SELECT items.seq FROM items WHERE items.id = changes.item_id);
  `,
};
