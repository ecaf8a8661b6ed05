import { useState } from 'react';
import type { PublishAccount, ScheduledPost } from '../../../../shared/publishing';
import type { Role } from '../../../../shared/roles';
import { rpc } from '../../api/rpc';
import { postActions } from '../../lib/permissions';
import { useAction } from '../../lib/use-action';
import { formatInZone, localTimeZone } from '../../lib/zoned-time';
import { PostAttempts } from './post-attempts';
import { PostEditor } from './post-editor';
import { STATUS_WORD } from './post-status';

const viewerZone = localTimeZone();

/** "Tue 4 Mar 14:05 (Europe/Berlin)", plus the viewer's own time when they are elsewhere. */
export function PostTime({ post }: { post: ScheduledPost }) {
  if (!post.scheduledAt) return <span className="hint">no time set</span>;
  const authors = formatInZone(post.scheduledAt, post.timeZone);
  const mine = formatInZone(post.scheduledAt, viewerZone);
  return (
    <time dateTime={post.scheduledAt} className="post-time">
      {authors} ({post.timeZone}){mine !== authors ? <span className="hint"> · {mine} your time</span> : null}
    </time>
  );
}

interface Props {
  post: ScheduledPost;
  account: PublishAccount | undefined;
  role: Role | null;
  selected?: boolean;
}

/** One post in the list: what, where, when, its status and attempts, and what may be done to it. */
export function PostRow({ post, account, role, selected = false }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const act = useAction();
  const can = postActions(role, post);
  return (
    <article className={selected ? 'post-row selected' : 'post-row'} data-testid="post-row" data-post-id={post.id} data-status={post.status}>
      <header className="post-row-head">
        <span className={`status status-${post.status}`}>{STATUS_WORD[post.status]}</span>
        <strong>{account?.name ?? post.accountId}</strong>
        <PostTime post={post} />
        <span className="hint">
          by {post.author}
          {post.approvedBy ? ` · approved by ${post.approvedBy}` : ''}
        </span>
      </header>
      {editing ? <PostEditor post={post} onDone={() => setEditing(false)} /> : <div className="post-text">{post.text}</div>}
      {post.note ? <p className="post-note">{post.note}</p> : null}
      <PostAttempts post={post} />
      {!editing ? (
        <div className="actions">
          {/* Releasing is a review decision: it is made in one place, next to the freeze state. */}
          {can.release ? (
            <a href="#/crisis" className="button" data-testid="post-review-link">
              Review in the crisis console
            </a>
          ) : null}
          {can.approve ? (
            <button type="button" data-testid="post-approve" disabled={act.busy} onClick={() => void act.run(() => rpc('posts.approve', { id: post.id }))}>
              Approve
            </button>
          ) : null}
          {can.edit ? (
            <button type="button" className="secondary" data-testid="post-edit" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          {can.cancel && !confirmCancel ? (
            <button type="button" className="secondary" data-testid="post-cancel" onClick={() => setConfirmCancel(true)}>
              Cancel post
            </button>
          ) : null}
          {confirmCancel ? (
            <>
              <span>Cancel this post for good?</span>
              <button
                type="button"
                className="danger"
                data-testid="post-cancel-confirm"
                disabled={act.busy}
                onClick={() => void act.run(() => rpc('posts.cancel', { id: post.id })).then(() => setConfirmCancel(false))}
              >
                Yes, cancel it
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmCancel(false)}>
                Keep it
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {act.error ? (
        <p className="form-error" role="alert" data-testid="post-error">
          {act.error}
        </p>
      ) : null}
    </article>
  );
}
