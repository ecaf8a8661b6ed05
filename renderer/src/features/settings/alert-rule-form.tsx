import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { alertRuleSchema, SEVERITIES, type ChannelView } from '../../../../shared/alerts';
import { checkQuery } from '../../../../shared/listen';
import { rpc } from '../../api/rpc';
import { FormError } from '../../components/form-error';
import { QueryEditor } from '../../components/query-editor/query-editor';
import { useTopicsInView } from '../../db/use-topics';
import { useAction } from '../../lib/use-action';
import { checkDraft, draftOf, fieldOf, issueText, ruleInputOf, RULE_KINDS, type DraftField, type RuleDraft } from './alert-rule-draft';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * One alert rule as a form: the fields its kind has, each with the schema's error under it (the
 * server checks the same schema again), the query fields in the query editor, and the same rule
 * as JSON under "Advanced", kept in step both ways.
 */
export function AlertRuleForm(props: { initial: RuleDraft; isNew: boolean; channels: readonly ChannelView[]; timeZone: string; onDone(): void }) {
  const [draft, setDraft] = useState(props.initial);
  const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [json, setJson] = useState<{ text: string; error: string | null } | null>(null);
  const act = useAction();
  const topics = useTopicsInView();
  const checked = useMemo(() => checkDraft(draft), [draft]);
  const shown = (f: DraftField) => (submitted || touched.has(f) ? (checked.errors[f] ?? null) : null);
  const set = <K extends DraftField>(f: K, v: RuleDraft[K]) => {
    setDraft((d) => ({ ...d, [f]: v }));
    setTouched((t) => new Set(t).add(f));
    setJson(null);
  };
  const kind = draft.kind;

  const editJson = (text: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return setJson({ text, error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
    }
    const r = alertRuleSchema.safeParse(parsed);
    if (!r.success) {
      const i = r.error.issues[0]!;
      return setJson({ text, error: `Not applied to the form: ${i.path.join('.') || fieldOf(i.path, draft)}: ${issueText(i)}` });
    }
    if (!props.isNew && r.data.id !== draft.id) return setJson({ text, error: 'Not applied: a saved rule keeps its id (create a new rule for another one)' });
    setDraft(draftOf(r.data, props.timeZone));
    setJson({ text, error: null });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!checked.rule) return;
    const rule = checked.rule;
    if (await act.run(() => rpc('alerts.rules.save', { rule }))) props.onDone();
  };

  const text = (f: DraftField, label: string, hint?: string, type: 'text' | 'number' = 'text') => (
    <Field field={f} label={label} hint={hint} error={shown(f)}>
      {(id, describedBy) => (
        <input id={id} type={type} step="any" value={draft[f] as string} aria-invalid={shown(f) !== null} aria-describedby={describedBy} data-testid={`rule-${f}`} onChange={(e) => set(f, e.target.value as never)} />
      )}
    </Field>
  );
  const lines = (f: DraftField, label: string, hint: string) => (
    <Field field={f} label={label} hint={hint} error={shown(f)}>
      {(id, describedBy) => <textarea id={id} rows={3} value={draft[f] as string} aria-invalid={shown(f) !== null} aria-describedby={describedBy} data-testid={`rule-${f}`} onChange={(e) => set(f, e.target.value as never)} />}
    </Field>
  );
  const query = (f: 'query' | 'targetQuery', label: string) => (
    <div className="rule-field">
      <QueryEditor label={label} value={draft[f]} onChange={(v) => set(f, v)} topics={topics} testId={`rule-${f}`} />
      {/* Parse errors show in the editor itself, at their position; the schema's (empty, too long) here. */}
      {shown(f) && !(draft[f].trim() && checkQuery(draft[f])) ? <FieldError id={`rule-${f}-error`} field={f} error={shown(f)!} /> : null}
    </div>
  );
  const select = <K extends DraftField>(f: K, label: string, options: ReadonlyArray<readonly [string, string]>) => (
    <Field field={f} label={label} error={shown(f)}>
      {(id) => (
        <select id={id} value={draft[f] as string} data-testid={`rule-${f}`} onChange={(e) => set(f, e.target.value as RuleDraft[K])}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const severities = SEVERITIES.map((s) => [s, s] as const);

  return (
    <form className="rule-form" data-testid="rule-form" noValidate onSubmit={(e) => void save(e)}>
      {props.isNew ? (
        select('kind', 'Kind', RULE_KINDS.map((k) => [k.kind, k.label] as const))
      ) : (
        <p>
          <strong>{RULE_KINDS.find((k) => k.kind === kind)?.label}</strong> <span className="hint">id {draft.id}</span>
        </p>
      )}
      <p className="hint">Raises an alert when {RULE_KINDS.find((k) => k.kind === kind)?.what}. Crisis alerts also suggest a publishing freeze.</p>
      {text('name', 'Name')}
      {props.isNew ? text('id', 'Id', 'how channels, logs and the JSON name it; cannot change later') : null}
      {select('severity', 'Severity', severities)}

      {kind === 'query_match' ? query('query', 'Query') : null}
      {kind === 'volume_spike' || kind === 'sentiment_drop' ? (
        <fieldset>
          <legend>Watches</legend>
          {select('targetKind', 'What', [
            ['all', 'everything'],
            ['topic', 'trending topics'],
            ['query', 'posts matching a query'],
          ])}
          {draft.targetKind === 'topic' ? text('targetTerm', 'Only the topic with this term (optional)') : null}
          {draft.targetKind === 'query' ? query('targetQuery', 'Query') : null}
        </fieldset>
      ) : null}
      {kind === 'volume_spike' ? (
        <>
          {select('measure', 'Measure', [
            ['significance', 'significance (how unusual, in standard deviations)'],
            ['ratio', 'ratio to the usual level'],
          ])}
          {text('threshold', 'Threshold', draft.measure === 'ratio' ? 'e.g. 3 = three times the usual volume' : 'e.g. 3; higher is rarer', 'number')}
          {text('minCount', 'Minimum posts in the epoch', undefined, 'number')}
        </>
      ) : null}
      {kind === 'sentiment_drop' ? (
        <>
          {text('drop', 'Drop below the usual mood', 'on the −1 … 1 scale, e.g. 0.3', 'number')}
          {text('below', 'Or below this floor (optional)', 'e.g. -0.4', 'number')}
          {text('minCount', 'Minimum posts with a sentiment in the epoch', undefined, 'number')}
        </>
      ) : null}
      {kind === 'author' ? (
        <>
          {lines('handles', 'VIP handles', 'one per line, as the platform shows them: name@instance')}
          {text('minFollowers', 'Or authors with at least this many followers (optional)', 'stored posts carry no follower count yet, so for now only the handles fire', 'number')}
        </>
      ) : null}
      {kind === 'brand_trend' ? (
        <>
          {lines('brandTerms', 'Brand names and hashtags', 'one per line, e.g. kettlebird and #kettlebird')}
          {text('minCooccurrence', 'Posts with both the term and the brand', undefined, 'number')}
          {text('threshold', 'Significance threshold', undefined, 'number')}
        </>
      ) : null}
      {kind === 'sensitive_event' ? (
        <>
          {lines('terms', 'News words', 'one per line (words or two-word phrases, any of the four languages)')}
          {text('threshold', 'Significance threshold', undefined, 'number')}
          {text('minCount', 'Minimum posts in the epoch', undefined, 'number')}
        </>
      ) : null}

      <fieldset>
        <legend>Not too often</legend>
        {text('cooldownMinutes', 'Cooldown (minutes)', 'after an alert, the rule stays silent about the same subject this long (dedupe)', 'number')}
        <label>
          <input type="checkbox" checked={draft.quiet} data-testid="rule-quiet" onChange={(e) => set('quiet', e.target.checked)} /> Quiet hours (listed in the app, not pushed)
        </label>
        {draft.quiet ? (
          <div className="rule-quiet">
            {text('quietStart', 'From (HH:MM)')}
            {text('quietEnd', 'To (HH:MM)')}
            {text('quietTimeZone', 'Time zone', 'e.g. Europe/Berlin')}
            <Field field="quietDays" label="Days (none ticked: every day)" error={shown('quietDays')} group>
              {() => (
                <span className="rule-days">
                  {DAYS.map((day, n) => (
                    <label key={day}>
                      <input type="checkbox" checked={draft.quietDays.includes(n)} onChange={(e) => set('quietDays', e.target.checked ? [...draft.quietDays, n] : draft.quietDays.filter((x) => x !== n))} /> {day}
                    </label>
                  ))}
                </span>
              )}
            </Field>
            {select('breakThrough', 'Still push alerts this severe', severities)}
          </div>
        ) : null}
      </fieldset>

      <Field field="channels" label="Also push to" hint={props.channels.length === 0 ? 'no channels yet: add one under Alert channels' : 'the in-app list always gets it'} error={shown('channels')} group>
        {() => (
          <span className="rule-channels">
            {props.channels.map((c) => (
              <label key={c.id}>
                <input type="checkbox" checked={draft.channels.includes(c.id)} onChange={(e) => set('channels', e.target.checked ? [...draft.channels, c.id] : draft.channels.filter((x) => x !== c.id))} /> {c.name}
              </label>
            ))}
          </span>
        )}
      </Field>
      <label>
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} /> On
      </label>

      <details className="rule-advanced">
        <summary>Advanced: the rule as JSON</summary>
        <textarea aria-label="Rule (JSON)" data-testid="rule-json" rows={12} spellCheck={false} value={json?.text ?? JSON.stringify(ruleInputOf(draft), null, 2)} onChange={(e) => editJson(e.target.value)} />
        <FormError error={json?.error} />
      </details>

      {submitted && checked.errors.form ? <FormError error={checked.errors.form} /> : null}
      {submitted && !checked.rule ? <FormError error="Fix the fields marked above, then save again." /> : null}
      <FormError error={act.error} />
      <div className="rule-actions">
        <button type="submit" disabled={act.busy} data-testid="rule-save">
          Save rule
        </button>
        <button type="button" className="secondary" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A label, the control, a hint and the field's error. `group`: a row of checkboxes, each with its own label. */
function Field(props: { field: DraftField; label: string; hint?: string | undefined; error: string | null; group?: boolean; children(id: string, describedBy: string | undefined): ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="rule-field" role={props.group ? 'group' : undefined} aria-labelledby={props.group ? `${id}-label` : undefined}>
      {props.group ? (
        <span className="rule-label" id={`${id}-label`}>
          {props.label}
        </span>
      ) : (
        <label htmlFor={id}>{props.label}</label>
      )}
      {props.children(id, props.error ? errorId : undefined)}
      {props.hint ? <span className="hint">{props.hint}</span> : null}
      {props.error ? <FieldError id={errorId} field={props.field} error={props.error} /> : null}
    </div>
  );
}

function FieldError({ id, field, error }: { id: string; field: DraftField; error: string }) {
  return (
    <span className="form-error field-error" id={id} data-testid={`rule-${field}-error`}>
      {error}
    </span>
  );
}
