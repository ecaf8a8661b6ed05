import type { FreezeState, FreezeSuggestion } from '../../../../shared/publishing';
import { rpc } from '../../api/rpc';
import { freezeNow } from '../crisis/freeze-actions';
import { DuePosts } from './due-posts';
import { ExternalLink } from '../../components/external-link';
import { useFreeze, useOpenSuggestions } from '../../db/use-publishing';
import { showsSuggestionPrompt } from '../../lib/permissions';
import { absoluteTime } from '../../lib/time-format';
import { useAction } from '../../lib/use-action';
import { useNow } from '../../lib/use-now';
import { useRole } from '../../store/app-store';
import { FormError } from '../../components/form-error';

/** Someone asked for a freeze: crisis leads see it on every working screen until it is acted on. */
export function FreezeSuggestionPrompt({ view }: { view: string }) {
  const role = useRole();
  const show = showsSuggestionPrompt(role, view);
  const suggestions = useOpenSuggestions(show);
  const freeze = useFreeze();
  if (!show || !suggestions?.length) return null;
  return (
    <>
      {suggestions.map((s) => (
        <SuggestionCard key={s.id} suggestion={s} freeze={freeze ?? null} />
      ))}
    </>
  );
}

function SuggestionCard({ suggestion: s, freeze }: { suggestion: FreezeSuggestion; freeze: FreezeState | null }) {
  const act = useAction();
  const now = useNow(30_000);
  // Already frozen everywhere: freezing again would change nothing, so only dismissing is offered.
  const frozenEverywhere = !!freeze?.frozen && freeze.scope.kind === 'all';
  return (
    <section className="freeze-suggestion" data-testid="freeze-suggestion" data-suggestion-id={s.id} role="alert" aria-label="Freeze suggested">
      <div className="freeze-suggestion-body">
        <h2>Freeze now? {s.reason}</h2>
        <p className="hint">
          by {s.by} · {absoluteTime(s.at, now)}
          {frozenEverywhere ? ' · publishing is already frozen' : ''}
        </p>
        {s.evidence.length ? (
          <ul className="freeze-evidence">
            {s.evidence.map((e, i) => (
              <li key={i}>
                {e.text}{' '}
                {e.url ? (
                  <ExternalLink url={e.url} className="evidence-link">
                    open ↗
                  </ExternalLink>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        <DuePosts />
        <FormError error={act.error} />
      </div>
      <div className="freeze-suggestion-actions">
        {!frozenEverywhere ? (
          <button
            type="button"
            className="danger big"
            data-testid="freeze-suggestion-freeze"
            disabled={act.busy}
            onClick={() => void act.run(() => freezeNow({ reason: s.reason, suggestionId: s.id }))}
          >
            Freeze now
          </button>
        ) : null}
        <button type="button" className="secondary" data-testid="freeze-suggestion-dismiss" disabled={act.busy} onClick={() => void act.run(() => rpc('freeze.dismiss', { id: s.id }))}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
