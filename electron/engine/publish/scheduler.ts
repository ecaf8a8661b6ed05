import type { Clock } from '../../../shared/clock.js';
import type { Platform } from '../../../shared/domain.js';
import type { Logger, SecretStore } from '../engine-types.js';
import type { PostRecord } from '../store/posts-repo.js';
import type { Store } from '../store/store.js';
import { applyExpiry } from './freeze-service.js';
import { applyReconciliation, claim, pendingAttempt, recoverOpenAttempts, settle, type OutboxRules, type ReconcileVerdict } from './outbox.js';
import { accountTokenKey, sameText, type Publisher, type RecentOwnPost } from './publisher.js';

export interface SchedulerOptions {
  /** How often the scheduler looks for due posts (ms). */
  tickMs: number;
  /** false: no timer; tests call tick() themselves. */
  autoTick: boolean;
  /** An unknown outcome not seen on the account this long after the send is taken as not published. */
  settleMs: number;
  /** Between two reads of an account for the same unconfirmed post. */
  reconcileEveryMs: number;
  /** How much earlier than our start of the send a platform's timestamp may be (clock skew). */
  clockSkewMs: number;
  /**
   * Sends on the wire at once per account. A burst of due posts goes out a few at a time, so a
   * freeze that lands mid-burst holds the rest instead of finding them all on the wire.
   */
  maxInFlightPerAccount: number;
  rules: OutboxRules;
}

export interface SchedulerDeps {
  store: Store;
  clock: Clock;
  secrets: SecretStore;
  log: Logger;
  publisherFor(platform: Platform): Publisher | null;
  options: SchedulerOptions;
}

export interface Scheduler {
  /** Recovers sends cut off by a crash, then starts ticking. */
  start(): void;
  /** Stops ticking; sends still on the wire are recorded as unknown (reconciled on the next start). */
  stop(): Promise<void>;
  /** One pass: expiry, due posts (claim → send), reconciliation. Resolves when the claims are made, not when the sends end. */
  tick(): Promise<void>;
  /** Sends on the wire right now. */
  inFlight(): number;
  /** Resolves when the account reads started so far have been applied (tests). */
  drain(): Promise<void>;
}

interface Flight {
  postId: string;
  accountId: string;
  abort: AbortController;
}

/** Lets I/O that arrived meanwhile (a freeze.set request) run before the next claim. */
const yieldToIo = () => new Promise<void>((r) => setImmediate(r));

