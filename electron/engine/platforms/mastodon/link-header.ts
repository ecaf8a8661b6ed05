/**
 * RFC 8288 Link header → URL by relation: `<https://…?max_id=1>; rel="next", <…>; rel="prev"`.
 * Mastodon pages every timeline this way (next = older, prev = newer); a header that can't be
 * read gives nothing, and callers page by ids themselves.
 */
export function parseLinkHeader(value: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!value || value.length > 8_192) return out;
  for (const m of value.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const url = m[1] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2] ?? '');
    for (const r of (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/)) {
      const name = r.toLowerCase();
      if (name && !out.has(name)) out.set(name, url);
    }
  }
  return out;
}
