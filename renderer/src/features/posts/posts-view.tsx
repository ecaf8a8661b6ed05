import { useMemo, useState } from 'react';
import { accountNames, useAccounts, usePosts } from '../../db/use-publishing';
import { may } from '../../lib/permissions';
import { useRole } from '../../store/app-store';
import { groupPosts, STATUS_LABEL } from './post-status';
import { PostRow } from './post-row';
import { WeekCalendar } from './week-calendar';
import './posts.css';

/** Every post this replica holds: a week calendar on top, then the list grouped by status. */
export function PostsView() {
  const role = useRole();
  const posts = usePosts();
  const accounts = useAccounts();
  const byId = useMemo(() => accountNames(accounts), [accounts]);
  const groups = useMemo(() => groupPosts(posts ?? []), [posts]);
  const [selected, setSelected] = useState<string | null>(null);

  function open(id: string) {
    setSelected(id);
    // After the render that marks it selected: bring the row into view.
    requestAnimationFrame(() => {
      document.querySelector(`[data-testid="post-row"][data-post-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    });
  }

  return (
    <>
      {role && !may(role, 'posts.list') ? <p className="notice">Your role ({role}) can't see scheduled posts.</p> : null}
      {may(role, 'posts.create') ? (
        <div className="actions">
          <a className="button" href="#/compose">
            New post
          </a>
        </div>
      ) : null}
      <WeekCalendar posts={posts ?? []} accounts={byId} onOpen={open} />
      <section className="posts-list" data-testid="posts-list" aria-label="Posts by status">
        {posts && posts.length === 0 ? <p className="panel-empty">No posts yet.</p> : null}
        {groups.map((g) => (
          <section key={g.status} className="panel post-group" data-status={g.status}>
            <h2>
              {STATUS_LABEL[g.status]} <span className="hint">({g.posts.length + g.hidden})</span>
            </h2>
            {g.posts.map((p) => (
              <PostRow key={p.id} post={p} account={byId.get(p.accountId)} role={role} selected={p.id === selected} />
            ))}
            {g.hidden ? <p className="hint">{g.hidden} older ones not shown.</p> : null}
          </section>
        ))}
      </section>
    </>
  );
}
