import { useCallback, useEffect, useState } from 'react';
import { PRIORITIES, triageConfigSchema, type TriageConfigInput, type TriageField } from '../../../../../shared/queue';
import { rpc } from '../../../api/rpc';
import { errorsUnder, FieldError, FieldErrorsContext, SaveBar } from './field-errors';
import { useSettingsForm } from './use-settings-form';
import { RuleTester } from './rule-tester';
import { CONDITION_FIELDS, conditionKind, ENUM_VALUES, fromConfig, moveRule, newCondition, newRule, toConfig, type DraftCondition, type DraftRoute, type DraftRule } from './triage-form-model';

/** Settings → Triage rules: ordered rules (conditions → team, priority, tags, SLA), the default route, the VIP list, and the rule tester beside them. */
export function TriageRulesSettings({ readOnly }: { readOnly: boolean }) {
  const [teams, setTeams] = useState<string[]>([]);
  const [policies, setPolicies] = useState<string[]>([]);
  const load = useCallback(() => rpc('rules.list', {}).then((r) => fromConfig(r.config)), []);
  const { draft, value: config, errors, error, notice, edit, save } = useSettingsForm({
    load,
    toValue: toConfig,
    schema: triageConfigSchema,
    save: async (config: TriageConfigInput) => {
      const saved = await rpc('rules.save', { config });
      return { draft: fromConfig(saved.config), ...(saved.warnings.length ? { notice: `Saved, with warnings: ${saved.warnings.map((w) => w.message).join('; ')}` } : {}) };
    },
  });
  useEffect(() => {
    rpc('teams.list', {}).then((r) => setTeams(r.teams.map((t) => t.id)), () => undefined);
    rpc('sla.list', {}).then((r) => setPolicies(r.policies.map((p) => p.id)), () => undefined);
  }, []);
  const editRule = (i: number, patch: Partial<DraftRule>) => edit((d) => ({ ...d, rules: d.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  return (
    <section className="panel" data-testid="triage-rules-settings">
      <h2>Triage rules</h2>
      <p className="hint">
        Rules run top to bottom; the first that matches decides. A rule marked “keep looking” applies and lets later rules add tags and fill what it left unset. Whatever no rule
        sets comes from the default route.
      </p>
      {draft === null ? (
        <p className="panel-empty">Loading…</p>
      ) : (
        <FieldErrorsContext.Provider value={errors}>
          <fieldset className="triage-form" disabled={readOnly}>
            <ol className="triage-rules">
              {draft.rules.map((r, i) => (
                <RuleCard
                  key={r.key}
                  rule={r}
                  index={i}
                  count={draft.rules.length}
                  teams={teams}
                  policies={policies}
                  errorCount={errorsUnder(errors, `rules.${i}`)}
                  onChange={(patch) => editRule(i, patch)}
                  onMove={(delta) => edit((d) => ({ ...d, rules: moveRule(d.rules, i, delta) }))}
                  onRemove={() => edit((d) => ({ ...d, rules: d.rules.filter((_, j) => j !== i) }))}
                />
              ))}
            </ol>
            {readOnly ? null : (
              <button type="button" className="secondary" data-testid="rule-add" onClick={() => edit((d) => ({ ...d, rules: [...d.rules, newRule(d.rules.map((x) => x.id))] }))}>
                Add a rule
              </button>
            )}
            <fieldset className="triage-default" data-testid="default-route">
              <legend>Default route (whatever no rule set)</legend>
              <RouteFields prefix="defaultRoute" route={draft.defaultRoute} teams={teams} policies={policies} required onChange={(patch) => edit((d) => ({ ...d, defaultRoute: { ...d.defaultRoute, ...patch } }))} />
            </fieldset>
            <label className="triage-vip">
              VIP list (one handle a line, for the “VIP list” condition)
              <textarea aria-label="VIP handles" rows={3} value={draft.vip} onChange={(e) => edit((d) => ({ ...d, vip: e.target.value }))} />
            </label>
            <FieldError path="vip" deep />
          </fieldset>
        </FieldErrorsContext.Provider>
      )}
      <SaveBar error={error} notice={notice} readOnly={readOnly} ready={draft !== null} testId="rules-save" label="Save rules" onSave={() => void save()} />
      {config ? <RuleTester config={config} /> : null}
    </section>
  );
}

function RuleCard(props: {
  rule: DraftRule;
  index: number;
  count: number;
  teams: string[];
  policies: string[];
  errorCount: number;
  onChange: (patch: Partial<DraftRule>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { rule: r, index: i, onChange } = props;
  const p = `rules.${i}`;
  const setCondition = (j: number, patch: Partial<DraftCondition>) => onChange({ when: r.when.map((c, k) => (k === j ? { ...c, ...patch } : c)) });
  return (
    <li className={`triage-rule${props.errorCount ? ' has-errors' : ''}`} data-testid="rule-card" data-rule-id={r.id}>
      <div className="triage-rule-head">
        <span className="triage-rule-number">{i + 1}.</span>
        <label>
          Name <input aria-label={`Rule ${i + 1} name`} value={r.name} onChange={(e) => onChange({ name: e.target.value })} />
        </label>
        <label>
          Id <input aria-label={`Rule ${i + 1} id`} className="short" value={r.id} onChange={(e) => onChange({ id: e.target.value })} />
        </label>
        <label>
          <input type="checkbox" checked={r.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} /> on
        </label>
        <label title="Apply this rule and keep looking: later rules add tags and fill what it left unset">
          <input type="checkbox" checked={r.continue} onChange={(e) => onChange({ continue: e.target.checked })} /> keep looking
        </label>
        <span className="triage-rule-order">
          <button type="button" className="link-button" aria-label={`Move rule ${i + 1} up`} disabled={i === 0} onClick={() => props.onMove(-1)}>
            ↑
          </button>
          <button type="button" className="link-button" aria-label={`Move rule ${i + 1} down`} disabled={i === props.count - 1} onClick={() => props.onMove(1)}>
            ↓
          </button>
          <button type="button" className="link-button" aria-label={`Remove rule ${i + 1}`} onClick={props.onRemove}>
            Remove
          </button>
        </span>
      </div>
      <FieldError path={`${p}.name`} />
      <FieldError path={`${p}.id`} />
      <FieldError path={p} />
      <div className="triage-when">
        <strong>When</strong> {r.when.length === 0 ? <span className="hint">every message (no conditions)</span> : <span className="hint">all of these hold:</span>}
        <ul>
          {r.when.map((c, j) => (
            <ConditionRow key={j} c={c} path={`${p}.when.${j}`} label={`Rule ${i + 1} condition ${j + 1}`} onChange={(patch) => setCondition(j, patch)} onRemove={() => onChange({ when: r.when.filter((_, k) => k !== j) })} />
          ))}
        </ul>
        <button type="button" className="link-button" onClick={() => onChange({ when: [...r.when, newCondition()] })}>
          + condition
        </button>
      </div>
      <div className="triage-then">
        <strong>Then</strong>
        <RouteFields prefix={`${p}.then`} route={r} teams={props.teams} policies={props.policies} onChange={onChange} />
        <FieldError path={`${p}.then`} />
      </div>
    </li>
  );
}

function ConditionRow({ c, path, label, onChange, onRemove }: { c: DraftCondition; path: string; label: string; onChange: (p: Partial<DraftCondition>) => void; onRemove: () => void }) {
  const kind = conditionKind(c.field);
  return (
    <li className="triage-condition" data-testid="condition-row">
      <select aria-label={`${label} field`} value={c.field} onChange={(e) => onChange({ field: e.target.value as TriageField, values: [], text: '' })}>
        {CONDITION_FIELDS.map((f) => (
          <option key={f.field} value={f.field}>
            {f.label}
          </option>
        ))}
      </select>
      {kind === 'list' || kind === 'enum' ? (
        <select aria-label={`${label} sense`} value={c.not ? 'not' : 'is'} onChange={(e) => onChange({ not: e.target.value === 'not' })}>
          <option value="is">is one of</option>
          <option value="not">is none of</option>
        </select>
      ) : null}
      {kind === 'list' ? (
        <input
          aria-label={`${label} values`}
          value={c.text}
          placeholder={c.field === 'language' ? 'en, de' : c.field === 'urgency' ? 'any cue, or: legal, safety' : 'comma-separated'}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      ) : null}
      {kind === 'enum'
        ? ENUM_VALUES[c.field]!.map((v) => (
            <label key={v} className="triage-check">
              <input type="checkbox" checked={c.values.includes(v)} onChange={(e) => onChange({ values: e.target.checked ? [...c.values, v] : c.values.filter((x) => x !== v) })} /> {v}
            </label>
          ))
        : null}
      {kind === 'reach' ? (
        <label>
          at least <input aria-label={`${label} followers`} className="short" type="number" min={0} value={c.atLeast} onChange={(e) => onChange({ atLeast: e.target.value })} /> followers
        </label>
      ) : null}
      {kind === 'flag' ? (
        <select aria-label={`${label} value`} value={c.is ? 'yes' : 'no'} onChange={(e) => onChange({ is: e.target.value === 'yes' })}>
          <option value="yes">{c.field === 'vip' ? 'author is on it' : 'yes'}</option>
          <option value="no">{c.field === 'vip' ? 'author is not on it' : 'no'}</option>
        </select>
      ) : null}
      <button type="button" className="link-button" aria-label={`Remove ${label.toLowerCase()}`} onClick={onRemove}>
        ×
      </button>
      <FieldError path={`${path}.in`} deep />
      <FieldError path={`${path}.atLeast`} />
      <FieldError path={path} />
    </li>
  );
}

/** Team, priority, SLA policy and tags: a rule's actions, or the default route's. */
function RouteFields(props: { prefix: string; route: DraftRoute; teams: string[]; policies: string[]; required?: boolean; onChange: (p: Partial<DraftRoute>) => void }) {
  const { prefix, route, onChange } = props;
  const label = prefix === 'defaultRoute' ? 'Default' : `Rule ${Number(prefix.split('.')[1]) + 1}`;
  // A saved value the lists don't have (a team removed since) stays visible, so the error next to it makes sense.
  const options = (list: string[], value: string) => (value && !list.includes(value) ? [...list, value] : list);
  return (
    <span className="triage-route">
      <label>
        team{' '}
        <select aria-label={`${label} team`} value={route.team} onChange={(e) => onChange({ team: e.target.value })}>
          <option value="">{props.required ? 'choose a team' : '—'}</option>
          {options(props.teams, route.team).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <FieldError path={`${prefix}.team`} />
      </label>
      <label>
        priority{' '}
        <select aria-label={`${label} priority`} value={route.priority} onChange={(e) => onChange({ priority: e.target.value })}>
          {props.required ? null : <option value="">—</option>}
          {PRIORITIES.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
        <FieldError path={`${prefix}.priority`} />
      </label>
      <label>
        SLA{' '}
        <select aria-label={`${label} SLA policy`} value={route.sla} onChange={(e) => onChange({ sla: e.target.value })}>
          <option value="">{props.required ? 'none' : '—'}</option>
          {options(props.policies, route.sla).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <FieldError path={`${prefix}.sla`} />
      </label>
      <label>
        tags <input aria-label={`${label} tags`} value={route.tags} placeholder="refund, vip" onChange={(e) => onChange({ tags: e.target.value })} />
        <FieldError path={`${prefix}.tags`} deep />
      </label>
    </span>
  );
}
