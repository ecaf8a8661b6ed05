import { useCallback, useEffect, useRef } from 'react';
import { methods, type Results } from '../../../../../shared/methods';
import { CANNED_TONES, type CannedTone } from '../../../../../shared/queue';
import { rpc } from '../../../api/rpc';
import { FieldError, FieldErrorsContext, SaveBar } from './field-errors';
import { useLiveSettings } from './use-live-settings';
import { useSettingsForm } from './use-settings-form';
import {
  fromCanned,
  fromGuidelines,
  newCanned,
  newForbidden,
  newRequired,
  previewText,
  toCanned,
  toGuidelines,
  type DraftCanned,
  type DraftForbidden,
  type DraftGuidelines,
  type DraftRequired,
} from './replies-form-model';

// The methods' own params schemas: what the server checks, checked here as the lead types.
const cannedSchema = methods['queue.canned.save'].params;
const guidelinesSchema = methods['queue.guidelines.save'].params;

type Variables = Results['queue.canned.list']['variables'];

/** Settings → Replies: the desk's canned replies and the brand guidelines every reply is checked against. */
export function RepliesSettings({ readOnly }: { readOnly: boolean }) {
  return (
    <>
      <CannedRepliesForm readOnly={readOnly} />
      <GuidelinesForm readOnly={readOnly} />
    </>
  );
}

function CannedRepliesForm({ readOnly }: { readOnly: boolean }) {
  const variables = useRef<Variables>([]);
  const { version, changedElsewhere, stored, track } = useLiveSettings('canned');
  const load = useCallback(
    () =>
      rpc('queue.canned.list', {}).then((r) => {
        variables.current = r.variables;
        stored(toCanned(fromCanned(r.replies)));
        return fromCanned(r.replies);
      }),
    // `version` changes when a save elsewhere is announced: a new load function reloads the form.
    [version, stored],
  );
  const { draft, value, errors, error, notice, edit, save } = useSettingsForm({
    load,
    toValue: toCanned,
    schema: cannedSchema,
    save: async (v: ReturnType<typeof toCanned>) => {
      const d = fromCanned((await rpc('queue.canned.save', cannedSchema.parse(v))).replies);
      stored(toCanned(d));
      return { draft: d };
    },
  });
  useEffect(() => track(value), [value, track]);
  const editReply = (i: number, patch: Partial<DraftCanned>) => edit((d) => d.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <section className="panel" data-testid="canned-settings">
      <h2>Canned replies</h2>
      <p className="hint">
        Agents start a reply from these on the desk. Variables are filled in per conversation:{' '}
        {variables.current.length ? variables.current.map((v) => `{{${v.name}}} ${v.description}`).join(', ') : '{{author}}, {{agent}}'}. {'{{author|there}}'} gives a
        fallback; write \{'{{'} for literal braces. A cheerful reply to an unhappy customer is flagged on the desk.
      </p>
      {draft === null ? (
        <p className="panel-empty">Loading…</p>
      ) : (
        <FieldErrorsContext.Provider value={errors}>
          <fieldset className="sla-form" disabled={readOnly}>
            {draft.length === 0 ? <p className="panel-empty">No canned replies yet.</p> : null}
            {draft.map((r, i) => (
              <CannedCard key={r.key} r={r} i={i} onChange={(patch) => editReply(i, patch)} onRemove={() => edit((d) => d.filter((_, j) => j !== i))} />
            ))}
            <FieldError path="replies" />
            {readOnly ? null : (
              <button type="button" className="secondary" data-testid="canned-add" onClick={() => edit((d) => [...d, newCanned(d.map((x) => x.id))])}>
                Add a canned reply
              </button>
            )}
          </fieldset>
        </FieldErrorsContext.Provider>
      )}
      {changedElsewhere ? (
        <p className="notice" data-testid="canned-changed-elsewhere">
          Someone else saved these while you were editing: saving now replaces their version with yours.
        </p>
      ) : null}
      <SaveBar error={error} notice={notice} readOnly={readOnly} ready={draft !== null} testId="canned-save" label="Save canned replies" onSave={() => void save()} />
    </section>
  );
}

