import { useState } from 'react';
import type { Item } from '../../../../shared/domain';
import { EmojiText } from './emoji-text';
import { MediaGrid } from './media-grid';
import { PollView } from './poll-view';
import { PostText } from './post-text';
import { extrasOf } from './post-extras';
import './post-content.css';

/**
 * A post's body as its author meant it to be seen. Behind a content warning, only the warning
 * shows and the rest (text, media, poll) is not even rendered: a wall never opens it
 * (`canReveal` false); a person at a desk can, with one click. Media of a sensitive post stay
 * blurred on the same terms.
 */
export function PostBody({ item, canReveal }: { item: Item; canReveal: boolean }) {
  const x = extrasOf(item);
  const [open, setOpen] = useState(false);
  const collapsed = x.contentWarning !== null && !open;
  return (
    <>
      {x.contentWarning !== null ? (
        <div className="post-warning" data-testid="content-warning" data-open={open ? 'true' : 'false'}>
          <span className="post-warning-label">Content warning</span>
          <span className="post-warning-text" dir="auto" lang={item.lang ?? undefined}>
            <EmojiText text={x.contentWarning} emojis={x.emojis} />
          </span>
          {canReveal ? (
            <button type="button" className="post-reveal" data-testid="toggle-warning" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Hide' : 'Show post'}
            </button>
          ) : null}
        </div>
      ) : null}
      {collapsed ? null : (
        <>
          <PostText html={item.html} text={item.text} lang={item.lang} emojis={x.emojis} />
          <MediaGrid media={x.media} sensitive={x.sensitive || x.contentWarning !== null} canReveal={canReveal} />
          {x.poll ? <PollView poll={x.poll} emojis={x.emojis} /> : null}
        </>
      )}
    </>
  );
}
