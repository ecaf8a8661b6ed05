import { useEffect, useRef, useState } from 'react';
import type { Item } from '../../../../shared/domain';
import { RestartNote } from '../../components/panel-boundary';
import { useTopicsInView } from '../../db/use-topics';
import { useColumnItems } from '../../db/use-wall';
import { columnTitle, type WallColumn } from '../../lib/wall-column';
import { useApp } from '../../store/app-store';
import { ColumnEditor } from './column-editor';
import { useColumnScroll } from './use-column-scroll';
import { WallItem } from './wall-item';

/**
 * Cards mounted in a live column (newest first). A wall column shows four to ten at a time; the rest
 * are there to scroll a little (scrolling holds the column and loads older ones as the reader goes).
 * Bounded, so the DOM and the work per update stay the same size for weeks, whatever the rate.
 */
export const LIVE_WINDOW = 24;
/** Reading down a held column adds this many at a time, up to OLDER_MAX in all. */
export const OLDER_PAGE = 40;
export const OLDER_MAX = 600;
/**
 * At most this many cards glow at once per column, and none while the column is busier than that
 * (more than GLOW_MAX new cards within the glow's time): at crisis rates every card is new, and a
 * column of glowing cards says nothing while repainting them frame after frame.
 */
export const GLOW_MAX = 6;

/**
 * Whether new cards should glow: not when more than GLOW_MAX of them arrived within the glow's time.
 * Arrival times are the hub's, compared with each other, so a screen's wrong clock doesn't matter.
 */
export function glowing(items: readonly Item[], highlightMs: number): boolean {
  const newest = items[0];
  const past = items[GLOW_MAX];
  return !newest || !past || Date.parse(newest.ingestedAt) - Date.parse(past.ingestedAt) > highlightMs;
}
/** Cards past this index are usually below the fold: the browser may skip laying them out until they scroll into view. */
const NEAR = 6;
const EMPTY: Item[] = [];

export function WallColumnView({ column, index, count, editable }: { column: WallColumn; index: number; count: number; editable: boolean }) {
  const [editing, setEditing] = useState(false);
  const updateColumn = useApp((s) => s.updateColumn);
  const removeColumn = useApp((s) => s.removeColumn);
  const moveColumn = useApp((s) => s.moveColumn);
  const title = columnTitle(column);
  return (
    <section className="wall-column" data-testid="wall-column" data-column-id={column.id} aria-label={title}>
      <header className="column-head">
        <h2 className="column-title">{title}</h2>
        <RestartNote />
        {editable ? (
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
        ) : null}
      </header>
      {editable && editing ? (
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
  const scroller = useRef<HTMLDivElement>(null);
  const scroll = useColumnScroll(scroller);
  const [older, setOlder] = useState(0);
  // Reading from the top again puts the column back to its live window.
  const limit = scroll.topId === null ? LIVE_WINDOW : Math.min(OLDER_MAX, LIVE_WINDOW + older);
  useEffect(() => {
    if (scroll.topId === null) setOlder(0);
  }, [scroll.topId]);
  const topics = useTopicsInView();
  const read = useColumnItems(column.filter, limit, scroll.topId, topics);
  const items = read?.items ?? EMPTY;
  const highlight = useApp((s) => s.highlight);

  // Items newer than what the column first showed are "new": they glow once when they mount. The
  // baseline is the first non-empty answer, so a replica filling up at start-up doesn't glow; a
  // column still empty after a moment is genuinely empty, and whatever comes next is new.
  const [baseline, setBaseline] = useState<number | null>(null);
  useEffect(() => {
    if (baseline === null && items.length > 0) setBaseline(items[0]!.id);
  }, [baseline, items]);
  useEffect(() => {
    const t = setTimeout(() => setBaseline((b) => b ?? 0), 2_000);
    return () => clearTimeout(t);
  }, []);

  const glow = highlight.enabled && glowing(items, highlight.seconds * 1000);

  const more = () => setOlder((n) => Math.min(OLDER_MAX - LIVE_WINDOW, n + OLDER_PAGE));
  const loadOlder = () => {
    // Asking for older posts is reading: hold the list still from here.
    scroll.hold(items[0]?.id ?? null);
    more();
  };

  // A reader scrolling down a held column gets older posts as they near the end, without a click.
  // Never while live: a wall left alone keeps its bounded window.
  const olderButton = useRef<HTMLButtonElement>(null);
  const held = scroll.topId !== null;
  const canLoadOlder = !!read?.more && limit < OLDER_MAX;
  useEffect(() => {
    const el = olderButton.current;
    const root = scroller.current;
    if (!held || !canLoadOlder || !el || !root || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && more(), { root, rootMargin: '0px 0px 300px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [held, canLoadOlder, limit]);

  return (
    <div className="column-body">
      {scroll.topId !== null && read && read.newer > 0 ? (
        <button type="button" className="new-pill" data-testid="new-items-pill" onClick={scroll.backToTop}>
          {read.newer}
          {read.newerAtLeast ? '+' : ''} new ↑
        </button>
      ) : null}
      <div
        className={scroll.topId === null ? 'column-scroll live' : 'column-scroll held'}
        ref={scroller}
        onScroll={scroll.onScroll}
        style={{ ['--highlight-ms' as string]: `${highlight.seconds * 1000}ms` }}
      >
        {read && items.length === 0 ? <p className="column-empty">Nothing here yet. New posts appear at the top as they arrive.</p> : null}
        {items.map((item, i) => (
          <WallItem key={item.id} item={item} fresh={glow && baseline !== null && item.id > baseline && i < GLOW_MAX} far={i >= NEAR} />
        ))}
        {read?.more && limit < OLDER_MAX ? (
          <button type="button" className="load-older" data-testid="load-older" ref={olderButton} onClick={loadOlder}>
            Load older
          </button>
        ) : null}
        {read?.more && limit >= OLDER_MAX ? <p className="column-end">Older posts are not kept on the wall.</p> : null}
      </div>
    </div>
  );
}
