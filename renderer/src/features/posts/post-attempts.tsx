import type { PostAttempt, ScheduledPost } from '../../../../shared/publishing';
import { ExternalLink } from '../../components/external-link';
import { absoluteTime } from '../../lib/time-format';
import { useNow } from '../../lib/use-now';

const OUTCOME: Record<NonNullable<PostAttempt['outcome']> | 'wire', string> = {
  sent: 'sent',
  failed: 'failed',
  unknown: 'outcome unknown (being checked against the account)',
  wire: 'on the wire',
};

/** Every send attempt of a post: when, how it ended, why it failed, where it went. */
export function PostAttempts({ post }: { post: ScheduledPost }) {
  const now = useNow(30_000);
  if (post.attempts.length === 0 && !post.remoteUrl) return null;
  return (
    <div className="attempts">
      {post.attempts.length ? (
        <ol data-testid="post-attempts">
          {post.attempts.map((a) => (
            <li key={a.id} data-testid="post-attempt" data-outcome={a.outcome ?? 'wire'} className={`attempt attempt-${a.outcome ?? 'wire'}`}>
              <span>{absoluteTime(a.startedAt, now)}</span>
              <span className="attempt-outcome">{OUTCOME[a.outcome ?? 'wire']}</span>
              {a.revision > 1 ? <span className="hint">edit {a.revision}</span> : null}
              {a.error ? <span className="attempt-error">{a.error}</span> : null}
              <ExternalLink url={a.remoteUrl}>view ↗</ExternalLink>
            </li>
          ))}
        </ol>
      ) : null}
      {post.remoteUrl && !post.attempts.some((a) => a.remoteUrl === post.remoteUrl) ? (
        <ExternalLink url={post.remoteUrl}>view the published post ↗</ExternalLink>
      ) : null}
    </div>
  );
}
