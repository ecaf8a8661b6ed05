/**
 * Turns a scenario + seed into a fixed list of timed actions. Everything random is decided here,
 * up front, from the seed, so a run is reproducible: the runner only replays the plan on a clock.
 */
import { deriveSeed, mulberry32, type Rng } from './prng.js';
import type { ResolvedScenario } from './scenario-schema.js';
import type { EmojiRecord, MediaRecord } from './store.js';

/** A poll as planned: options with their votes so far, open for `expiresInSec` from the post. */
export interface PlannedPoll {
  options: { title: string; votes: number }[];
  multiple: boolean;
  expiresInSec: number | null;
  votersCount?: number | null;
}

export interface PostAction {
  kind: 'post';
  /** Milliseconds of scenario time from the cycle start; negative = backlog (already happened). */
  at: number;
  ref: string;
  author: string;
  text: string;
  html?: string;
  lang: string | null;
  /** ref of the post this answers; the executor prefixes the @mention like a client would. */
  replyTo: string | null;
  intent?: string;
  reblogs?: number;
  favourites?: number;
  visibility?: 'public' | 'unlisted' | 'private' | 'direct';
  spoilerText?: string;
  sensitive?: boolean;
  media?: MediaRecord[];
  poll?: PlannedPoll;
  /** Emoji the post brings from its own server (replays); the sandbox's own are found in the text. */
  emojis?: EmojiRecord[];
  /** Reaches the server this many ms after it was written (its id is from when it was written). */
  lateMs?: number;
}
/** Someone boosts an earlier post (by its ref). */
export interface BoostAction {
  kind: 'boost';
  at: number;
  ref?: string;
  target: string;
  author: string;
}
export interface EditAction {
  kind: 'edit';
  at: number;
  target: string;
  text: string;
}
export interface DeleteAction {
  kind: 'delete';
  at: number;
  target: string;
}
export type PlanAction = PostAction | BoostAction | EditAction | DeleteAction;

type Phase = ResolvedScenario['phases'][number];

export function fillSlots(template: string, sc: ResolvedScenario, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    switch (name) {
      case 'brand':
        return sc.brand.name;
      case 'brandHandle':
        return `@${sc.brand.handle.replace(/^@/, '')}`;
      case 'product':
        return rng.pick(sc.brand.products);
      case 'competitor':
        return rng.pick(sc.brand.competitors);
      case 'tag':
        return `#${rng.pick(sc.hashtags)}`;
      case 'n':
        return String(rng.int(2, 9));
      default:
        return sc.slots[name] ? rng.pick(sc.slots[name]) : whole;
    }
  });
}

/** Template for the author's language, falling back to English (then anything) — and saying which it used. */
export function pickTemplate(byLang: Record<string, string[]>, lang: string, rng: Rng): { template: string; lang: string } {
  const chosen = byLang[lang] ? lang : byLang.en ? 'en' : (Object.keys(byLang)[0] ?? 'en');
  return { template: rng.pick(byLang[chosen] ?? ['…']), lang: chosen };
}

class Planner {
  readonly actions: PlanAction[] = [];
  private readonly recent: { ref: string; author: string }[] = [];
  private n = 0;
  private readonly authorWeights: number[];
  private readonly termsLower: string[];
  private readonly brandMention: string;

  constructor(
    private readonly sc: ResolvedScenario,
    readonly rng: Rng,
    private readonly cycle: number,
  ) {
    this.authorWeights = sc.authors.map((a) => a.weight);
    this.termsLower = sc.terms.map((t) => t.toLowerCase());
    this.brandMention = `@${sc.brand.handle.replace(/^@/, '')}`;
  }

  private pickAuthor(not?: string) {
    for (let tries = 0; tries < 5; tries++) {
      const a = this.sc.authors[this.rng.weighted(this.authorWeights)];
      if (a && a.handle !== not) return a;
    }
    return this.sc.authors.find((a) => a.handle !== not) ?? (this.sc.authors[0] as ResolvedScenario['authors'][number]);
  }

  /** A generated post: intent from the mix, language from the author, shares from the phase. */
  post(at: number, phase: Phase, mix: Record<string, number>, forced?: { replyTo: string; author: string; intent: string }): PostAction {
    const rng = this.rng;
    const intents = Object.keys(mix);
    const intent = forced?.intent ?? (intents[rng.weighted(intents.map((k) => mix[k] ?? 0))] as string);
    let replyTo: string | null = forced?.replyTo ?? null;
    let replyAuthor = forced?.author;
    if (!forced && this.recent.length > 0 && rng.next() < phase.replyShare) {
      const target = rng.pick(this.recent);
      replyTo = target.ref;
      replyAuthor = target.author;
    }
    const author = this.pickAuthor(replyAuthor);
    const { template, lang } = pickTemplate(this.sc.templates[intent] ?? {}, author.lang, rng);
    let text = fillSlots(template, this.sc, rng);
    const mentions = text.includes(this.brandMention);
    if (!mentions && rng.next() < phase.mentionShare) text = `${this.brandMention} ${text}`;
    if (!text.includes('#') && rng.next() < phase.tagShare) text = `${text} #${rng.pick(this.sc.hashtags)}`;
    // Every generated post must be findable by a connector (hashtag, search term or mention).
    const lower = text.toLowerCase();
    if (!text.includes('#') && !text.includes(this.brandMention) && !this.termsLower.some((t) => lower.includes(t))) text = `${text} #${this.sc.hashtags[0]}`;
    const ref = `c${this.cycle}:${this.n++}`;
    const action: PostAction = { kind: 'post', at: Math.round(at), ref, author: author.handle, text, lang, replyTo, intent };
    this.remember(ref, author.handle);
    this.actions.push(action);
    return action;
  }

