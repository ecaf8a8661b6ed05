import { useMemo } from 'react';
import type { FreezeState } from '../../../../shared/publishing';
import { accountNames, useAccounts, useFreeze } from '../../db/use-publishing';
import { useNow } from '../../lib/use-now';
import { freezeBannerText } from './freeze-text';
import './freeze.css';

/**
 * On every view. Always in the DOM with `data-frozen`, so a test (or a person with dev tools) can
 * tell "not frozen" from "not loaded"; it only takes space when frozen.
 */
export function FreezeBanner({ size, consoleLink = false }: { size: 'wall' | 'page'; consoleLink?: boolean }) {
  // Only the freeze row: a freeze reaching the replica shows at once, and nothing else re-renders this.
  const freeze = useFreeze();
  if (!freeze?.frozen) return <div data-testid="freeze-banner" data-frozen="false" hidden />;
  return <FrozenBanner freeze={freeze} size={size} consoleLink={consoleLink} />;
}

interface FrozenProps {
  freeze: FreezeState;
  size: 'wall' | 'page';
  consoleLink: boolean;
}

function FrozenBanner({ freeze, size, consoleLink }: FrozenProps) {
  // A scoped freeze names its accounts; read only while frozen.
  const list = useAccounts();
  const accounts = useMemo(() => accountNames(list), [list]);
  // The relative time ("4 min ago") ticks here, in the banner alone.
  const now = useNow(15_000);
  const text = freezeBannerText(freeze, accounts, now);
  return (
    <div className={`freeze-banner freeze-banner-${size}`} data-testid="freeze-banner" data-frozen="true" role="alert">
      <div className="freeze-headline">{text.headline}</div>
      {text.scope ? <div className="freeze-line">{text.scope}</div> : null}
      {text.lift ? (
        <div className="freeze-line freeze-lift" data-testid="freeze-pending-lift">
          {text.lift}
        </div>
      ) : null}
      {text.expires ? <div className="freeze-line">{text.expires}</div> : null}
      {consoleLink ? (
        <a className="freeze-console-link" href="#/crisis">
          Held posts and the review list: crisis console →
        </a>
      ) : null}
    </div>
  );
}
