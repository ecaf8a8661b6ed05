/**
 * Scenario files (resources/scenarios/*.json): who the brand is, who talks, what they say, how
 * fast, and the scripted moments of a drill. Validated with zod so a typo in a hand-written
 * scenario fails loudly at start instead of producing a silent, empty demo.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';

const templatesByLang = z.record(z.string().min(2), z.array(z.string().min(1)).min(1));
const share = z.number().min(0).max(1);
const handle = z.string().regex(/^@?[A-Za-z0-9_][A-Za-z0-9_.-]*(@[A-Za-z0-9.-]+)?$/, 'a handle like "name" or "name@server.example"');

/** What a post may carry besides its text (shared by scenario events and, renamed, replay lines). */
export const mediaSpec = z.object({
  type: z.enum(['image', 'gifv', 'video', 'audio', 'unknown']),
  /** Alt text; leave it out for an attachment whose author wrote none. */
  description: z.string().min(1).max(1500).optional(),
});
const pollSpec = z
  .object({
    options: z.array(z.string().min(1).max(50)).min(2).max(4),
    /** Votes per option so far (default none). */
    votes: z.array(z.number().int().min(0)).optional(),
    multiple: z.boolean().default(false),
    /** Open for this long from the post (default a day). */
    expiresInSec: z.number().int().min(300).max(2_629_746).default(86_400),
  })
  .refine((p) => p.votes === undefined || p.votes.length === p.options.length, 'votes: one count per option');

const postEvent = z.object({
  kind: z.literal('post'),
  at: z.number().min(0),
  author: handle,
  text: z.string().min(1),
  lang: z.string().min(2).optional(),
  label: z.string().min(1).optional(),
  mentionBrand: z.boolean().default(false),
  /** "direct" with mentionBrand: a private message to the brand (reaches it as a notification only). */
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']).optional(),
  replyTo: z.string().min(1).optional(),
  reblogs: z.number().int().min(0).optional(),
  favourites: z.number().int().min(0).optional(),
  replies: z.object({ count: z.number().int().min(1), withinSec: z.number().positive(), intent: z.string().min(1) }).optional(),
  /** A content warning: the text stays behind it until someone opens it. */
  spoilerText: z.string().min(1).max(500).optional(),
  /** Media marked sensitive (blurred until revealed); a content warning implies it. */
  sensitive: z.boolean().optional(),
  media: z.array(mediaSpec).max(4).optional(),
  poll: pollSpec.optional(),
  /** Reaches the server this late: its created_at (and so its id) is this far in the past. */
  backdateSec: z.number().positive().max(86_400).optional(),
});
/** Someone boosts an earlier labelled post. */
const boostEvent = z.object({ kind: z.literal('boost'), at: z.number().min(0), target: z.string().min(1), author: handle });
const editEvent = z.object({ kind: z.literal('edit'), at: z.number().min(0), target: z.string().min(1), text: z.string().min(1) });
const deleteEvent = z.object({ kind: z.literal('delete'), at: z.number().min(0), target: z.string().min(1) });

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int().default(1),
    /** Start over (fresh seed per cycle, no backlog) when the timeline ends, so a demo never goes quiet. */
    loop: z.boolean().default(false),
    instance: z
      .object({
        title: z.string().min(1),
        description: z.string().default(''),
        /** The server's own domain (handles are user@domain), when it isn't the host it is reached at. */
        domain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain like "kettlebird.social"').optional(),
      })
      .optional(),
    /** The server's custom emoji: `:shortcode:` in posts and display names shows as an image. */
    customEmojis: z.array(z.string().regex(/^\w{1,64}$/, 'a shortcode like "kettlebird" (letters, digits, _)')).default([]),
    brand: z.object({
      name: z.string().min(1),
      handle,
      displayName: z.string().optional(),
      note: z.string().default(''),
      products: z.array(z.string().min(1)).min(1),
      competitors: z.array(z.string().min(1)).default([]),
    }),
    hashtags: z.array(z.string().regex(/^[\p{L}\p{N}_]+$/u, 'hashtags without "#"')).min(1),
    terms: z.array(z.string().min(1)).min(1),
    slots: z.record(z.string().regex(/^\w+$/), z.array(z.string().min(1)).min(1)).default({}),
    authors: z
      // weight 0: an author who only posts in scripted events, never in generated traffic.
      // followers: the account's followers_count (reach); without it, a small made-up count.
      .array(z.object({ handle, displayName: z.string().min(1), lang: z.string().min(2).default('en'), weight: z.number().min(0).default(1), note: z.string().optional(), bot: z.boolean().default(false), followers: z.int().min(0).optional() }))
      .min(1),
    templates: z.record(z.string().min(1), templatesByLang),
    backlog: z.object({ count: z.number().int().min(0), spanSec: z.number().positive(), intentMix: z.record(z.string(), z.number().min(0)).optional() }).optional(),
    phases: z
      .array(
        z.object({
          name: z.string().min(1),
          durationSec: z.number().positive(),
          postsPerMinute: z.number().min(0),
          intentMix: z.record(z.string(), z.number().min(0)),
          mentionShare: share.default(0.2),
          replyShare: share.default(0.1),
          tagShare: share.default(0.8),
        }),
      )
      .min(1),
    events: z.array(z.discriminatedUnion('kind', [postEvent, boostEvent, editEvent, deleteEvent])).default([]),
    /** How customers answer when the brand replies to them (makes the demo conversational). */
    followUp: z.object({ share, delaySec: z.tuple([z.number().min(0), z.number().min(0)]), templates: templatesByLang }).optional(),
  })
  .superRefine((sc, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const known = new Set(['brand', 'brandHandle', 'product', 'competitor', 'tag', 'n', ...Object.keys(sc.slots)]);
    const checkSlots = (text: string, path: (string | number)[]) => {
      for (const m of text.matchAll(/\{(\w+)\}/g)) {
        if (!known.has(m[1] ?? '')) issue(path, `unknown slot {${m[1]}}`);
        if (m[1] === 'competitor' && sc.brand.competitors.length === 0) issue(path, '{competitor} used but brand.competitors is empty');
      }
    };
    for (const [intent, byLang] of Object.entries(sc.templates))
      for (const [lang, list] of Object.entries(byLang)) list.forEach((t, i) => checkSlots(t, ['templates', intent, lang, i]));
    const checkMix = (mix: Record<string, number>, path: (string | number)[]) => {
      for (const k of Object.keys(mix)) if (!sc.templates[k]) issue(path, `intent "${k}" has no templates`);
      if (Object.values(mix).every((w) => w <= 0)) issue(path, 'intent mix needs a positive weight');
    };
    if (!sc.authors.some((a) => a.weight > 0)) issue(['authors'], 'at least one author needs a positive weight');
    sc.phases.forEach((p, i) => checkMix(p.intentMix, ['phases', i, 'intentMix']));
    if (sc.backlog?.intentMix) checkMix(sc.backlog.intentMix, ['backlog', 'intentMix']);
    const total = sc.phases.reduce((s, p) => s + p.durationSec, 0);
    const labels = new Map<string, number>();
    sc.events.forEach((ev, i) => {
      if (ev.at >= total) issue(['events', i, 'at'], `at ${ev.at}s is past the scenario's end (${total}s)`);
      if (ev.kind === 'post' || ev.kind === 'edit') checkSlots(ev.text, ['events', i, 'text']);
      if (ev.kind === 'post') {
        if (ev.label) {
          if (labels.has(ev.label)) issue(['events', i, 'label'], `duplicate label "${ev.label}"`);
          labels.set(ev.label, ev.at);
        }
        if (ev.replies && !sc.templates[ev.replies.intent]) issue(['events', i, 'replies', 'intent'], `intent "${ev.replies.intent}" has no templates`);
      }
      const ref = ev.kind === 'post' ? ev.replyTo : ev.target;
      if (ref !== undefined) {
        const at = labels.get(ref);
        if (at === undefined || at > ev.at) issue(['events', i], `"${ref}" is not the label of an earlier post event`);
      }
    });
  });

