import { appStore } from '../store/app-store';
import { takeTokenFromHash } from '../lib/route';

/**
 * `#/wall?token=…` signs in, for wall screens that are set up by opening one URL. The token is then
 * removed from the address bar at once: left there it would sit in the browser history, in bookmarks
 * and in every photo of the wall.
 */
export function consumeTokenFromUrl(): void {
  const { token, hash } = takeTokenFromHash(window.location.hash);
  if (hash === window.location.hash) return;
  if (token) appStore.getState().signIn(token);
  history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
}
