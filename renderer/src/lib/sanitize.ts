import DOMPurify, { type Config, type WindowLike } from 'dompurify';
import { safeExternalUrl } from './links';

/**
 * The engine already sanitized this HTML; this is the second line (defence in depth, invariant 5):
 * if a bug or an old replica lets something through, it still can't run here.
 */
const TAGS = ['p', 'br', 'a', 'span', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'];
const ATTRS_BY_TAG: Record<string, readonly string[]> = { a: ['href', 'rel', 'class'], span: ['class'] };
// Mastodon's microformat and display classes only: a post must not borrow the app's own classes
// (an overlay styled like our UI) through `class`.
const CLASS_OK = /^(h|p|u|dt|e)-[a-z-]+$|^(mention|hashtag|ellipsis|invisible)$/;

const CONFIG: Config = {
  ALLOWED_TAGS: TAGS,
  ALLOWED_ATTR: ['href', 'rel', 'class'],
  FORBID_ATTR: ['style'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
  KEEP_CONTENT: true,
};

export type Sanitizer = (html: string) => string;

/** A sanitizer bound to one window (its own DOMPurify instance, so our hooks touch nothing else). */
export function createSanitizer(win: WindowLike | undefined): Sanitizer {
  const purify = win ? DOMPurify(win) : null;
  // DOMPurify without a usable DOM returns its input unchanged; fail closed instead.
  if (!purify?.isSupported) return textOnly;

  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const allowed = ATTRS_BY_TAG[node.nodeName.toLowerCase()] ?? [];
    if (!allowed.includes(data.attrName)) {
      data.keepAttr = false;
    } else if (data.attrName === 'href' && !safeExternalUrl(data.attrValue)) {
      data.keepAttr = false;
    } else if (data.attrName === 'class') {
      const kept = data.attrValue.split(/\s+/).filter((c) => CLASS_OK.test(c));
      if (kept.length) data.attrValue = kept.join(' ');
      else data.keepAttr = false;
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      // Clicks are routed through openExternalLink; these make a stray middle-click just as safe.
      node.setAttribute('rel', 'nofollow noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
  return (html) => purify.sanitize(html, CONFIG) as string;
}

/** The fallback when there is no DOM: tags dropped, text escaped. Ugly, never dangerous. */
function textOnly(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

let shared: Sanitizer | null = null;

/** Sanitizes item HTML for `dangerouslySetInnerHTML`. */
export function sanitizeContent(html: string): string {
  shared ??= createSanitizer(typeof window === 'undefined' ? undefined : window);
  return shared(html);
}
