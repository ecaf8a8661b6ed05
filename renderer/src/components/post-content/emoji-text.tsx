import { useState } from 'react';
import type { CustomEmoji } from '../../../../shared/domain';
import { safeExternalUrl } from '../../lib/links';

const SHORTCODE = /(:\w{1,64}:)/;

/** One custom emoji: its image from the platform's URL, or `:shortcode:` as text when it can't show. */
function Emoji({ code, emoji }: { code: string; emoji: CustomEmoji }) {
  const [failed, setFailed] = useState(false);
  const url = safeExternalUrl(emoji.staticUrl) ?? safeExternalUrl(emoji.url);
  if (!url || failed) return <>{code}</>;
  return <img className="custom-emoji" src={url} alt={code} title={code} draggable={false} loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
}

/**
 * Plain platform text (a display name, a content warning, a poll option) with its `:shortcode:`s
 * as the server's emoji images. Text stays text: nothing here is parsed as HTML.
 */
export function EmojiText({ text, emojis }: { text: string; emojis: readonly CustomEmoji[] }) {
  if (emojis.length === 0 || !text.includes(':')) return <>{text}</>;
  const byCode = new Map(emojis.map((e) => [e.shortcode, e]));
  return (
    <>
      {text.split(SHORTCODE).map((part, i) => {
        const e = part.startsWith(':') && part.endsWith(':') ? byCode.get(part.slice(1, -1)) : undefined;
        return e ? <Emoji key={i} code={part} emoji={e} /> : part;
      })}
    </>
  );
}

/**
 * The same for sanitized post HTML: text nodes' `:shortcode:`s become <img> elements built here
 * (http/https URL, alt = the shortcode), after sanitizing, in an inert <template>. Without a DOM
 * (server-side rendering in tests) the HTML is returned as it is.
 */
export function emojifyHtml(html: string, emojis: readonly CustomEmoji[]): string {
  if (emojis.length === 0 || typeof document === 'undefined' || !html.includes(':')) return html;
  const byCode = new Map(emojis.map((e) => [e.shortcode, e]));
  const template = document.createElement('template');
  template.innerHTML = html;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  for (const node of nodes) {
    const parts = node.data.split(SHORTCODE);
    if (parts.length === 1) continue;
    const frag = document.createDocumentFragment();
    for (const part of parts) {
      const e = part.startsWith(':') && part.endsWith(':') ? byCode.get(part.slice(1, -1)) : undefined;
      const url = e ? (safeExternalUrl(e.staticUrl) ?? safeExternalUrl(e.url)) : null;
      if (!url) {
        frag.append(part);
        continue;
      }
      const img = document.createElement('img');
      img.className = 'custom-emoji';
      img.src = url;
      img.alt = part;
      img.title = part;
      img.draggable = false;
      img.loading = 'lazy';
      img.referrerPolicy = 'no-referrer';
      frag.append(img);
    }
    node.replaceWith(frag);
  }
  return template.innerHTML;
}

/** For a container of emojified HTML: an emoji image that fails to load turns back into its shortcode. */
export function restoreBrokenEmoji(e: Event): void {
  const img = e.target as HTMLImageElement | null;
  if (img?.tagName === 'IMG' && img.classList.contains('custom-emoji')) img.replaceWith(document.createTextNode(img.alt));
}
