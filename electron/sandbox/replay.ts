/**
 * Replay files: JSON Lines of real (or hostile) posts, published in file order and paced by the
 * gaps between their created_at stamps. Any bad line fails the whole load with its line number:
 * a half-loaded replay would make a drill or a benchmark quietly wrong.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { BoostAction, PostAction } from './scenario-plan.js';

const idValue = z.union([z.string().min(1), z.number()]).transform(String);
const httpUrl = z.string().regex(/^https?:\/\/\S+$/i, 'an http(s) URL');

/** Mastodon's own shapes (snake_case), so an exported status needs little rewriting. */
const replayMedia = z.object({
  type: z.enum(['image', 'gifv', 'video', 'audio', 'unknown']),
  url: httpUrl.optional(),
  preview_url: httpUrl.optional(),
  description: z.string().nullable().optional(),
});
const replayPoll = z.object({
  options: z.array(z.union([z.string().min(1), z.object({ title: z.string().min(1), votes_count: z.number().int().min(0).nullable().optional() })])).min(2).max(20),
  multiple: z.boolean().optional(),
  expires_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expires_at must be an ISO 8601 date-time').nullable().optional(),
  voters_count: z.number().int().min(0).nullable().optional(),
});
const replayEmoji = z.object({ shortcode: z.string().regex(/^\w{1,64}$/), url: httpUrl, static_url: httpUrl.optional() });

export const replayLineSchema = z.object({
  id: idValue.optional(),
  created_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'created_at must be an ISO 8601 date-time'),
  author: z.string().regex(/^@?[A-Za-z0-9_][A-Za-z0-9_.-]*(@[A-Za-z0-9.-]+)?$/, 'author must be a handle like "name" or "name@server.example"'),
  /** Required for a post; a boost (reblog_of) has none. */
  text: z.string().optional(),
  html: z.string().optional(),
  in_reply_to: idValue.nullable().optional(),
  lang: z.string().min(2).nullable().optional(),
  spoiler_text: z.string().max(1000).optional(),
  sensitive: z.boolean().optional(),
  media: z.array(replayMedia).max(16).optional(),
  poll: replayPoll.optional(),
  emojis: z.array(replayEmoji).max(100).optional(),
  /** This line is a boost, by `author`, of the post on an earlier line with this id. */
  reblog_of: idValue.optional(),
});
export type ReplayLine = z.output<typeof replayLineSchema>;

export class ReplayError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`replay ${file} line ${line}: ${detail}`);
  }
}

/** Parses JSONL text into post (and boost) actions; `at` = cumulative created_at gap (negative gaps count as 0). */
export function parseReplay(text: string, file = '<replay>'): Array<PostAction | BoostAction> {
  const actions: Array<PostAction | BoostAction> = [];
  const refById = new Map<string, string>();
  let prevTime: number | null = null;
  let at = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new ReplayError(file, lineNo, `invalid JSON (${(err as Error).message})`);
    }
    const r = replayLineSchema.safeParse(value);
    if (!r.success) {
      const first = r.error.issues[0];
      const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
      throw new ReplayError(file, lineNo, `${where}${first?.message ?? 'invalid line'}`);
    }
    const line = r.data;
    const t = Date.parse(line.created_at);
    if (prevTime !== null) at += Math.max(0, t - prevTime);
    prevTime = t;
    const ref = `r:${actions.length}`;
    const remember = () => {
      if (line.id === undefined) return;
      if (refById.has(line.id)) throw new ReplayError(file, lineNo, `duplicate id "${line.id}"`);
      refById.set(line.id, ref);
    };
    if (line.reblog_of !== undefined) {
      const target = refById.get(line.reblog_of);
      if (target === undefined) throw new ReplayError(file, lineNo, `reblog_of "${line.reblog_of}" is not the id of an earlier line`);
      remember();
      actions.push({ kind: 'boost', at, ref, target, author: line.author });
      return;
    }
    if ((line.text ?? '').trim() === '' && (line.html ?? '').trim() === '') throw new ReplayError(file, lineNo, 'text (or html) must not be empty');
    let replyTo: string | null = null;
    if (line.in_reply_to !== undefined && line.in_reply_to !== null) {
      replyTo = refById.get(line.in_reply_to) ?? null;
      if (replyTo === null) throw new ReplayError(file, lineNo, `in_reply_to "${line.in_reply_to}" is not the id of an earlier line`);
    }
    remember();
    const expires = line.poll?.expires_at ? Math.round((Date.parse(line.poll.expires_at) - t) / 1000) : null;
    actions.push({
      kind: 'post',
      at,
      ref,
      author: line.author,
      text: line.text ?? '',
      ...(line.html !== undefined ? { html: line.html } : {}),
      lang: line.lang ?? null,
      replyTo,
      ...(line.spoiler_text ? { spoilerText: line.spoiler_text } : {}),
      ...(line.sensitive !== undefined ? { sensitive: line.sensitive } : {}),
      ...(line.media
        ? { media: line.media.map((m) => ({ type: m.type, description: m.description ?? null, url: m.url ?? null, previewUrl: m.preview_url ?? null })) }
        : {}),
      ...(line.poll
        ? {
            poll: {
              options: line.poll.options.map((o) => (typeof o === 'string' ? { title: o, votes: 0 } : { title: o.title, votes: o.votes_count ?? 0 })),
              multiple: line.poll.multiple ?? false,
              expiresInSec: expires === null ? null : Math.max(0, expires),
              votersCount: line.poll.voters_count ?? null,
            },
          }
        : {}),
      ...(line.emojis ? { emojis: line.emojis.map((e) => ({ shortcode: e.shortcode, url: e.url, staticUrl: e.static_url ?? e.url })) } : {}),
    });
  });
  return actions;
}

export async function loadReplay(file: string): Promise<Array<PostAction | BoostAction>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`replay ${file}: cannot read (${(err as Error).message})`, { cause: err });
  }
  return parseReplay(text, file);
}
