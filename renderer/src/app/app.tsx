import { lazy, Suspense, type ReactNode } from 'react';
import { db } from '../db/db';
import { useAlertNotifications } from '../features/alerts/use-alert-notifications';
import { DeskView } from '../features/desk/desk-view';
import { useFreezeNotifications } from '../features/freeze/use-freeze-notifications';
import { SignInView } from '../features/signin/signin-view';
import { WallView } from '../features/wall/wall-view';
import { useCrashDrill } from '../lib/crash-drill';
import { useRoute, type RoutePath } from '../lib/route';
import { useApp } from '../store/app-store';
import { AppNav } from './app-nav';
import { PageShell } from './page-shell';
import { needsToken, useSync } from './use-sync';

// The wall is what runs for weeks on a big screen: the publishing screens load only when opened,
// so the wall's bundle (parse time, heap) doesn't grow with them.
const ComposerView = lazy(() => import('../features/composer/composer-view').then((m) => ({ default: m.ComposerView })));
const PostsView = lazy(() => import('../features/posts/posts-view').then((m) => ({ default: m.PostsView })));
const CrisisView = lazy(() => import('../features/crisis/crisis-view').then((m) => ({ default: m.CrisisView })));
const AlertsView = lazy(() => import('../features/alerts/alerts-view').then((m) => ({ default: m.AlertsView })));
const SettingsView = lazy(() => import('../features/settings/settings-view').then((m) => ({ default: m.SettingsView })));

const PAGES: Partial<Record<RoutePath, { title: string; testId?: string; view: () => ReactNode }>> = {
  desk: { title: 'Desk', view: () => <DeskView /> },
  compose: { title: 'Compose', view: () => <ComposerView /> },
  posts: { title: 'Scheduled posts', view: () => <PostsView /> },
  crisis: { title: 'Crisis console', testId: 'crisis-console', view: () => <CrisisView /> },
  settings: { title: 'Settings', testId: 'settings', view: () => <SettingsView /> },
  alerts: { title: 'Alerts', testId: 'alerts', view: () => <AlertsView /> },
};

export function App() {
  // A drill on "app" fails the whole app, to see it reload itself (lib/crash-drill.ts; off by default).
  useCrashDrill('app');
  useSync(db);
  // Above the early returns: hooks run on every render, so the watch lives whichever screen shows.
  useFreezeNotifications(db);
  useAlertNotifications();
  const route = useRoute();
  const token = useApp((s) => s.token);
  const tokenLoaded = useApp((s) => s.tokenLoaded);
  const role = useApp((s) => s.user?.role ?? null);
  const tokenNeeded = needsToken();
  // The desktop app reads the remembered token from its main process: a moment, not a sign-in screen.
  if (tokenNeeded && !tokenLoaded) return <p className="page-loading">Loading…</p>;
  // Every screen needs data from the hub, so without a token each of them is the sign-in screen.
  if ((tokenNeeded && !token) || route.path === 'signin') return <SignInView tokenNeeded={tokenNeeded} nav={token ? <AppNav /> : null} />;
  const page = PAGES[route.path];
  if (!page) {
    // The read-only wall role is a kiosk: nothing on the screen to click. `?kiosk=1` makes any wall one.
    const kiosk = role === 'wall' || route.params.get('kiosk') === '1';
    return <WallView name={route.params.get('name')} kiosk={kiosk} nav={<AppNav />} />;
  }
  return (
    <PageShell title={page.title} view={route.path} {...(page.testId ? { testId: page.testId } : {})}>
      <Suspense fallback={<p className="page-loading">Loading…</p>}>{page.view()}</Suspense>
    </PageShell>
  );
}
