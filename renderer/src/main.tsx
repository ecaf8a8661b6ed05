import './lib/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppBoundary } from './app/app-boundary';
import { consumeTokenFromUrl } from './app/url-token';
import { installCrashDrills } from './lib/crash-drill';
import { reportError } from './lib/error-report';
import './styles.css';

// Before the first render, so the app starts signed in and the token never shows in a route.
consumeTokenFromUrl();
window.addEventListener('hashchange', consumeTokenFromUrl);

// Errors outside React's render (event handlers, timers, promises) go to the hub's log too.
window.addEventListener('error', (e) => reportError(e.error ?? e.message, { where: 'window' }));
window.addEventListener('unhandledrejection', (e) => reportError(e.reason, { where: 'promise' }));

// Inert unless this browser's localStorage turns the debug switch on (see lib/crash-drill.ts).
installCrashDrills(window, (() => {
  try {
    return localStorage;
  } catch {
    return null;
  }
})());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppBoundary>
      <App />
    </AppBoundary>
  </StrictMode>,
);
