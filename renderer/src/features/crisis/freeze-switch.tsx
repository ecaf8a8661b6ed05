import { useMemo, useState, type FormEvent } from 'react';
import type { FreezeState, PublishAccount } from '../../../../shared/publishing';
import type { Role } from '../../../../shared/roles';
import { rpc } from '../../api/rpc';
import { ZonedTimeField } from '../../components/zoned-time-field';
import { canFreeze, may } from '../../lib/permissions';
import { hhmm } from '../../lib/time-format';
import { useAction } from '../../lib/use-action';
import { useNow } from '../../lib/use-now';
import { localTimeZone, zonedInputToUtc } from '../../lib/zoned-time';
import { freezeBannerText } from '../freeze/freeze-text';
import { freezeNow, liftFreeze } from './freeze-actions';

interface Props {
  freeze: FreezeState | null | undefined;
  accounts: readonly PublishAccount[];
  role: Role | null;
  me: string | null;
  heldCount: number;
}

/** The switch: the current state in words, and (for crisis leads) freezing or lifting. */
export function FreezeSwitch({ freeze, accounts, role, me, heldCount }: Props) {
  const byId = useMemo(() => new Map(accounts.map((a) => [a.id, a])), [accounts]);
  const now = useNow(15_000);
  if (freeze === undefined) return <section className="panel freeze-switch">Loading the freeze state…</section>;
  const text = freezeBannerText(freeze, byId, now);
  return (
    <section className={text.frozen ? 'panel freeze-switch is-frozen' : 'panel freeze-switch'} data-testid="freeze-state" data-frozen={text.frozen ? 'true' : 'false'}>
      {text.frozen ? (
        <div className="freeze-now">
          <h2>Publishing is frozen</h2>
          <p className="freeze-state-line">{text.detail}</p>
          {text.scope ? <p>{text.scope}</p> : null}
          {text.lift ? <p className="notice">{text.lift}</p> : null}
          {text.expires ? <p>{text.expires}</p> : null}
        </div>
      ) : (
        <div className="freeze-now">
          <h2>{freeze ? 'Publishing is running' : 'Freeze state not known yet'}</h2>
          <p className="hint">Scheduled posts go out at their time. Freezing stops every send that hasn't started, at once.</p>
        </div>
      )}
      {freeze ? <SecondPersonSetting freeze={freeze} role={role} /> : null}
      {canFreeze(role) ? (
        freeze?.frozen ? (
          // Keyed by epoch: a new freeze starts with no lift request of ours on record.
          <LiftControls key={freeze.epoch} freeze={freeze} me={me} heldCount={heldCount} />
        ) : (
          <FreezeForm accounts={accounts} />
        )
      ) : null}
    </section>
  );
}

function FreezeForm({ accounts }: { accounts: readonly PublishAccount[] }) {
  const [reason, setReason] = useState('');
  const [scoped, setScoped] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [expires, setExpires] = useState('');
  const act = useAction();
  const timeZone = useMemo(localTimeZone, []);
  const expiry = expires ? zonedInputToUtc(expires, timeZone) : null;
  const ids = picked.filter((id) => accounts.some((a) => a.id === id));
  const ready = reason.trim() !== '' && (!scoped || ids.length > 0) && (!expires || expiry !== null) && !act.busy;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    const res = await act.run(() => freezeNow({ reason: reason.trim(), ...(scoped ? { accountIds: ids } : {}), ...(expiry ? { expiresAt: expiry.iso } : {}) }));
    if (res) {
      setReason('');
      setExpires('');
    }
  }

  const label = scoped ? `FREEZE ${ids.length} ACCOUNT${ids.length === 1 ? '' : 'S'}` : 'FREEZE ALL PUBLISHING';
  return (
    <form className="freeze-form" onSubmit={submit}>
      <label className="field">
        <span>Why (shown on every screen and kept in the audit trail)</span>
        <input data-testid="freeze-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Product recall: all scheduled posts on hold" />
      </label>
      <details className="freeze-options">
        <summary>Scope and expiry (optional)</summary>
        <label className="check">
          <input type="checkbox" checked={scoped} onChange={(e) => setScoped(e.target.checked)} data-testid="freeze-scoped" />
          Only some accounts
        </label>
        {scoped
          ? accounts.map((a) => (
              <label key={a.id} className="check freeze-scope-account">
                <input
                  type="checkbox"
                  data-testid="freeze-scope-account"
                  data-account-id={a.id}
                  checked={picked.includes(a.id)}
                  onChange={() => setPicked((p) => (p.includes(a.id) ? p.filter((x) => x !== a.id) : [...p, a.id]))}
                />
                {a.name}
              </label>
            ))
          : null}
        <ZonedTimeField label="Ends by itself at (held posts then wait for review)" value={expires} onChange={setExpires} timeZone={timeZone} testId="freeze-expires" zoneOwner="your time zone" />
      </details>
      <button type="submit" className="danger big freeze-button" data-testid="freeze-button" disabled={!ready}>
        {label}
      </button>
      {reason.trim() === '' ? <p className="hint">Type a reason to enable the switch; Enter freezes.</p> : null}
      {act.error ? (
        <p className="form-error" role="alert" data-testid="freeze-error">
          {act.error}
        </p>
      ) : null}
    </form>
  );
}

