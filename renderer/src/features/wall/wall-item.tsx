import { memo, useContext, useState } from 'react';
import type { Item } from '../../../../shared/domain';
import { ExternalLink } from '../../components/external-link';
import { UnderstandingBadges } from '../../components/understanding/understanding-badges';
import { useTopicsInView } from '../../db/use-topics';
import { AuthorName, BoostedBy } from '../../components/post-content/author-line';
import { PostBody } from '../../components/post-content/post-body';
import { shownName } from '../../components/post-content/shown-content';
import { extrasOf } from '../../components/post-content/post-extras';
import { safeExternalUrl } from '../../lib/links';
import { absoluteTime, relativeTime } from '../../lib/time-format';
import { useNow } from '../../lib/use-now';
import { useRole } from '../../store/app-store';
import { platformLabel } from '../../lib/platform';
import { KioskContext } from './kiosk-context';

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
  const role = useRole();
  const kiosk = useContext(KioskContext);
  const topics = useTopicsInView();
  const handle = shownName(item.author.handle.replace(/^@/, ''));
  const avatar = safeExternalUrl(item.author.avatarUrl);
  return (
    <article
      className={`wall-item${fresh ? ' fresh' : ''}${far ? ' far' : ''}`}
      data-testid="wall-item"
      data-item-id={item.id}
      data-native-id={item.nativeId}
    >
      <BoostedBy boosters={extrasOf(item).boostedBy} />
      <header className="item-head">
        <Avatar url={avatar} />
        <span className="item-author">
          <AuthorName author={item.author} />
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
      {/* A room's wall (the wall role, or any kiosk) never opens a content warning or sensitive media; a person can, with one click. */}
      <PostBody item={item} canReveal={role !== null && role !== 'wall' && !kiosk} />
      <UnderstandingBadges item={item} topics={topics} />
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
