import { useMemo } from 'react';
import { itemFilter } from '../../../../shared/listen';
import type { Topic } from '../../../../shared/topics';
import { previewMatches } from '../../db/column-query';
import { db } from '../../db/db';
import { useLiveRead } from '../../db/use-live';

const SHOWN = 5;

/** Live: the newest recent items in the replica the query matches, as the person types. */
export function QueryPreview({ query, topics }: { query: string; topics: readonly Topic[] }) {
  const keep = useMemo(() => {
    try {
      return itemFilter(query, topics);
    } catch {
      return null;
    }
  }, [query, topics]);
  const found = useLiveRead(async () => (keep ? previewMatches(db, keep, SHOWN) : null), [keep]);
  if (!keep || !found) return null;
  return (
    <div className="query-preview" data-testid="query-preview" aria-live="polite">
      <p className="hint">
        {found.items.length === 0
          ? `No match among the last ${found.scanned} posts.`
          : `Newest matches among the last ${found.scanned} posts${found.items.length === SHOWN ? ` (first ${SHOWN})` : ''}:`}
      </p>
      <ul>
        {found.items.map((i) => (
          <li key={i.id} data-testid="query-preview-item">
            <span className="preview-author">@{i.author.handle.replace(/^@/, '')}</span> {i.text.length > 140 ? `${i.text.slice(0, 139)}…` : i.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
