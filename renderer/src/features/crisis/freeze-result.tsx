import type { PublishAccount } from '../../../../shared/publishing';
import { ExternalLink } from '../../components/external-link';
import { absoluteTime, hhmm } from '../../lib/time-format';
import { useApp } from '../../store/app-store';

const excerpt = (text: string, n = 120) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/**
 * What the freeze answered: how many posts it held, and the sends that were already on the wire.
 * Those may have published and cannot be recalled; the person who froze must go and look.
 */
export function FreezeResultPanel({ accounts }: { accounts: ReadonlyMap<string, PublishAccount> }) {
  const outcome = useApp((s) => s.freezeOutcome);
  const clear = useApp((s) => s.setFreezeOutcome);
  if (!outcome) return null;
  const { held, mayHavePublished } = outcome.result;
  const name = (id: string) => accounts.get(id)?.name ?? id;
  return (
    <section className="panel freeze-result" data-testid="freeze-result" aria-label="What the freeze did">
      <h2>Your freeze at {hhmm(outcome.at)}</h2>
      <p data-testid="freeze-held-count">
        {held.length === 0 ? 'No post was due right now.' : held.length === 1 ? 'One post that was due is held.' : `${held.length} posts that were due are held.`} Posts
        that come due later are held when their time comes.
      </p>
      <div className="may-have-published" data-testid="may-have-published" data-count={mayHavePublished.length}>
        {mayHavePublished.length === 0 ? (
          <p className="ok-text">Nothing was on the wire: nothing slipped out.</p>
        ) : (
          <>
            <h3>
              {mayHavePublished.length === 1 ? 'One send was' : `${mayHavePublished.length} sends were`} already on the wire: may have published
            </h3>
            <p>These cannot be recalled by Newsroom. Check each account and delete by hand on the platform if it went out.</p>
            <ul>
              {mayHavePublished.map((s) => (
                <li key={s.postId} data-testid="may-have-published-item" data-post-id={s.postId}>
                  <strong>{name(s.accountId)}</strong> · started {absoluteTime(s.startedAt, outcome.at)} — “{excerpt(s.text)}”{' '}
                  {s.checkUrl ? (
                    <ExternalLink url={s.checkUrl} className="check-link">
                      check the account ↗
                    </ExternalLink>
                  ) : (
                    <span className="hint">(no link: check the account on the platform)</span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <button type="button" className="secondary" onClick={() => clear(null)}>
        Done, hide this
      </button>
    </section>
  );
}
