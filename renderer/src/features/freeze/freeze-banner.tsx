import { useLiveQuery } from 'dexie-react-hooks';
import type { FreezeState, PublishAccount } from '../../../../shared/publishing';
import { FREEZE_KEY, db } from '../../db/db';
import { useNow } from '../../lib/use-now';
import { freezeBannerText } from './freeze-text';
import './freeze.css';

const NO_ACCOUNTS: ReadonlyMap<string, PublishAccount> = new Map();

/**
 * Reads the one freeze row (and, only for a scoped freeze, the accounts it names), so a freeze
 * reaching the replica shows at once and nothing else on the page makes this re-render.
 */
async function readFreeze(): Promise<{ freeze: FreezeState | null; accounts: ReadonlyMap<string, PublishAccount> }> {
  const freeze = (await db.freeze.get(FREEZE_KEY)) ?? null;
  if (!freeze?.frozen || freeze.scope.kind !== 'accounts') return { freeze, accounts: NO_ACCOUNTS };
  const found = await db.accounts.bulkGet(freeze.scope.accountIds);
  return { freeze, accounts: new Map(found.filter((a): a is PublishAccount => !!a).map((a) => [a.id, a])) };
}

/**
 * On every view. Always in the DOM with `data-frozen`, so a test (or a person with dev tools) can
 * tell "not frozen" from "not loaded"; it only takes space when frozen.
 */
export function FreezeBanner({ size, consoleLink = false }: { size: 'wall' | 'page'; consoleLink?: boolean }) {
  const data = useLiveQuery(readFreeze, []);
  if (!data?.freeze?.frozen) return <div data-testid="freeze-banner" data-frozen="false" hidden />;
  return <FrozenBanner freeze={data.freeze} accounts={data.accounts} size={size} consoleLink={consoleLink} />;
}

interface FrozenProps {
  freeze: FreezeState;
  accounts: ReadonlyMap<string, PublishAccount>;
  size: 'wall' | 'page';
  consoleLink: boolean;
}

function FrozenBanner({ freeze, accounts, size, consoleLink }: FrozenProps) {
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