function LiftControls({ freeze, me, heldCount }: { freeze: FreezeState; me: string | null; heldCount: number }) {
  const [confirming, setConfirming] = useState(false);
  const [requested, setRequested] = useState(false);
  const act = useAction();
  const pending = freeze.pendingLift;
  const mine = !!pending && pending.by === me;
  const second = !!pending && !mine;

  async function lift() {
    const res = await act.run(liftFreeze);
    if (!res) return;
    setConfirming(false);
    setRequested(res.awaitingSecondPerson);
  }

  if (mine || requested) {
    return (
      <p className="notice" data-testid="lift-awaiting">
        Your request to lift {pending ? `(${hhmm(Date.parse(pending.at))}) ` : ''}is recorded — awaiting a second person to confirm.
      </p>
    );
  }
  return (
    <div className="lift">
      {!confirming ? (
        <button type="button" className="big" data-testid="unfreeze-button" onClick={() => setConfirming(true)}>
          {second ? `Confirm ${pending!.by}'s lift` : 'Lift freeze'}
        </button>
      ) : (
        <div className="lift-confirm" role="group" aria-label="Confirm lifting the freeze">
          <p>
            Lifting sends nothing by itself: {heldCount === 1 ? 'the held post stays' : `the ${heldCount} held posts stay`} in the review list until someone
            releases, reschedules or cancels each.
          </p>
          {freeze.liftRequiresSecondPerson && !second ? <p className="notice">Lifting needs a second person: this records your request and someone else must confirm it.</p> : null}
          {second ? <p className="notice">{pending!.by} asked to lift it: your confirmation lifts the freeze.</p> : null}
          <div className="actions">
            <button type="button" className="big" data-testid="unfreeze-confirm" disabled={act.busy} onClick={() => void lift()}>
              {freeze.liftRequiresSecondPerson && !second ? 'Request the lift' : 'Yes, lift the freeze'}
            </button>
            <button type="button" className="secondary big" onClick={() => setConfirming(false)} disabled={act.busy}>
              Keep frozen
            </button>
          </div>
        </div>
      )}
      {act.error ? (
        <p className="form-error" role="alert" data-testid="unfreeze-error">
          {act.error}
        </p>
      ) : null}
    </div>
  );
}

function SecondPersonSetting({ freeze, role }: { freeze: FreezeState; role: Role | null }) {
  const act = useAction();
  // Shown at once while the change travels; the freeze row that comes back is the truth after.
  const [asked, setAsked] = useState<boolean | null>(null);
  const on = asked ?? freeze.liftRequiresSecondPerson;
  if (!may(role, 'freeze.configure')) return <p className="hint">Lifting needs a second person: {on ? 'yes' : 'no'}.</p>;
  async function change(value: boolean) {
    setAsked(value);
    await act.run(() => rpc('freeze.configure', { liftRequiresSecondPerson: value }));
    setAsked(null);
  }
  return (
    <label className="check hint">
      <input type="checkbox" checked={on} disabled={act.busy} onChange={(e) => void change(e.target.checked)} data-testid="freeze-second-person" />
      Lifting needs a second person
      {act.error ? <span className="form-error"> {act.error}</span> : null}
    </label>
  );
}
