import { AppNav } from '../../components/app-nav';
import { ConnectionIndicator } from '../../components/connection-indicator';

/** Placeholder until the queue work lands; says plainly what is and isn't here. */
export function DeskView() {
  return (
    <main className="desk">
      <header className="desk-header">
        <h1>Desk</h1>
        <ConnectionIndicator />
      </header>
      <p>
        The agent desk — the conversations assigned to you, replies and claims — is not built yet. Until it is, the wall
        shows everything that comes in.
      </p>
      <p>
        <a href="#/wall">Go to the wall</a>
      </p>
      <AppNav />
    </main>
  );
}