function CannedCard({ r, i, onChange, onRemove }: { r: DraftCanned; i: number; onChange: (patch: Partial<DraftCanned>) => void; onRemove: () => void }) {
  const at = `replies.${i}`;
  const label = `Canned reply ${i + 1}`;
  return (
    <div className="sla-card" data-testid="canned-card" data-canned-id={r.id}>
      <div className="sla-row">
        <label>
          Title <input aria-label={`${label} title`} value={r.name} onChange={(e) => onChange({ name: e.target.value })} />
          <FieldError path={`${at}.name`} />
        </label>
        <label>
          Id <input aria-label={`${label} id`} className="short" value={r.id} onChange={(e) => onChange({ id: e.target.value })} />
          <FieldError path={`${at}.id`} />
        </label>
        <label>
          Tone{' '}
          <select aria-label={`${label} tone`} value={r.tone} onChange={(e) => onChange({ tone: e.target.value as CannedTone })}>
            {CANNED_TONES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Teams <input aria-label={`${label} teams`} placeholder="every team" value={r.teams} onChange={(e) => onChange({ teams: e.target.value })} />
          <FieldError path={`${at}.teams`} deep />
        </label>
        <button type="button" className="link-button" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      <label>
        Text
        <textarea aria-label={`${label} text`} rows={3} value={r.text} onChange={(e) => onChange({ text: e.target.value })} />
        <FieldError path={`${at}.text`} />
      </label>
      <p className="hint" data-testid="canned-preview">
        Preview: {previewText(r.text)}
      </p>
    </div>
  );
}

function GuidelinesForm({ readOnly }: { readOnly: boolean }) {
  const teams = useRef<string[]>([]);
  const { version, changedElsewhere, stored, track } = useLiveSettings('guidelines');
  const load = useCallback(
    () =>
      Promise.all([rpc('queue.guidelines.get', {}), rpc('teams.list', {})]).then(([g, t]) => {
        teams.current = t.teams.map((x) => x.id);
        stored(toGuidelines(fromGuidelines(g.guidelines)));
        return fromGuidelines(g.guidelines);
      }),
    // `version` changes when a save elsewhere is announced: a new load function reloads the form.
    [version, stored],
  );
  const { draft, value, errors, error, notice, edit, save } = useSettingsForm({
    load,
    toValue: toGuidelines,
    schema: guidelinesSchema,
    save: async (v: ReturnType<typeof toGuidelines>) => {
      const d = fromGuidelines((await rpc('queue.guidelines.save', guidelinesSchema.parse(v))).guidelines);
      stored(toGuidelines(d));
      return { draft: d };
    },
  });
  useEffect(() => track(value), [value, track]);
  const editForbidden = (i: number, patch: Partial<DraftForbidden>) => edit((d) => ({ ...d, forbidden: d.forbidden.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  const editRequired = (i: number, patch: Partial<DraftRequired>) => edit((d) => ({ ...d, required: d.required.map((f, j) => (j === i ? { ...f, ...patch } : f)) }));
  const set = (patch: Partial<DraftGuidelines>) => edit((d) => ({ ...d, ...patch }));

  return (
    <section className="panel" data-testid="guidelines-settings">
      <h2>Brand guidelines</h2>
      <p className="hint">Every reply is checked before it is sent: a forbidden phrase or a missing required phrase stops it (the draft stays); tone findings only warn.</p>
      {draft === null ? (
        <p className="panel-empty">Loading…</p>
      ) : (
        <FieldErrorsContext.Provider value={errors}>
          <fieldset className="sla-form" disabled={readOnly}>
            <h3>Forbidden phrases</h3>
            {draft.forbidden.map((f, i) => (
              <div className="sla-row" key={f.key} data-testid="forbidden-row">
                <label>
                  Phrase <input aria-label={`Forbidden phrase ${i + 1}`} value={f.phrase} onChange={(e) => editForbidden(i, { phrase: e.target.value })} />
                  <FieldError path={`forbidden.${i}.phrase`} />
                </label>
                <label>
                  Why, and what instead <input aria-label={`Forbidden phrase ${i + 1} reason`} value={f.reason} onChange={(e) => editForbidden(i, { reason: e.target.value })} />
                  <FieldError path={`forbidden.${i}.reason`} />
                </label>
                <label>
                  Teams <input aria-label={`Forbidden phrase ${i + 1} teams`} placeholder="every team" value={f.teams} onChange={(e) => editForbidden(i, { teams: e.target.value })} />
                  <FieldError path={`forbidden.${i}.teams`} deep />
                </label>
                <button type="button" className="link-button" aria-label={`Remove forbidden phrase ${i + 1}`} onClick={() => edit((d) => ({ ...d, forbidden: d.forbidden.filter((_, j) => j !== i) }))}>
                  Remove
                </button>
              </div>
            ))}
            {readOnly ? null : (
              <button type="button" className="secondary" data-testid="forbidden-add" onClick={() => edit((d) => ({ ...d, forbidden: [...d.forbidden, newForbidden()] }))}>
                Add a forbidden phrase
              </button>
            )}
            <h3>Required phrases per team</h3>
            {draft.required.map((r, i) => (
              <div className="sla-row" key={r.key} data-testid="required-row">
                <label>
                  Team{' '}
                  <select aria-label={`Required phrase ${i + 1} team`} value={r.team} onChange={(e) => editRequired(i, { team: e.target.value })}>
                    {(r.team && !teams.current.includes(r.team) ? [...teams.current, r.team] : teams.current).map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                  <FieldError path={`required.${i}.team`} />
                </label>
                <label>
                  Phrase <input aria-label={`Required phrase ${i + 1}`} placeholder="e.g. a legal disclaimer" value={r.phrase} onChange={(e) => editRequired(i, { phrase: e.target.value })} />
                  <FieldError path={`required.${i}.phrase`} />
                </label>
                <label>
                  Why <input aria-label={`Required phrase ${i + 1} reason`} value={r.reason} onChange={(e) => editRequired(i, { reason: e.target.value })} />
                  <FieldError path={`required.${i}.reason`} />
                </label>
                <button type="button" className="link-button" aria-label={`Remove required phrase ${i + 1}`} onClick={() => edit((d) => ({ ...d, required: d.required.filter((_, j) => j !== i) }))}>
                  Remove
                </button>
              </div>
            ))}
            {readOnly ? null : (
              <button type="button" className="secondary" data-testid="required-add" onClick={() => edit((d) => ({ ...d, required: [...d.required, newRequired(teams.current[0] ?? '')] }))}>
                Add a required phrase
              </button>
            )}
            <h3>Tone warnings</h3>
            <div className="sla-row">
              <label>
                <input type="checkbox" aria-label="Warn about ALL CAPS" checked={draft.allCaps} onChange={(e) => set({ allCaps: e.target.checked })} /> warn about shouting: this many ALL-CAPS words in a row
              </label>
              <label>
                <input aria-label="ALL CAPS words" className="short" type="number" min={2} max={50} disabled={!draft.allCaps} value={draft.allCapsWords} onChange={(e) => set({ allCapsWords: e.target.value })} />
                <FieldError path="tone.allCapsWords" />
              </label>
            </div>
            <div className="sla-row">
              <label>
                <input type="checkbox" aria-label="Warn about a cheerful reply to a negative post" checked={draft.cheerfulToNegative} onChange={(e) => set({ cheerfulToNegative: e.target.checked })} /> warn about a cheerful reply (or
                cheerful canned reply) to a negative post
              </label>
              <label>
                Cheerful markers <input aria-label="Cheerful markers" value={draft.cheerfulMarkers} onChange={(e) => set({ cheerfulMarkers: e.target.value })} />
                <FieldError path="tone.cheerfulMarkers" deep />
              </label>
            </div>
          </fieldset>
        </FieldErrorsContext.Provider>
      )}
      {changedElsewhere ? (
        <p className="notice" data-testid="guidelines-changed-elsewhere">
          Someone else saved these while you were editing: saving now replaces their version with yours.
        </p>
      ) : null}
      <SaveBar error={error} notice={notice} readOnly={readOnly} ready={draft !== null} testId="guidelines-save" label="Save guidelines" onSave={() => void save()} />
    </section>
  );
}
