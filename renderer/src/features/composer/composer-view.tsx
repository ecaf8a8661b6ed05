import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Platform } from '../../../../shared/domain';
import { TEXT_LIMITS, type PublishAccount } from '../../../../shared/publishing';
import { rpc } from '../../api/rpc';
import { CharCounters } from '../../components/char-counters';
import { platformLabel } from '../../lib/platform';
import { ZonedTimeField } from '../../components/zoned-time-field';
import { useAccounts } from '../../db/use-publishing';
import { counterFor } from '../../lib/char-count';
import { may } from '../../lib/permissions';
import { useAction } from '../../lib/use-action';
import { formatInZone, localTimeZone, zonedInputToUtc } from '../../lib/zoned-time';
import { useRole } from '../../store/app-store';
import { describeCreated } from './composer-outcome';
import './composer.css';

const ALL_PLATFORMS = Object.keys(TEXT_LIMITS) as Platform[];

/** Write once, post to several brand accounts, now or at a time in the author's own zone. */
export function ComposerView() {
  const role = useRole();
  const accounts = useAccounts();
  const byId = useMemo(() => new Map((accounts ?? []).map((a) => [a.id, a])), [accounts]);
  const timeZone = useMemo(localTimeZone, []);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [at, setAt] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const act = useAction();

  // With a single account there is nothing to choose: pick it once, but let the author untick it.
  const autoPicked = useRef(false);
  useEffect(() => {
    if (!autoPicked.current && accounts?.length === 1) {
      autoPicked.current = true;
      setPicked([accounts[0]!.id]);
    }
  }, [accounts]);

  const targets = picked.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const platforms: Platform[] = [...new Set((targets.length ? targets : (accounts ?? [])).map((a) => a.platform))];
  const counted = platforms.length ? platforms : ALL_PLATFORMS;
  const over = counted.some((p) => counterFor(text, p).over);
  const instant = at ? zonedInputToUtc(at, timeZone) : null;
  const canCreate = may(role, 'posts.create');
  const needsApproval = !may(role, 'posts.approve') && targets.some((a) => a.requireApproval);
  const ready = canCreate && text.trim() !== '' && targets.length > 0 && !act.busy;

  async function create(schedule: boolean) {
    setDone(null);
    const res = await act.run(() =>
      rpc('posts.create', {
        accountIds: targets.map((a) => a.id),
        text,
        timeZone,
        ...(schedule && instant ? { scheduledAt: instant.iso } : {}),
      }),
    );
    if (!res) return;
    setDone(describeCreated(res.posts));
    setText('');
    setAt('');
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (ready && instant && !over) void create(true);
  }

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  return (
    <>
      <form className="composer" data-testid="composer" onSubmit={onSubmit}>
        <section className="panel composer-write">
          {!canCreate && role ? <p className="notice">Your role ({role}) can read posts but not write them.</p> : null}
          <label className="field">
            <span>Post</span>
            <textarea
              data-testid="composer-text"
              rows={7}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder="What should the brand say?"
              aria-describedby="composer-counters"
            />
          </label>
          <div id="composer-counters">
            <CharCounters text={text} platforms={counted} testId="composer-counter" />
          </div>

          <fieldset className="composer-accounts">
            <legend>Post as</legend>
            {accounts === undefined ? <p className="panel-empty">Loading accounts…</p> : null}
            {accounts?.length === 0 ? <p className="panel-empty">No brand accounts yet: an admin adds them.</p> : null}
            {accounts?.map((a) => (
              <label key={a.id} className="check">
                <input type="checkbox" data-testid="composer-account" data-account-id={a.id} checked={picked.includes(a.id)} onChange={() => toggle(a.id)} />
                {a.name}
                <span className="hint">
                  {a.handle ?? a.instanceUrl}
                  {a.requireApproval ? ' · needs approval' : ''}
                </span>
              </label>
            ))}
          </fieldset>

          <ZonedTimeField label="When" value={at} onChange={setAt} timeZone={timeZone} testId="composer-at" zoneOwner="your time zone" />

          {needsApproval ? <p className="notice">A lead must approve posts to {approvalNames(targets)}: Schedule sends it for approval.</p> : null}
          <div className="actions">
            <button type="submit" data-testid="composer-schedule" disabled={!ready || !instant || over} title={!instant ? 'Pick a time first' : undefined}>
              Schedule
            </button>
            <button type="button" className="secondary" data-testid="composer-draft" disabled={!ready} onClick={() => void create(false)}>
              Save draft
            </button>
            {over ? <span className="form-error">Too long for {counted.filter((p) => counterFor(text, p).over).map(platformLabel).join(', ')}.</span> : null}
          </div>
          {act.error ? (
            <p className="form-error" role="alert" data-testid="composer-error">
              {act.error}
            </p>
          ) : null}
          {done ? (
            <p className="ok-text" role="status" data-testid="composer-result">
              {done} <a href="#/posts">See scheduled posts</a>
            </p>
          ) : null}
        </section>

        <Preview text={text} targets={targets} at={instant?.iso ?? null} timeZone={timeZone} />
      </form>
    </>
  );
}

function approvalNames(targets: PublishAccount[]): string {
  return targets
    .filter((a) => a.requireApproval)
    .map((a) => a.name)
    .join(', ');
}

/** The post as it will read, per account (at most three: the text is the same on each). */
function Preview({ text, targets, at, timeZone }: { text: string; targets: PublishAccount[]; at: string | null; timeZone: string }) {
  const shown = targets.length ? targets.slice(0, 3) : [null];
  return (
    <section className="panel composer-preview" data-testid="composer-preview" aria-label="Preview">
      <h2>Preview</h2>
      {shown.map((a, i) => (
        <article key={a?.id ?? i} className="preview-card">
          <header className="preview-head">
            <strong>{a?.name ?? 'No account chosen'}</strong>
            {a?.handle ? <span className="hint">@{a.handle.replace(/^@/, '')}</span> : null}
          </header>
          <div className="preview-text">{text || <span className="hint">Nothing written yet.</span>}</div>
          <footer className="hint">{at ? `${formatInZone(at, timeZone)} (${timeZone})` : 'No time set: a draft.'}</footer>
        </article>
      ))}
      {targets.length > 3 ? <p className="hint">…and {targets.length - 3} more accounts.</p> : null}
    </section>
  );
}
