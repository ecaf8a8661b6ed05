import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { CustomEmoji } from '../../../../shared/domain';
import { openExternalLink } from '../../lib/links';
import { sanitizeContent } from '../../lib/sanitize';
import { emojifyHtml, restoreBrokenEmoji } from './emoji-text';
import { shownContent } from './shown-content';

/** Links inside post content go through the scheme check too, never through plain navigation. */
function onContentClick(e: MouseEvent<HTMLDivElement>) {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a) return;
  e.preventDefault();
  openExternalLink(a.getAttribute('href'));
}

/**
 * A post's words: the stored (already sanitized) HTML sanitized again here, custom emoji as
 * images, laid out in the direction of its own script (`dir="auto"`: an Arabic or Hebrew post
 * runs right to left whatever the page's direction).
 */
export function PostText({ html, text, lang, emojis }: { html: string; text: string; lang: string | null; emojis: readonly CustomEmoji[] }) {
  // Cut to a card's length, and sanitized once per version of the html, not on every clock tick.
  const shown = useMemo(() => {
    const c = shownContent({ html, text });
    return { ...c, html: c.html ? emojifyHtml(sanitizeContent(c.html), emojis) : null };
  }, [html, text, emojis]);
  const safe = shown.html;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Image errors don't bubble: listen in the capture phase.
    el.addEventListener('error', restoreBrokenEmoji, true);
    return () => el.removeEventListener('error', restoreBrokenEmoji, true);
  }, []);
  if (safe === null) {
    return (
      <div className="item-content" data-testid="item-content" data-shortened={shown.shortened ? 'true' : undefined} dir="auto" lang={lang ?? undefined}>
        {shown.text}
      </div>
    );
  }
  return <div ref={ref} className="item-content" data-testid="item-content" dir="auto" lang={lang ?? undefined} onClick={onContentClick} dangerouslySetInnerHTML={{ __html: safe }} />;
}