export function createScheduler(d: SchedulerDeps): Scheduler {
  const { store, clock, log, options: o } = d;
  let running = false;
  let timer: unknown = null;
  let ticking: Promise<void> | null = null;
  /** A send ended while a pass was running: run another pass right after it for the posts it skipped. */
  let rerun = false;
  const flights = new Map<number, Flight>();
  const nextCheck = new Map<string, number>();
  const checking = new Set<string>();
  const reads = new Set<Promise<void>>();
  /** Aborts reconciliation reads when the engine stops. */
  let stopSignal = new AbortController();

  const token = async (accountId: string): Promise<string | null> => {
    try {
      return await d.secrets.get(accountTokenKey(accountId));
    } catch (err) {
      log.error('publish: could not read an account token', { accountId, error: String(err) });
      return null;
    }
  };

  function safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      // A store closed under us (shutdown, crash drill) or a bug: log it, never crash the engine.
      log.error(`publish: ${what} failed`, { error: err instanceof Error ? err.stack : String(err) });
    }
  }

  /** Claims one due post and, if the claim wins, calls the platform at once: no await in between. */
  async function sendOne(due: { id: string; revision: number; accountId: string }): Promise<void> {
    let onWire = 0;
    for (const f of flights.values()) {
      if (f.postId === due.id) return;
      if (f.accountId === due.accountId) onWire += 1;
    }
    // Stays scheduled; the pass that follows this send's end picks it up.
    if (onWire >= o.maxInFlightPerAccount) return;
    const tok = await token(due.accountId);
    if (!running) return;
    const post = store.posts.get(due.id);
    const publisher = post ? d.publisherFor(post.platform) : null;
    const r = claim(store, o.rules, clock.now(), due.id, due.revision, tok !== null && publisher !== null);
    if (r.kind !== 'claimed' || !publisher || tok === null) return;
    const abort = new AbortController();
    const attemptId = r.attempt.id;
    flights.set(attemptId, { postId: due.id, accountId: due.accountId, abort });
    let sent: Promise<unknown>;
    try {
      sent = publisher.publish({ target: { instanceUrl: r.account.instanceUrl, token: tok, remoteAccountId: r.account.remoteAccountId }, text: r.post.text, inReplyTo: r.post.inReplyTo, visibility: r.visibility }, r.attempt.idempotencyKey, abort.signal);
    } catch (err) {
      sent = Promise.reject(err);
    }
    sent.then(
      (ok) => safely('recording a send', () => settle(store, o.rules, clock.now(), attemptId, due.id, { ok: ok as never })),
      (error: unknown) => safely('recording a failed send', () => settle(store, o.rules, clock.now(), attemptId, due.id, { error })),
    ).finally(() => {
      flights.delete(attemptId);
      // A slot for this account is free: the posts waiting behind it need not wait for the next tick.
      if (running && o.autoTick) void tick();
    });
  }

  /**
   * Reads one account back for all of its unconfirmed posts that are due a check: one read per
   * account, not per post, so a burst of cut-off sends doesn't spend the account's rate limit.
   */
  async function reconcileAccount(accountId: string, candidates: PostRecord[]): Promise<void> {
    const nowMs = clock.now();
    const todo = candidates.flatMap((post) => {
      const attempt = pendingAttempt(post);
      return attempt && (nextCheck.get(post.id) ?? 0) <= nowMs ? [{ post, attempt, startedMs: Date.parse(attempt.startedAt) }] : [];
    });
    const account = store.accounts.get(accountId);
    const publisher = account ? d.publisherFor(account.platform) : null;
    if (todo.length === 0 || !account || !publisher || checking.has(accountId)) return;
    checking.add(accountId);
    try {
      const tok = await token(accountId);
      if (tok === null || !running) return;
      const readAt = clock.now();
      const earliest = Math.min(...todo.map((x) => x.startedMs));
      let recent: RecentOwnPost[] | null = null;
      try {
        recent = await publisher.findRecent({ instanceUrl: account.instanceUrl, token: tok, remoteAccountId: account.remoteAccountId }, new Date(earliest - o.clockSkewMs).toISOString(), stopSignal.signal);
      } catch (err) {
        log.warn('publish: could not read the account back', { accountId, error: err instanceof Error ? err.message : String(err) });
      }
      if (!running) return;
      // Oldest send first, each matched to the oldest fitting status, each status to one post: two
      // posts with the same text in flight at once are told apart by order (the only clue there is).
      const oldestFirst = recent ? [...recent].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)) : null;
      const claimed = new Set<string>();
      todo.sort((a, b) => a.startedMs - b.startedMs);
      for (const { post, attempt, startedMs } of todo) {
        let verdict: ReconcileVerdict = { undecided: true };
        if (oldestFirst) {
          const found = oldestFirst.find(
            (r) => !claimed.has(r.remoteId) && sameText(r.text, post.text) && Date.parse(r.createdAt) >= startedMs - o.clockSkewMs && !store.posts.remoteIdTaken(r.remoteId, post.id),
          );
          if (found) claimed.add(found.remoteId);
          // Not seen is only an answer once the read itself started after the settle window.
          verdict = found ? { found } : readAt >= startedMs + o.settleMs ? { notFound: true } : { undecided: true };
        }
        safely('reconciling', () => applyReconciliation(store, clock.now(), post.id, attempt.id, verdict, o.settleMs));
        if ('undecided' in verdict) {
          // Never later than the end of the settle window, so a decision comes as soon as it can.
          const settleAt = startedMs + o.settleMs;
          const now = clock.now();
          nextCheck.set(post.id, settleAt > now ? Math.min(now + o.reconcileEveryMs, settleAt) : now + o.reconcileEveryMs);
        } else nextCheck.delete(post.id);
      }
    } finally {
      checking.delete(accountId);
    }
  }

  async function pass(): Promise<void> {
    safely('expiring the freeze', () => applyExpiry({ store, clock }));
    let due: Array<{ id: string; revision: number; accountId: string }> = [];
    safely('listing due posts', () => (due = store.posts.due(new Date(clock.now()).toISOString())));
    for (const p of due) {
      await yieldToIo();
      if (!running) return;
      try {
        await sendOne(p);
      } catch (err) {
        log.error('publish: a send could not start', { postId: p.id, error: err instanceof Error ? err.stack : String(err) });
      }
    }
    let unconfirmed: PostRecord[] = [];
    safely('listing unconfirmed posts', () => (unconfirmed = store.posts.byStatus(['unconfirmed'])));
    // Reads don't block the next tick's claims; each account has at most one read at a time.
    const byAccount = new Map<string, PostRecord[]>();
    for (const p of unconfirmed) byAccount.set(p.accountId, [...(byAccount.get(p.accountId) ?? []), p]);
    for (const [accountId, list] of byAccount) {
      const r = reconcileAccount(accountId, list)
        .catch((err: unknown) => log.error('publish: reconciliation failed', { accountId, error: String(err) }))
        .finally(() => reads.delete(r));
      reads.add(r);
    }
  }

  function tick(): Promise<void> {
    if (!running) return Promise.resolve();
    if (ticking) {
      rerun = true;
      return ticking;
    }
    ticking = (async () => {
      do {
        rerun = false;
        await pass();
      } while (rerun && running);
    })().finally(() => {
      ticking = null;
    });
    return ticking;
  }

  function loop(): void {
    if (!running || !o.autoTick) return;
    timer = clock.setTimeout(() => {
      timer = null;
      void tick().finally(loop);
    }, o.tickMs);
  }

  return {
    start() {
      if (running) return;
      const recovered = recoverOpenAttempts(store, clock.now());
      if (recovered > 0) log.warn('publish: sends cut off by a stop or crash are unconfirmed until the account is read back', { posts: recovered });
      running = true;
      stopSignal = new AbortController();
      if (o.autoTick) void tick().finally(loop);
    },
    async stop() {
      if (!running) return;
      running = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      stopSignal.abort();
      // Whatever the platform answers later is not waited for: those sends are unknown now, and
      // reconciliation settles them on the next start (a late answer for them is ignored).
      for (const [attemptId, f] of flights) {
        f.abort.abort();
        safely('recording a send cut off by stop', () => settle(store, o.rules, clock.now(), attemptId, f.postId, { error: new Error('Newsroom stopped while the send was on the wire') }));
      }
      flights.clear();
      await ticking?.catch(() => undefined);
      await Promise.all([...reads]);
    },
    tick,
    inFlight: () => flights.size,
    async drain() {
      while (reads.size > 0) await Promise.all([...reads]);
    },
  };
}
