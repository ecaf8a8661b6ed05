/** Session 15's migration (appended to MIGRATIONS; the lead renumbers at merge): tags on customers. */
export const CUSTOMER_TAGS_MIGRATION = {
  version: 10,
  name: 'queue: tags on customers (platform + author handle)',
  sql: `
    CREATE TABLE queue_customer_tags (
      platform TEXT NOT NULL,
      author_handle TEXT NOT NULL,
      tag TEXT NOT NULL,
      added_by TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (platform, author_handle, tag)
    ) WITHOUT ROWID;
  `,
};
