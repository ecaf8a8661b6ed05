import { lazy, Suspense } from 'react';
import { db } from '../db/db';
import { DeskView } from '../features/desk/desk-view';
import { useFreezeNotifications } from '../features/freeze/use-freeze-notifications';
import { SignInView } from '../features/signin/signin-view';
import { WallView } from '../features/wall/wall-view';
import { useApp } from '../store/app-store';
import { useRoute } from './route';
import { needsToken, useSync } from './use-sync';

// The wall is what runs for weeks on a big screen: the publishing screens load only when opened,
// so the wall's bundle (parse time, heap) doesn't grow with them.
const ComposerView = lazy(() => import('../features/composer/composer-view').then((m) => ({ default: m.ComposerView })));
const PostsView = lazy(() => import('../features/posts/posts-view').then((m) => ({ default: m.PostsView })));
const CrisisView = lazy(() => import('../features/crisis/crisis-view').then((m) => ({ default: m.CrisisView })));
const SettingsView = lazy(() => import('../features/settings/settings-view').then((m) => ({ default: m.SettingsView })));

export function App() {
  useSync(db);
  // Above the early returns: hooks run on every render, so the watch lives whichever screen shows.
  useFreezeNotifications(db);
  const route = useRoute();
  const token = useApp((s) => s.token);
  const tokenLoaded = useApp((s) => s.tokenLoaded);
  const tokenNeeded = needsToken();
  // The desktop app reads the remembered token from its main process: a moment, not a sign-in screen.
  if (tokenNeeded && !tokenLoaded) return <p className="page-loading">Loading…</p>;
  // Every screen needs data from the hub, so without a token each of them is the sign-in screen.
  if ((tokenNeeded && !token) || route.path === 'signin') return <SignInView tokenNeeded={tokenNeeded} />;
  switch (route.path) {
    case 'desk':
      return <DeskView />;
    case 'wall':
      return <WallView name={route.params.get('name')} />;
    default:
      return (
        <Suspense fallback={<p className="page-loading">Loading…</p>}>
          {route.path === 'compose' ? <ComposerView /> : route.path === 'posts' ? <PostsView /> : route.path === 'settings' ? <SettingsView /> : <CrisisView />}
        </Suspense>
      );
  }
}
