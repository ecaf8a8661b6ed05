import type { CustomEmoji, Poll } from '../../../../shared/domain';
import { useNow } from '../../lib/use-now';
import { EmojiText } from './emoji-text';

/** A poll as it stands: each option with its share of the votes (or "hidden" until it ends), and whether it is open. */
export function PollView({ poll, emojis }: { poll: Poll; emojis: readonly CustomEmoji[] }) {
  const now = useNow(60_000);
  const total = poll.multiple && poll.voters ? poll.voters : poll.votes;
  const ends = poll.expiresAt ? Date.parse(poll.expiresAt) : NaN;
  const closed = poll.expired || (!Number.isNaN(ends) && ends <= now);
  return (
    <div className="post-poll" data-testid="post-poll">
      <ul>
        {poll.options.map((o, i) => {
          const share = o.votes !== null && total > 0 ? Math.round((o.votes / total) * 100) : null;
          return (
            <li key={i}>
              <span className="poll-bar" style={{ width: `${share ?? 0}%` }} aria-hidden="true" />
              <span className="poll-share">{share === null ? '–' : `${share}%`}</span>
              <span className="poll-title" dir="auto">
                <EmojiText text={o.title} emojis={emojis} />
              </span>
            </li>
          );
        })}
      </ul>
      <div className="poll-meta">
        {poll.votes} {poll.votes === 1 ? 'vote' : 'votes'}
        {poll.multiple ? ' · multiple choice' : ''}
        {closed ? ' · closed' : !Number.isNaN(ends) ? ` · open until ${new Date(ends).toLocaleString()}` : ''}
      </div>
    </div>
  );
}
