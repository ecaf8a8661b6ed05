import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { Item } from '../../../../shared/domain';
import { db } from '../../db/db';
import { useApp } from '../../store/app-store';
import { ColumnEditor } from './column-editor';
import { columnTitle, type WallColumn } from './column-filter';
import { queryColumn } from './column-query';
import { useColumnScroll } from './use-column-scroll';
import { WallItem } from './wall-item';

/** Rendered at most; older ones come from the replica on demand (no virtual list needed at this size). */
export const PAGE = 200;
/** While the reader is scrolled down the column grows by what arrives, so their item doesn't fall off the end; up to this. */
const MAX_GROWTH = 1_000;
const EMPTY: Item[] = [];

export function WallColumnView({ column, index, count }: { column: WallColumn; index: number; count: number }) {
  const [editing, setEditing] = useState(false);
  const updateColumn = useApp((s) => s.updateColumn);
  const removeColumn = useApp((s) => s.removeColumn);
  const moveColumn = useApp((s) => s.moveColumn);
  const title = columnTitle(column);
  return (
    <section className="wall-column" data-testid="wall-column" data-column-id={column.id} aria-label={title}>
      <header className="column-head">
        <h2 className="column-title">{title}</h2>
        <div className="column-tools">
          <button type="button" className="icon" title="Move left" aria-label="Move column left" disabled={index === 0} onClick={() => moveColumn(column.id, -1)}>
            ◀
          </button>
          <button type="button" className="icon" title="Move right" aria-label="Move column right" disabled={index === count - 1} onClick={() => moveColumn(column.id, 1)}>
            ▶
          </button>
          <button type="button" className="icon" title="Edit" aria-label="Edit column" data-testid="edit-column" onClick={() => setEditing((v) => !v)}>
            ✎
          </button>
          <button type="button" className="icon" title="Remove" aria-label="Remove column" data-testid="remove-column" onClick={() => removeColumn(column.id)}>
            ✕
          </button>
        </div>
      </header>
      {editing ? (
        <ColumnEditor
          initial={column}
          onCancel={() => setEditing(false)}
          onSave={(filter, t) => {
            updateColumn(column.id, { filter, title: t });
            setEditing(false);
          }}
        />
      ) : null}
      {/* A new filter is a new list: reset paging, scroll and "what's new" with it. */}
      <ColumnBody key={JSON.stringify(column.filter)} column={column} />
    </section>
  );
}

function ColumnBody({ column }: { column: WallColumn }) {
  const [pages, setPages] = useState(1);
  const [growth, setGrowth] = useState(0);
  const limit = pages * PAGE + growth;
  const result = useLiveQuery(() => queryColumn(db, column.filter, limit), [column.filter, limit]);
  const items = result?.items ?? EMPTY;
  const highlight = useApp((s) => s.highlight);
  const scroller = useRef<HTMLDivElement>(null);
  const { newCount, onScroll, scrollToTop } = useColumnScroll(scroller, items);

  // Items newer than what the column first showed are "new": they glow once when they mount. The
  // baseline is the first non-empty result, so a replica filling up at start-up doesn't glow; a
  // column still empty after a moment is genuinely empty, and whatever comes next is new.
  const baseline = useRef<number | null>(null);
  if (baseline.current === null && items.length > 0) baseline.current = items[0]!.id;
  useEffect(() => {
    const t = setTimeout(() => {
      baseline.current ??= 0;
    }, 2_000);
    return () => clearTimeout(t);
  }, []);

  const wantGrowth = Math.min(MAX_GROWTH, newCount);
  if (wantGrowth !== growth) setGrowth(wantGrowth);

  return (
    <div className="column-body">
      {newCount > 0 ? (
        <button type="button" className="new-pill" data-testid="new-items-pill" onClick={scrollToTop}>
          {newCount} new ↑
        </button>
      ) : null}
      <div className="column-scroll" ref={scroller} onScroll={onScroll} style={{ ['--highlight-ms' as string]: `${highlight.seconds * 1000}ms` }}>
        {result && items.length === 0 ? <p className="column-empty">Nothing here yet. New posts appear at the top as they arrive.</p> : null}
        {items.map((item) => (
          <WallItem key={item.id} item={item} fresh={highlight.enabled && baseline.current !== null && item.id > baseline.current} />
        ))}
        {result?.more ? (
          <button type="button" className="load-older" data-testid="load-older" onClick={() => setPages((p) => p + 1)}>
            Load older
          </button>
        ) : null}
      </div>
    </div>
  );
}