/** What a caller may pass (defaults optional). */
export type Scenario = z.input<typeof scenarioSchema>;
/** After validation, defaults filled in. */
export type ResolvedScenario = z.output<typeof scenarioSchema>;
export type ScenarioEvent = ResolvedScenario['events'][number];

export function parseScenario(raw: unknown, source = 'scenario'): ResolvedScenario {
  const r = scenarioSchema.safeParse(raw);
  if (!r.success) throw new Error(`invalid ${source}:\n${z.prettifyError(r.error)}`);
  return r.data;
}

export function scenariosDir(): string {
  return fileURLToPath(new URL('../../resources/scenarios/', import.meta.url));
}

/** A bare name ("default") is looked up in resources/scenarios; anything path-like is read as a file. */
export async function loadScenario(nameOrPath: string): Promise<ResolvedScenario> {
  const isPath = /[/\\]/.test(nameOrPath) || nameOrPath.endsWith('.json');
  if (!isPath && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(nameOrPath)) throw new Error(`invalid scenario name: ${nameOrPath}`);
  const file = isPath ? nameOrPath : join(scenariosDir(), `${nameOrPath}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`scenario "${nameOrPath}" not found (${file}): ${(err as Error).message}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`scenario ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseScenario(raw, `scenario ${file}`);
}

export function scenarioDurationMs(sc: ResolvedScenario): number {
  return sc.phases.reduce((s, p) => s + p.durationSec, 0) * 1000;
}

/** Which phase a scenario-time offset (ms into the cycle) falls in. */
export function phaseAt(sc: ResolvedScenario, ms: number): string {
  if (ms < 0) return 'backlog';
  let end = 0;
  for (const p of sc.phases) {
    end += p.durationSec * 1000;
    if (ms < end) return p.name;
  }
  return 'done';
}
