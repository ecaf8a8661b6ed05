import type { ReactNode } from 'react';
import { openExternalLink, safeExternalUrl } from '../lib/links';

/**
 * A link out of the app, rendered only for http(s) URLs. In the browser the anchor itself opens a
 * new tab without an opener; in Electron the click goes to the main process (openExternal), because
 * navigating the app window to a post would replace the wall.
 */
export function ExternalLink({ url, className, children, title }: { url: string | null | undefined; className?: string; children: ReactNode; title?: string }) {
  const safe = safeExternalUrl(url);
  if (!safe) return null;
  return (
    <a
      href={safe}
      className={className}
      title={title ?? safe}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        if (window.newsroom) {
          e.preventDefault();
          openExternalLink(safe);
        }
      }}
    >
      {children}
    </a>
  );
}
