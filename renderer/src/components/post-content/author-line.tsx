import type { Author } from '../../../../shared/domain';
import { authorEmojis } from './post-extras';
import { EmojiText } from './emoji-text';
import { shownName } from './shown-content';

/** An author's display name as they wrote it: their custom emoji, and their script's direction. */
export function AuthorName({ author, className = 'author-name' }: { author: Author; className?: string }) {
  const handle = author.handle.replace(/^@/, '');
  return (
    <span className={className} dir="auto">
      <EmojiText text={shownName(author.name || handle)} emojis={authorEmojis(author)} />
    </span>
  );
}

/** "↻ Chris O. boosted" (and how many others) above a post that reached us as a boost. */
export function BoostedBy({ boosters }: { boosters: readonly Author[] }) {
  const [first, ...rest] = boosters;
  if (!first) return null;
  return (
    <div className="post-boosted" data-testid="boosted-by" title={boosters.map((b) => `@${b.handle.replace(/^@/, '')}`).join(', ')}>
      <span aria-hidden="true">↻ </span>
      <AuthorName author={first} className="booster-name" />
      {rest.length > 0 ? ` and ${rest.length} ${rest.length === 1 ? 'other' : 'others'}` : ''} boosted
    </div>
  );
}
