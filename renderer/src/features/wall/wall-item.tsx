import { memo, useMemo, useState, type MouseEvent } from 'react';
import type { Item } from '../../../../shared/domain';
import { ExternalLink } from '../../components/external-link';
import { openExternalLink, safeExternalUrl } from '../../lib/links';
import { sanitizeContent } from '../../lib/sanitize';
import { absoluteTime, relativeTime } from '../../lib/time-format';
import { useNow } from '../../lib/use-now';
import { shownContent, shownName } from './item-display';
import { platformLabel } from '../../lib/platform';

/** Links inside post content go through the scheme check too, never through plain navigation. */
function onContentClick(e: MouseEvent<HTMLDivElement>) {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a) return;
  e.preventDefault();
  openExternalLink(a.getAttribute('href'));
}

function ItemTime({ iso }: { iso: string }) {
  const now = useNow(15_000);
  const t = Date.parse(iso);
  return (
    <time className="item-time" dateTime={iso} title={Number.isNaN(t) ? iso : new Date(t).toLocaleString()}>
      <span className="item-time-rel">{relativeTime(iso, now)}</span>
      <span className="item-time-abs">{absoluteTime(iso, now)}</span>
    </time>
  );
}

/** Remote avatars often 404 or are blocked; a missing one is an empty circle, not a broken image. */
function Avatar({ url }: { url: string | null }) {
  const [failed, setFailed] = useState(false);
  if (!url || failed) return <span className="avatar avatar-empty" aria-hidden="true" />;
  return <img className="avatar" src={url} alt="" loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
}

export const WallItem = memo(function WallItem({ item, fresh, far = false }: { item: Item; fresh: boolean; far?: boolean }) {
  // Cut to a card's length, and sanitized once per version of the html, not on every clock tick.
  const { html: rawHtml, text } = item;
  const content = useMemo(() => {
    const shown = shownContent({ html: rawHtml, text });
    return { ...shown, html: shown.html !== null ? sanitizeContent(shown.html) : null };
  }, [rawHtml, text]);
  const html = content.html;
  const handle = shownName(item.author.handle.replace(/^@/, ''));
  const avatar = safeExternalUrl(item.author.avatarUrl);
  return (
    <article
      className={`wall-item${fresh ? ' fresh' : ''}${far ? ' far' : ''}`}
      data-testid="wall-item"
      data-item-id={item.id}
      data-native-id={item.nativeId}
    >
      <header className="item-head">
        <Avatar url={avatar} />
        <span className="item-author">
          <span className="author-name">{shownName(item.author.name) || handle}</span>
          <span className="author-handle">@{handle}</span>
        </span>
        {item.visibility === 'direct' || item.visibility === 'private' ? (
          // Never reaches a room's wall (the hub keeps it from the wall role); on a desk it is marked.
          <span className="item-private" data-testid="item-private" title="Not public: don't quote or show it outside the team">
            {item.visibility === 'direct' ? 'private message' : 'followers only'}
          </span>
        ) : null}
        <span className="item-platform">{platformLabel(item.platform)}</span>
      </header>
      {html !== null ? (
        <div className="item-content" data-testid="item-content" lang={item.lang ?? undefined} onClick={onContentClick} dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <div className="item-content" data-testid="item-content" data-shortened={content.shortened ? 'true' : undefined} lang={item.lang ?? undefined}>
          {content.text}
        </div>
      )}
      <footer className="item-foot">
        <ItemTime iso={item.createdAt} />
        {item.editedAt ? <span className="item-edited">edited</span> : null}
        <ExternalLink url={item.url} className="item-link">
          open ↗
        </ExternalLink>
      </footer>
    </article>
  );
},
// Dexie hands back new objects on every query; an item's seq changes exactly when its content does,
// so compare that instead of identity and keep re-renders to the items that changed.
(a, b) => a.item.id === b.item.id && a.item.seq === b.item.seq && a.fresh === b.fresh && a.far === b.far);
