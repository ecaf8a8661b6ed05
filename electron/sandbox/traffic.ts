/**
 * Executes plan actions against the store (scenario and replay traffic alike) and, for
 * scenarios with a `followUp`, lets customers answer the brand's replies a little later.
 */
import type { Clock } from '../../shared/clock.js';
import { deriveSeed, mulberry32, type Rng } from './prng.js';
import { fillSlots, pickTemplate, type PlanAction } from './scenario-plan.js';
import type { ResolvedScenario } from './scenario-schema.js';
import type { AccountRecord, SandboxStore, StatusRecord } from './store.js';

export interface AuthorProfile {
  displayName: string;
  lang: string;
  note?: string;
  bot?: boolean;
  followers?: number;
}

export interface TrafficOptions {
  store: SandboxStore;
  clock: Clock;
  speed: number;
  profiles: Map<string, AuthorProfile>;
  /** Scenario whose followUp (if any) answers brand replies; null for replay-only traffic. */
  scenario: ResolvedScenario | null;
  seed: number;
  log: (msg: string) => void;
}

export class TrafficExecutor {
  private readonly refs = new Map<string, string>();
  private readonly timers = new Set<unknown>();
  private readonly followRng: Rng;
  private closed = false;
  /** Follow-ups only once traffic runs (a paused sandbox stays silent). */
  active = false;

  constructor(private readonly o: TrafficOptions) {
    this.followRng = mulberry32(deriveSeed(o.seed, 0xf011));
  }

  account(handle: string): AccountRecord {
    const p = this.o.profiles.get(handle.replace(/^@/, '').toLowerCase());
    return this.o.store.ensureAccount(handle, p ? { displayName: p.displayName, ...(p.note ? { note: p.note } : {}), ...(p.bot ? { bot: true } : {}), ...(p.followers !== undefined ? { followers: p.followers } : {}) } : {});
  }

  statusIdFor(ref: string): string | null {
    return this.refs.get(ref) ?? null;
  }

  private acct(a: AccountRecord): string {
    return a.domain ? `${a.username}@${a.domain}` : a.username;
  }

  exec = (a: PlanAction, info: { startedAt: number }): void => {
    const { store, clock } = this.o;
    if (a.kind === 'edit' || a.kind === 'delete' || a.kind === 'boost') {
      const id = this.refs.get(a.target);
      if (!id || !store.getStatus(id)) return;
      if (a.kind === 'edit') store.editStatus(id, a.text);
      else if (a.kind === 'delete') store.deleteStatus(id);
      else {
        const boost = store.boostStatus(this.account(a.author).id, id);
        if (a.ref) this.refs.set(a.ref, boost.id);
      }
      return;
    }
    const author = this.account(a.author);
    const parentId = a.replyTo ? this.refs.get(a.replyTo) : undefined;
    const parent = parentId ? store.getStatus(parentId) : null;
    let text = a.text;
    const parentAuthor = parent ? store.accountById(parent.accountId) : null;
    if (parentAuthor && parentAuthor.id !== author.id && !text.includes(`@${this.acct(parentAuthor)}`)) text = `@${this.acct(parentAuthor)} ${text}`;
    const now = clock.now();
    const st = store.createStatus({
      accountId: author.id,
      text,
      html: a.html ?? null,
      inReplyToId: parent?.id ?? null,
      lang: a.lang,
      createdAt: a.at < 0 ? info.startedAt + a.at : now - (a.lateMs ?? 0),
      ...(a.spoilerText !== undefined ? { spoilerText: a.spoilerText } : {}),
      ...(a.sensitive !== undefined ? { sensitive: a.sensitive } : {}),
      ...(a.media ? { media: a.media } : {}),
      ...(a.poll
        ? { poll: { options: a.poll.options, multiple: a.poll.multiple, expiresAt: a.poll.expiresInSec === null ? null : now + a.poll.expiresInSec * 1000, votersCount: a.poll.votersCount ?? null } }
        : {}),
      ...(a.emojis ? { emojis: a.emojis } : {}),
      ...(a.reblogs !== undefined ? { reblogs: a.reblogs } : {}),
      ...(a.favourites !== undefined ? { favourites: a.favourites } : {}),
      ...(a.visibility !== undefined ? { visibility: a.visibility } : {}),
      application: author.domain ? null : 'Web',
    });
    this.refs.set(a.ref, st.id);
  };

  /** A brand reply to a customer sometimes gets an answer (thanks, more detail, still angry…). */
  onBrandPost(st: StatusRecord): void {
    const fu = this.o.scenario?.followUp;
    if (!fu || !this.active || this.closed) return;
    const { store, clock } = this.o;
    const parent = st.inReplyToId ? store.getAny(st.inReplyToId) : null;
    if (!parent || parent.accountId === st.accountId) return;
    const customer = store.accountById(parent.accountId);
    if (!customer) return;
    const rng = this.followRng;
    if (rng.next() >= fu.share) return;
    const [lo, hi] = fu.delaySec;
    const delayMs = ((lo + rng.next() * Math.max(0, hi - lo)) * 1000) / this.o.speed;
    const lang = this.o.profiles.get(this.acct(customer).toLowerCase())?.lang ?? 'en';
    const picked = pickTemplate(fu.templates, lang, rng);
    const sc = this.o.scenario as ResolvedScenario;
    const body = fillSlots(picked.template, sc, rng);
    const brand = store.accountById(st.accountId);
    const handle = brand ? `@${this.acct(brand)}` : '';
    const timer = clock.setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      const target = store.getStatus(st.id);
      // Always addressed to the brand, so it lands in the brand's mentions like a real answer.
      const text = body.includes(handle) ? body : `${handle} ${body}`;
      store.createStatus({ accountId: customer.id, text, inReplyToId: target?.id ?? null, lang: picked.lang, application: customer.domain ? null : 'Web' });
      this.o.log(`sandbox: follow-up from @${this.acct(customer)} to brand status ${st.id}`);
    }, Math.round(delayMs));
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) this.o.clock.clearTimeout(t);
    this.timers.clear();
  }
}
