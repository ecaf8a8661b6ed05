import './lib/zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { consumeTokenFromUrl } from './app/url-token';
import './styles.css';

// Before the first render, so the app starts signed in and the token never shows in a route.
consumeTokenFromUrl();
window.addEventListener('hashchange', consumeTokenFromUrl);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
