/**
 * The sandbox's own media and custom emoji, drawn as small SVGs so the demo's attachments and
 * emoji have something to show without shipping image files. Served as images only: no script
 * runs in an <img>, and the headers keep a browser from treating one as a page.
 */
import type { HttpResult } from './http-utils.js';
import type { SandboxStore } from './store.js';

const HEADERS = {
  'Content-Type': 'image/svg+xml',
  'Cache-Control': 'public, max-age=86400',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

const PALETTE = ['#7a4b2a', '#2f6f62', '#3d5a99', '#8a3b5c', '#6b6b2f', '#4a3f7a'];
const LABELS: Record<string, string> = { image: 'photo', gifv: 'animation', video: 'video', audio: 'audio', unknown: 'file' };

function hue(key: string): string {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length] as string;
}

function mediaSvg(key: string, label: string, small: boolean): string {
  const [w, h] = small ? [640, 360] : [1280, 720];
  const c = hue(key);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 1280 720">` +
    `<rect width="1280" height="720" fill="${c}"/><circle cx="980" cy="220" r="120" fill="#ffffff" fill-opacity="0.25"/>` +
    `<path d="M0 720 L420 330 L700 560 L900 420 L1280 720 Z" fill="#000000" fill-opacity="0.25"/>` +
    `<text x="60" y="120" font-family="sans-serif" font-size="72" fill="#ffffff" fill-opacity="0.85">sandbox ${label}</text></svg>`
  );
}

function emojiSvg(shortcode: string): string {
  const letter = (shortcode[0] ?? '?').toUpperCase().replace(/[^A-Z0-9]/, '?');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<circle cx="32" cy="32" r="30" fill="${hue(shortcode)}"/>` +
    `<text x="32" y="44" text-anchor="middle" font-family="sans-serif" font-size="34" font-weight="700" fill="#ffffff">${letter}</text></svg>`
  );
}

/** The file at `pathname`, or null when it is not one of the sandbox's media or emoji. */
export function mediaFile(store: SandboxStore, pathname: string): HttpResult | null {
  const media = /^\/system\/media_attachments\/files\/(\d{1,30})\/(\d{1,2})\/(original|small)\.svg$/.exec(pathname);
  if (media) {
    const st = store.getAny(media[1]!);
    const m = st && !st.deleted ? st.media[Number(media[2])] : undefined;
    if (!m || m.url !== null) return null;
    return { status: 200, headers: HEADERS, body: mediaSvg(`${media[1]}/${media[2]}`, LABELS[m.type] ?? 'file', media[3] === 'small') };
  }
  const emoji = /^\/emoji\/(\w{1,64})\.svg$/.exec(pathname);
  if (emoji && store.customEmojis.has(emoji[1]!)) return { status: 200, headers: HEADERS, body: emojiSvg(emoji[1]!) };
  return null;
}
