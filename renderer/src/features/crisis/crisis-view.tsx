import { useMemo } from 'react';
import type { PostStatus } from '../../../../shared/publishing';
import { accountNames, useAccounts, useFreeze, usePostsWithStatus } from '../../db/use-publishing';
import { canFreeze, may } from '../../lib/permissions';
import { useApp, useRole } from '../../store/app-store';
import { PostRow } from '../posts/post-row';
import { AuditTrail } from './audit-trail';
import { DesktopAlerts } from './desktop-alerts';
import { FreezeResultPanel } from './freeze-result';
import { FreezeSwitch } from './freeze-switch';
import { ReviewList } from './review-list';
import '../posts/posts.css';
import './crisis.css';

const HELD: readonly PostStatus[] = ['held'];
const IN_FLIGHT: readonly PostStatus[] = ['publishing', 'unconfirmed'];

/** The crisis console: the switch, what it did, what waits for review, what is on the wire, who did what. */
export function CrisisView() {
  const role = useRole();
  const me = useApp((s) => s.user?.name ?? null);
  const freeze = useFreeze();
  const accounts = useAccounts();
  const byId = useMemo(() => accountNames(accounts), [accounts]);
  const held = usePostsWithStatus(HELD) ?? [];
  const inFlight = usePostsWithStatus(IN_FLIGHT) ?? [];
  return (
    <>
      {role && !canFreeze(role) ? (
        <p className="notice" data-testid="crisis-readonly">
          Read-only for your role ({role}): freezing and lifting take a crisis lead or an admin.
          {may(role, 'posts.release') ? ' You can still work through the review list.' : ''}
        </p>
      ) : null}
      <DesktopAlerts role={role} />
      <FreezeSwitch freeze={freeze} accounts={accounts ?? []} role={role} me={me} heldCount={held.length} />
      <FreezeResultPanel accounts={byId} />
      {role && !may(role, 'posts.list') ? (
        <p className="notice">Your role can't see posts: the review list is for agents and above.</p>
      ) : (
        <ReviewList posts={held} accounts={byId} role={role} freeze={freeze} />
      )}
      <section className="panel in-flight" data-testid="in-flight" aria-label="On the wire">
        <h2>On the wire ({inFlight.length})</h2>
        <p className="hint">Sends already started: a freeze can't stop them. Unconfirmed ones are checked against the account, never blindly retried.</p>
        {inFlight.length === 0 ? <p className="panel-empty">Nothing is being sent.</p> : null}
        {inFlight.map((p) => (
          <PostRow key={p.id} post={p} account={byId.get(p.accountId)} role={role} />
        ))}
      </section>
      <AuditTrail role={role} />
    </>
  );
}
