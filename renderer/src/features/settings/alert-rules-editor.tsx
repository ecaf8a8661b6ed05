import { useState } from 'react';
import type { AlertRule } from '../../../../shared/alerts';
import { rpc } from '../../api/rpc';
import { FormError } from '../../components/form-error';
import { useAction } from '../../lib/use-action';
import { useMethod } from '../../lib/use-method';
import { draftOf, newDraft, type RuleDraft } from './alert-rule-draft';
import { AlertRuleForm } from './alert-rule-form';

const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Settings → Alerts → rules (leads and up): the list (live), a form per rule, turning off and removing. */
export function AlertRulesEditor() {
  const rules = useMethod('alerts.rules.list', {}, ['alert_rule.saved', 'alert_rule.removed'], 60_000);
  const channels = useMethod('alerts.channels.list', {}, ['alert_channel.saved'], 60_000);
  const [editing, setEditing] = useState<{ draft: RuleDraft; isNew: boolean; key: number } | null>(null);
  const zone = localZone();
  return (
    <>
      <p className="hint">Each rule watches one thing (its kind) and raises an alert of its severity. Crisis-severity alerts also suggest a publishing freeze.</p>
      {rules.data?.invalid.length ? <p className="form-error">Stored rules that no longer parse: {rules.data.invalid.map((r) => `${r.id} (${r.reason})`).join('; ')}</p> : null}
      <ul className="rules-list">
        {(rules.data?.rules ?? []).map((r) => (
          <li key={r.id} data-testid="alert-rule" data-rule-id={r.id}>
            <strong>{r.name}</strong> <span className="hint">{r.kind.replace('_', ' ')} · {r.severity} · {r.enabled ? 'on' : 'off'}</span>
            {rules.data?.errors[r.id] ? <span className="form-error"> {rules.data.errors[r.id]}</span> : null}
            <span className="rule-actions">
              <button type="button" className="link-button" data-testid="rule-edit" onClick={() => setEditing({ draft: draftOf(r, zone), isNew: false, key: Date.now() })}>
                Edit
              </button>
              <ToggleRule rule={r} />
              <RemoveRule rule={r} onRemoved={() => setEditing((e) => (e && !e.isNew && e.draft.id === r.id ? null : e))} />
            </span>
          </li>
        ))}
      </ul>
      {editing === null ? (
        <button type="button" className="secondary" data-testid="rule-new" onClick={() => setEditing({ draft: newDraft('query_match', Date.now(), zone), isNew: true, key: Date.now() })}>
          New rule
        </button>
      ) : (
        <>
          <h3>{editing.isNew ? 'New rule' : `Edit “${editing.draft.name}”`}</h3>
          <AlertRuleForm key={editing.key} initial={editing.draft} isNew={editing.isNew} channels={channels.data?.channels ?? []} timeZone={zone} onDone={() => setEditing(null)} />
        </>
      )}
    </>
  );
}

function ToggleRule({ rule }: { rule: AlertRule }) {
  const act = useAction();
  return (
    <>
      <button type="button" className="link-button" disabled={act.busy} onClick={() => void act.run(() => rpc('alerts.rules.save', { rule: { ...rule, enabled: !rule.enabled } }))}>
        {rule.enabled ? 'Turn off' : 'Turn on'}
      </button>
      <FormError error={act.error} as="span" />
    </>
  );
}

/** Removing asks first: a removed rule is gone for good (its past alerts stay listed; the audit log keeps the rule). */
function RemoveRule({ rule, onRemoved }: { rule: AlertRule; onRemoved(): void }) {
  const [asking, setAsking] = useState(false);
  const act = useAction();
  if (!asking) {
    return (
      <button type="button" className="link-button" data-testid="rule-remove" onClick={() => setAsking(true)}>
        Remove
      </button>
    );
  }
  const remove = async () => {
    if (await act.run(() => rpc('alerts.rules.remove', { id: rule.id }))) onRemoved();
  };
  return (
    <span className="rule-remove-confirm" role="group" aria-label={`Remove ${rule.name}?`}>
      {' '}
      Remove “{rule.name}” for good? Its past alerts stay listed.{' '}
      <button type="button" className="danger" data-testid="rule-remove-confirm" disabled={act.busy} onClick={() => void remove()}>
        Remove
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Keep
      </button>
      <FormError error={act.error} as="span" />
    </span>
  );
}
