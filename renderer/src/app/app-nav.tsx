import { useRoute } from '../lib/route';
import { needsToken } from './use-sync';
import { navLinks } from '../lib/permissions';
import { useApp } from '../store/app-store';

/** Small, out-of-the-way navigation: the wall is read from across a room, not clicked. */
export function AppNav() {
  const user = useApp((s) => s.user);
  const token = useApp((s) => s.token);
  const signOut = useApp((s) => s.signOut);
  const route = useRoute();
  return (
    <nav className="app-nav" aria-label="Screens">
      {navLinks(user?.role).map((l) => (
        <a key={l.href} href={l.href} aria-current={l.href === `#/${route.path}` ? 'page' : undefined}>
          {l.label}
        </a>
      ))}
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
