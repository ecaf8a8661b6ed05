import { db } from '../db/db';
import { DeskView } from '../features/desk/desk-view';
import { SignInView } from '../features/signin/signin-view';
import { WallView } from '../features/wall/wall-view';
import { useApp } from '../store/app-store';
import { useRoute } from './route';
import { needsToken, useSync } from './use-sync';

export function App() {
  useSync(db);
  const route = useRoute();
  const token = useApp((s) => s.token);
  const tokenNeeded = needsToken();
  // Every screen needs data from the hub, so without a token each of them is the sign-in screen.
  if ((tokenNeeded && !token) || route.path === 'signin') return <SignInView tokenNeeded={tokenNeeded} />;
  if (route.path === 'desk') return <DeskView />;
  return <WallView name={route.params.get('name')} />;
}
