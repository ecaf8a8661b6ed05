/**
 * Replay files: JSON Lines of real (or hostile) posts, published in file order and paced by the
 * gaps between their created_at stamps. Any bad line fails the whole load with its line number:
 * a half-loaded replay would make a drill or a benchmark quietly wrong.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { PostAction } from './scenario-plan.js';

const idValue = z.union([z.string().min(1), z.number()]).transform(String);

export const replayLineSchema = z.object({
  id: idValue.optional(),
  created_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'created_at must be an ISO 8601 date-time'),
  author: z.string().regex(/^@?[A-Za-z0-9_][A-Za-z0-9_.-]*(@[A-Za-z0-9.-]+)?$/, 'author must be a handle like "name" or "name@server.example"'),
  text: z.string(),
  html: z.string().optional(),
  in_reply_to: idValue.nullable().optional(),
  lang: z.string().min(2).nullable().optional(),
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

/** Parses JSONL text into post actions; `at` = cumulative created_at gap (negative gaps count as 0). */
export function parseReplay(text: string, file = '<replay>'): PostAction[] {
  const actions: PostAction[] = [];
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
    if (line.text.trim() === '' && (line.html ?? '').trim() === '') throw new ReplayError(file, lineNo, 'text (or html) must not be empty');
    const t = Date.parse(line.created_at);
    if (prevTime !== null) at += Math.max(0, t - prevTime);
    prevTime = t;
    let replyTo: string | null = null;
    if (line.in_reply_to !== undefined && line.in_reply_to !== null) {
      replyTo = refById.get(line.in_reply_to) ?? null;
      if (replyTo === null) throw new ReplayError(file, lineNo, `in_reply_to "${line.in_reply_to}" is not the id of an earlier line`);
    }
    const ref = `r:${actions.length}`;
    if (line.id !== undefined) {
      if (refById.has(line.id)) throw new ReplayError(file, lineNo, `duplicate id "${line.id}"`);
      refById.set(line.id, ref);
    }
    actions.push({
      kind: 'post',
      at,
      ref,
      author: line.author,
      text: line.text,
      ...(line.html !== undefined ? { html: line.html } : {}),
      lang: line.lang ?? null,
      replyTo,
    });
  });
  return actions;
}

export async function loadReplay(file: string): Promise<PostAction[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`replay ${file}: cannot read (${(err as Error).message})`, { cause: err });
  }
  return parseReplay(text, file);
}
