import { useMemo, useState } from 'react';
import { freezeCovers, type FreezeState, type PublishAccount, type ScheduledPost } from '../../../../shared/publishing';
import type { Role } from '../../../../shared/roles';
import { rpc } from '../../api/rpc';
import { ZonedTimeField } from '../../components/zoned-time-field';
import { postActions } from '../../lib/permissions';
import { useAction } from '../../lib/use-action';
import { localTimeZone, zonedInputToUtc } from '../../lib/zoned-time';
import { PostAttempts } from '../posts/post-attempts';
import { PostEditor } from '../posts/post-editor';
import { PostTime } from '../posts/post-row';

interface Props {
  posts: readonly ScheduledPost[];
  accounts: ReadonlyMap<string, PublishAccount>;
  role: Role | null;
  freeze: FreezeState | null | undefined;
}


/** Held posts: none goes out by itself, each is released, rescheduled or cancelled by a person. */
export function ReviewList({ posts, accounts, role, freeze }: Props) {
  const frozen = !!freeze?.frozen;
  const sorted = [...posts].sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? '') || a.id.localeCompare(b.id));
  return (
    <section className="panel review-list" data-testid="review-list" aria-label="Review list">
      <h2>Review before anything goes out ({posts.length})</h2>
      <p className="hint">Held posts never go out by themselves, not even when the freeze is lifted.</p>
      {frozen && posts.length ? <p className="notice">Publishing is frozen: a release is refused until the freeze is lifted.</p> : null}
      {sorted.length === 0 ? <p className="panel-empty">Nothing is held.</p> : null}
      {sorted.map((p) => (
        <ReviewItem key={p.id} post={p} account={accounts.get(p.accountId)} role={role} blocked={freezeCovers(freeze, p.accountId)} />
      ))}
    </section>
  );
}

type Mode = 'idle' | 'at' | 'edit' | 'cancel';

function ReviewItem({ post, account, role, blocked }: { post: ScheduledPost; account: PublishAccount | undefined; role: Role | null; blocked: boolean }) {
  const [mode, setMode] = useState<Mode>('idle');
  const [at, setAt] = useState('');
  const act = useAction();
  const timeZone = useMemo(localTimeZone, []);
  const instant = at ? zonedInputToUtc(at, timeZone) : null;
  const can = postActions(role, post);
  const done = (r: unknown) => {
    if (r !== undefined) setMode('idle');
  };

  return (
    <article className="review-item" data-testid="review-item" data-post-id={post.id}>
      <header className="post-row-head">
        <strong>{account?.name ?? post.accountId}</strong>
        <span className="hint">was due</span>
        <PostTime post={post} />
        <span className="hint">by {post.author}</span>
      </header>
      {mode === 'edit' ? <PostEditor post={post} onDone={() => setMode('idle')} /> : <div className="post-text">{post.text}</div>}
      {post.note ? <p className="post-note">{post.note}</p> : null}
      <PostAttempts post={post} />
      {mode === 'idle' ? (
        <div className="actions">
          {can.release ? (
            <>
              <button
                type="button"
                className="big"
                data-testid="release-now"
                disabled={act.busy || blocked}
                title={blocked ? 'Lift the freeze first: nothing is released while it holds this account' : undefined}
                onClick={() => void act.run(() => rpc('posts.release', { id: post.id }))}
              >
                Release now
              </button>
              <button type="button" className="secondary big" data-testid="release-at" disabled={blocked} onClick={() => setMode('at')}>
                Release at…
              </button>
            </>
          ) : null}
          {can.edit ? (
            <button type="button" className="secondary big" data-testid="review-edit" onClick={() => setMode('edit')}>
              Edit
            </button>
          ) : null}
          {can.cancel ? (
            <button type="button" className="secondary big" data-testid="review-cancel" onClick={() => setMode('cancel')}>
              Cancel
            </button>
          ) : null}
          {!can.release && !can.edit && !can.cancel ? <span className="hint">Releasing needs a lead or above.</span> : null}
        </div>
      ) : null}
      {mode === 'at' ? (
        <div className="release-at">
          <ZonedTimeField label="Release at" value={at} onChange={setAt} timeZone={timeZone} testId="release-at-input" zoneOwner="your time zone" />
          <div className="actions">
            <button
              type="button"
              data-testid="release-at-confirm"
              disabled={!instant || act.busy}
              onClick={() => void act.run(() => rpc('posts.release', { id: post.id, at: instant!.iso })).then(done)}
            >
              Release at this time
            </button>
            <button type="button" className="secondary" onClick={() => setMode('idle')}>
              Back
            </button>
          </div>
        </div>
      ) : null}
      {mode === 'cancel' ? (
        <div className="actions">
          <span>Cancel this post for good?</span>
          <button type="button" className="danger" data-testid="review-cancel-confirm" disabled={act.busy} onClick={() => void act.run(() => rpc('posts.cancel', { id: post.id })).then(done)}>
            Yes, cancel it
          </button>
          <button type="button" className="secondary" onClick={() => setMode('idle')}>
            Keep it
          </button>
        </div>
      ) : null}
      {act.error ? (
        <p className="form-error" role="alert" data-testid="review-error">
          {act.error}
        </p>
      ) : null}
    </article>
  );
}