  remember(ref: string, author: string) {
    this.recent.push({ ref, author });
    if (this.recent.length > 20) this.recent.shift();
  }
}

export function labelRef(cycle: number, label: string): string {
  return `c${cycle}:@${label}`;
}

export function planScenario(sc: ResolvedScenario, seed: number, cycle = 0): PlanAction[] {
  const rng = mulberry32(deriveSeed(seed, cycle));
  const p = new Planner(sc, rng, cycle);
  const first = sc.phases[0] as Phase;
  if (cycle === 0 && sc.backlog && sc.backlog.count > 0) {
    const span = sc.backlog.spanSec * 1000;
    const times = Array.from({ length: sc.backlog.count }, () => -span + rng.next() * span).sort((a, b) => a - b);
    for (const t of times) p.post(Math.min(-1, t), first, sc.backlog.intentMix ?? first.intentMix);
  }
  let phaseStart = 0;
  for (const phase of sc.phases) {
    const end = phaseStart + phase.durationSec * 1000;
    if (phase.postsPerMinute > 0) {
      for (let t = phaseStart + rng.exponential(phase.postsPerMinute / 60_000); t < end; t += rng.exponential(phase.postsPerMinute / 60_000)) {
        p.post(t, phase, phase.intentMix);
      }
    }
    phaseStart = end;
  }
  const phaseFor = (ms: number): Phase => {
    let acc = 0;
    for (const ph of sc.phases) {
      acc += ph.durationSec * 1000;
      if (ms < acc) return ph;
    }
    return sc.phases[sc.phases.length - 1] as Phase;
  };
  for (const ev of sc.events) {
    const at = ev.at * 1000;
    if (ev.kind === 'edit') p.actions.push({ kind: 'edit', at, target: labelRef(cycle, ev.target), text: fillSlots(ev.text, sc, rng) });
    else if (ev.kind === 'delete') p.actions.push({ kind: 'delete', at, target: labelRef(cycle, ev.target) });
    else if (ev.kind === 'boost') p.actions.push({ kind: 'boost', at, target: labelRef(cycle, ev.target), author: ev.author });
    else {
      const ref = ev.label ? labelRef(cycle, ev.label) : `c${cycle}:e${p.actions.length}`;
      const author = sc.authors.find((a) => a.handle === ev.author);
      let text = fillSlots(ev.text, sc, rng);
      if (ev.mentionBrand && !text.includes(`@${sc.brand.handle.replace(/^@/, '')}`)) text = `@${sc.brand.handle.replace(/^@/, '')} ${text}`;
      p.actions.push({
        kind: 'post',
        at,
        ref,
        author: ev.author,
        text,
        lang: ev.lang ?? author?.lang ?? 'en',
        replyTo: ev.replyTo ? labelRef(cycle, ev.replyTo) : null,
        ...(ev.reblogs !== undefined ? { reblogs: ev.reblogs } : {}),
        ...(ev.favourites !== undefined ? { favourites: ev.favourites } : {}),
        ...(ev.visibility !== undefined ? { visibility: ev.visibility } : {}),
        ...(ev.spoilerText !== undefined ? { spoilerText: fillSlots(ev.spoilerText, sc, rng) } : {}),
        ...(ev.sensitive !== undefined ? { sensitive: ev.sensitive } : {}),
        ...(ev.media ? { media: ev.media.map((m) => ({ type: m.type, description: m.description ?? null, url: null, previewUrl: null })) } : {}),
        ...(ev.poll
          ? { poll: { options: ev.poll.options.map((title, i) => ({ title: fillSlots(title, sc, rng), votes: ev.poll!.votes?.[i] ?? 0 })), multiple: ev.poll.multiple, expiresInSec: ev.poll.expiresInSec } }
          : {}),
        ...(ev.backdateSec !== undefined ? { lateMs: ev.backdateSec * 1000 } : {}),
      });
      if (ev.replies) {
        const within = ev.replies.withinSec * 1000;
        const times = Array.from({ length: ev.replies.count }, () => at + 1 + rng.next() * within).sort((a, b) => a - b);
        for (const t of times) p.post(t, phaseFor(t), {}, { replyTo: ref, author: ev.author, intent: ev.replies.intent });
      }
    }
  }
  // Stable sort keeps same-time actions in plan order (a labelled post before its edit).
  return p.actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i).map((x) => x.a);
}
