/**
 * The most of a post's words Newsroom stores (README "Limits"). Far above any platform's own limit
 * (Mastodon 500 by default, instances that raise it a few thousand; Bluesky 300), so a real post
 * is never cut; a hostile or broken server's 2 MB "post" is, before it can slow the sanitizer, fill
 * the store or stall every wall that has to lay out one endless word.
 */
export const MAX_TEXT_CHARS = 20_000;
/** HTML carries markup around the same words (links, mentions), so it gets more room. */
export const MAX_HTML_CHARS = 100_000;

const ELLIPSIS = '…';

/** `s` cut to at most `max` UTF-16 units, never splitting a surrogate pair, with an ellipsis when cut. */
export function capText(s: string, max: number = MAX_TEXT_CHARS): string {
  if (s.length <= max) return s;
  let end = max - ELLIPSIS.length;
  const last = s.charCodeAt(end - 1);
  // A high surrogate at the cut would be half of a character (an emoji, say): leave it out.
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}${ELLIPSIS}`;
}

/**
 * Raw platform HTML cut before sanitizing (the sanitizer closes what the cut left open and drops a
 * tag cut in half). Room is kept for the closing tags the sanitizer adds and the ellipsis paragraph.
 */
export function capHtml(html: string, max: number = MAX_HTML_CHARS): { html: string; cut: boolean } {
  if (html.length <= max) return { html, cut: false };
  return { html: capText(html, max - 1_000), cut: true };
}
