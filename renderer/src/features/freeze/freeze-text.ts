import type { FreezeState, PublishAccount } from '../../../../shared/publishing';
import { absoluteTime, hhmm, relativeTime } from '../../lib/time-format';

export interface FreezeBannerText {
  frozen: boolean;
  /** "PUBLISHING FROZEN — <reason> — by <who> since 12:30 (4 min ago)" */
  headline: string;
  /** The headline without its first words, for a place that already says "frozen". */
  detail: string;
  /** Which accounts, when the freeze doesn't cover everything; null when it does. */
  scope: string | null;
  /** A lift is waiting for a second person. */
  lift: string | null;
  /** The freeze ends by itself at this time (into review, never into publishing). */
  expires: string | null;
}

const NOT_FROZEN: FreezeBannerText = { frozen: false, headline: '', detail: '', scope: null, lift: null, expires: null };

function at(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/**
 * The words on the freeze banner. Pure, so it is tested and so the banner only re-renders text.
 * Account names come from the replica; an id we can't name (account removed, or a role that can't
 * list accounts) is still shown, as its id.
 */
export function freezeBannerText(
  f: FreezeState | null | undefined,
  accounts: ReadonlyMap<string, Pick<PublishAccount, 'name'>>,
  now: number,
): FreezeBannerText {
  if (!f?.frozen) return NOT_FROZEN;
  const since = at(f.since);
  const parts = ['PUBLISHING FROZEN', f.reason?.trim() || 'no reason given'];
  let who = `by ${f.by ?? 'someone'}`;
  if (since !== null) who += ` since ${hhmm(since)} (${relativeTime(f.since!, now)})`;
  parts.push(who);

  let scope: string | null = null;
  if (f.scope.kind === 'accounts') {
    const names = f.scope.accountIds.map((id) => accounts.get(id)?.name ?? id);
    scope = `Only ${names.length === 1 ? 'this account' : `these ${names.length} accounts`}: ${names.join(', ')} — other accounts still publish`;
  }

  let lift: string | null = null;
  if (f.pendingLift) {
    const t = at(f.pendingLift.at);
    lift = `${f.pendingLift.by} asked to lift it${t !== null ? ` at ${hhmm(t)}` : ''} — awaiting a second person to confirm`;
  }

  // With the date when it isn't today: a freeze until "18:00" next week must not read as tonight.
  const expires = at(f.expiresAt) !== null ? `Ends by itself at ${absoluteTime(f.expiresAt!, now)}: held posts then wait for review, nothing is sent` : null;
  return { frozen: true, headline: parts.join(' — '), detail: parts.slice(1).join(' — '), scope, lift, expires };
}
