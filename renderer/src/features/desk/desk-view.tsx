import { may } from '../../lib/permissions';
import { useRole } from '../../store/app-store';

/** Placeholder until the queue work lands; says plainly what is and isn't here. */
export function DeskView() {
  const role = useRole();
  return (
    <section className="panel">
      <p>
        The agent desk — the conversations assigned to you, replies and claims — is not built yet. Until it is, the wall
        shows everything that comes in.
      </p>
      <div className="actions">
        {may(role, 'posts.create') ? (
          <a className="button" href="#/compose" data-testid="desk-compose">
            Compose a post
          </a>
        ) : null}
        {may(role, 'posts.list') ? <a href="#/posts">Scheduled posts</a> : null}
        <a href="#/wall">Go to the wall</a>
      </div>
    </section>
  );
}
