import sanitizeHtml from 'sanitize-html';
import { fastSanitize } from './fast-sanitize.js';

// Mastodon's own strict allowlist (Sanitize::Config::MASTODON_STRICT), narrowed to http/https links.
const CLASS_OK = /^(h|p|u|dt|e)-|^(mention|hashtag|ellipsis|invisible)$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'span', 'a', 'del', 'pre', 'blockquote', 'code', 'b', 'strong', 'u', 'i', 'em', 'ul', 'ol', 'li'],
  allowedAttributes: {
    a: ['href', 'rel', 'class', 'translate'],
    span: ['class', 'translate'],
    ol: ['start', 'reversed'],
    li: ['value'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // script/style bodies are dropped whole, not unwrapped into text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
  transformTags: {
    a: (tagName, attribs) => {
      const out: Record<string, string> = { rel: 'nofollow noopener noreferrer' };
      if (attribs.href) out.href = attribs.href;
      const cls = (attribs.class ?? '').split(/\s+/).filter((c) => CLASS_OK.test(c));
      if (cls.length) out.class = cls.join(' ');
      return { tagName, attribs: out };
    },
    span: (tagName, attribs) => {
      const out: Record<string, string> = {};
      const cls = (attribs.class ?? '').split(/\s+/).filter((c) => CLASS_OK.test(c));
      if (cls.length) out.class = cls.join(' ');
      return { tagName, attribs: out };
    },
  },
};

/** Platform HTML → HTML that is safe to render: allowlisted tags and attributes, http/https links only. */
export function sanitizePlatformHtml(html: string): string {
  return fastSanitize(html) ?? sanitizeHtml(html, OPTIONS);
}

/** The full sanitizer alone (the fast path's reference in tests). */
export function sanitizeWithParser(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

/** Plain text of (already sanitized) HTML, paragraphs and breaks kept as newlines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      const lower = e.toLowerCase();
      if (ENTITIES[lower] !== undefined) return ENTITIES[lower];
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16) || 0xfffd);
      if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10) || 0xfffd);
      return m;
    })
    .trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}
