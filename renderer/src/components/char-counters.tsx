import type { Platform } from '../../../shared/domain';
import { counterFor } from '../lib/char-count';
import { platformLabel } from '../lib/platform';

/** One live counter per target platform, counted the way that platform counts (links, mentions). */
export function CharCounters({ text, platforms, testId }: { text: string; platforms: readonly Platform[]; testId: string }) {
  return (
    <div className="counters" aria-live="polite">
      {platforms.map((p) => {
        const c = counterFor(text, p);
        return (
          <span key={p} className={c.over ? 'counter over' : 'counter'} data-testid={testId} data-platform={p} data-over={c.over ? 'true' : 'false'}>
            {platformLabel(p)}: {c.used} / {c.limit}
            {c.over ? ` — ${-c.remaining} too many` : ''}
          </span>
        );
      })}
    </div>
  );
}
