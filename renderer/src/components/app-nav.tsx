import { needsToken } from '../app/use-sync';
import { useApp } from '../store/app-store';

/** Small, out-of-the-way navigation: the wall is read from across a room, not clicked. */
export function AppNav() {
  const user = useApp((s) => s.user);
  const token = useApp((s) => s.token);
  const signOut = useApp((s) => s.signOut);
  return (
    <nav className="app-nav" aria-label="Screens">
      <a href="#/wall">Wall</a>
      <a href="#/desk">Desk</a>
      {user ? (
        <span className="app-nav-user" data-testid="current-user">
          {user.name} · {user.role}
        </span>
      ) : null}
      {needsToken() && token ? (
        <button type="button" className="link-button" data-testid="signout" onClick={signOut}>
          Sign out
        </button>
      ) : null}
    </nav>
  );
}
