import { useState, type FormEvent, type ReactNode } from 'react';
import { navigate, parseHash } from '../../lib/route';
import { useApp } from '../../store/app-store';

/** Paste a hub token (admin.token, or tokens.json with --demo); it is remembered on this machine. */
export function SignInView({ tokenNeeded, nav }: { tokenNeeded: boolean; nav: ReactNode }) {
  const token = useApp((s) => s.token);
  const user = useApp((s) => s.user);
  const authError = useApp((s) => s.authError);
  const signIn = useApp((s) => s.signIn);
  const signOut = useApp((s) => s.signOut);
  const [draft, setDraft] = useState('');

  if (!tokenNeeded) {
    return (
      <main className="signin">
        <h1>Newsroom</h1>
        <p>This desktop app runs its own engine, so there is nothing to sign in to.</p>
        <a className="button" href="#/wall">
          Open the wall
        </a>
      </main>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (signIn(draft)) {
      setDraft('');
      // Signing in from #/signin goes to the wall; on any other screen that screen just appears.
      if (parseHash(window.location.hash).path === 'signin') navigate('wall');
    }
  }

  return (
    <main className="signin">
      <h1>Newsroom</h1>
      {token ? (
        <section className="signin-current">
          <p>
            Signed in{user ? ` as ${user.name} (${user.role})` : ''}. <a href="#/wall">Open the wall</a>
          </p>
          <button type="button" className="secondary" data-testid="signout" onClick={signOut}>
            Sign out
          </button>
        </section>
      ) : null}
      <form className="signin-form" onSubmit={submit}>
        <label htmlFor="signin-token">Hub token</label>
        <input
          id="signin-token"
          data-testid="signin-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="paste your token"
          autoFocus
        />
        <button type="submit" data-testid="signin-submit">
          Sign in
        </button>
        {authError ? (
          <p className="form-error" role="alert" data-testid="signin-error">
            {authError}
          </p>
        ) : null}
        <p className="hint">
          The hub writes the admin's token to <code>admin.token</code> in its data dir; with <code>--demo</code> every demo
          user's token is in <code>tokens.json</code>. New users: <code>npm run hub -- user add NAME --role ROLE</code>.
        </p>
      </form>
      {nav}
    </main>
  );
}
