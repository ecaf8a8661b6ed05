import { useState, type FormEvent } from 'react';
import { SEVERITIES, WEBHOOK_FORMATS, type AlertRule, type AlertRuleKind, type Severity } from '../../../../shared/alerts';
import type { Params } from '../../../../shared/methods';
import { rpc } from '../../api/rpc';
import { useAction } from '../../lib/use-action';
import { useMethod } from '../../lib/use-method';
import { FormError } from '../../components/form-error';

/** A starting point per kind: the server fills in the defaults it doesn't name. */
const TEMPLATES: Record<AlertRuleKind, Record<string, unknown>> = {
  query_match: { kind: 'query_match', query: '"refund" OR "charged twice"' },
  volume_spike: { kind: 'volume_spike', target: { kind: 'all' }, measure: 'significance', threshold: 4, minCount: 20 },
  sentiment_drop: { kind: 'sentiment_drop', target: { kind: 'all' }, drop: 0.4, minCount: 20 },
  author: { kind: 'author', handles: ['someone@mastodon.example'], minFollowers: null },
  brand_trend: { kind: 'brand_trend', brandTerms: ['kettlebird', '#kettlebird'], minCooccurrence: 3, threshold: 3 },
  sensitive_event: { kind: 'sensitive_event', terms: ['earthquake', 'shooting'], threshold: 3, minCount: 5 },
};
const KINDS = Object.keys(TEMPLATES) as AlertRuleKind[];

/** Settings → Alert rules and channels (leads and up): what raises an alert, and where it goes. */
export function AlertSettings() {
  return (
    <section className="panel alert-settings" data-testid="alert-settings">
      <h2>Alert rules</h2>
      <RulesEditor />
      <h2>Alert channels</h2>
      <ChannelsEditor />
      <h2>Failed deliveries</h2>
      <DeadLetters />
    </section>
  );
}

function RulesEditor() {
  const rules = useMethod('alerts.rules.list', {}, ['alert_rule.saved'], 60_000);
  const [editing, setEditing] = useState<string | null>(null);
  const [kind, setKind] = useState<AlertRuleKind>('query_match');
  const blank = (k: AlertRuleKind) =>
    JSON.stringify({ id: `rule-${Date.now().toString(36)}`, name: 'New rule', severity: 'warning', cooldownMinutes: 30, channels: [], ...TEMPLATES[k] }, null, 2);
  return (
    <>
      <p className="hint">A rule is JSON: its kind says what it watches. Crisis-severity alerts also suggest a publishing freeze.</p>
      {rules.data?.invalid.length ? <p className="form-error">Stored rules that no longer parse: {rules.data.invalid.map((r) => `${r.id} (${r.reason})`).join('; ')}</p> : null}
      <ul className="rules-list">
        {(rules.data?.rules ?? []).map((r) => (
          <li key={r.id} data-testid="alert-rule" data-rule-id={r.id}>
            <strong>{r.name}</strong> <span className="hint">{r.kind} · {r.severity} · {r.enabled ? 'on' : 'off'}</span>
            {rules.data?.errors[r.id] ? <span className="form-error"> {rules.data.errors[r.id]}</span> : null}{' '}
            <button type="button" className="link-button" onClick={() => setEditing(JSON.stringify(r, null, 2))}>
              Edit
            </button>
            <ToggleRule rule={r} />
          </li>
        ))}
      </ul>
      <div className="rule-new">
        <select value={kind} onChange={(e) => setKind(e.target.value as AlertRuleKind)} aria-label="Kind of rule">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k.replace('_', ' ')}
            </option>
          ))}
        </select>{' '}
        <button type="button" className="secondary" onClick={() => setEditing(blank(kind))}>
          New rule
        </button>
      </div>
      {editing !== null ? <RuleJson key={editing} initial={editing} onDone={() => setEditing(null)} /> : null}
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
      {act.error ? <span className="form-error"> {act.error}</span> : null}
    </>
  );
}

function RuleJson({ initial, onDone }: { initial: string; onDone: () => void }) {
  const [text, setText] = useState(initial);
  const [parseError, setParseError] = useState<string | null>(null);
  const act = useAction();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    let rule: unknown;
    try {
      rule = JSON.parse(text);
    } catch (err) {
      setParseError(`Not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    setParseError(null);
    const r = await act.run(() => rpc('alerts.rules.save', { rule } as Params<'alerts.rules.save'>));
    if (r) onDone();
  };
  return (
    <form className="rule-json" onSubmit={(e) => void save(e)}>
      <textarea value={text} onChange={(e) => setText(e.target.value)} rows={14} spellCheck={false} aria-label="Rule (JSON)" />
      <SaveOrCancel error={parseError ?? act.error} busy={act.busy} label="Save rule" onCancel={onDone} />
    </form>
  );
}

function ChannelsEditor() {
  const channels = useMethod('alerts.channels.list', {}, ['alert_channel.saved'], 60_000);
  const [adding, setAdding] = useState<'webhook' | 'email' | null>(null);
  return (
    <>
      <p className="hint">Secrets (a webhook's URL, an SMTP password) are stored on the hub and never shown again; leave them empty to keep the stored one.</p>
      <ul className="channels-list">
        {(channels.data?.channels ?? []).map((c) => (
          <li key={c.id} data-testid="alert-channel">
            <strong>{c.name}</strong>{' '}
            <span className="hint">
              {c.kind === 'webhook' ? `${c.format} webhook to ${c.host}` : `email via ${c.host}:${c.port} to ${c.to.join(', ')}`} · {c.minSeverity} and above · {c.enabled ? 'on' : 'off'}
              {c.hasSecret ? '' : ' · no secret stored'} · id {c.id}
            </span>
          </li>
        ))}
      </ul>
      {adding === null ? (
        <>
          <button type="button" className="secondary" onClick={() => setAdding('webhook')}>
            Add a webhook (Slack, Teams, JSON)
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setAdding('email')}>
            Add email (SMTP)
          </button>
        </>
      ) : (
        <ChannelForm kind={adding} onDone={() => setAdding(null)} />
      )}
    </>
  );
}

function ChannelForm({ kind, onDone }: { kind: 'webhook' | 'email'; onDone: () => void }) {
  const act = useAction();
  const [f, setF] = useState<Record<string, string>>({ id: '', name: '', minSeverity: 'warning', format: 'slack', url: '', host: '', port: '587', security: 'starttls', username: '', password: '', from: '', to: '' });
  const field = (k: string, label: string, type = 'text') => (
    <label>
      {label} <input type={type} value={f[k] ?? ''} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </label>
  );
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const common = { id: f.id!.trim(), name: f.name!.trim(), minSeverity: f.minSeverity as Severity };
    const channel =
      kind === 'webhook'
        ? { ...common, kind, format: f.format as (typeof WEBHOOK_FORMATS)[number], ...(f.url ? { url: f.url.trim() } : {}) }
        : {
            ...common,
            kind,
            host: f.host!.trim(),
            port: Number(f.port),
            security: f.security as 'tls' | 'starttls' | 'none',
            username: f.username ? f.username : null,
            ...(f.password ? { password: f.password } : {}),
            from: f.from!.trim(),
            to: f.to!.split(',').map((s) => s.trim()).filter(Boolean),
          };
    const r = await act.run(() => rpc('alerts.channels.save', { channel }));
    if (r) onDone();
  };
  return (
    <form className="channel-form" onSubmit={(e) => void save(e)}>
      {field('id', 'Id (rules name it)')}
      {field('name', 'Name')}
      <label>
        Pushes{' '}
        <select value={f.minSeverity} onChange={(e) => setF({ ...f, minSeverity: e.target.value })}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s} and above
            </option>
          ))}
        </select>
      </label>
      {kind === 'webhook' ? (
        <>
          <label>
            Format{' '}
            <select value={f.format} onChange={(e) => setF({ ...f, format: e.target.value })}>
              {WEBHOOK_FORMATS.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          {field('url', 'Webhook URL', 'password')}
        </>
      ) : (
        <>
          {field('host', 'SMTP host')}
          {field('port', 'Port', 'number')}
          <label>
            Security{' '}
            <select value={f.security} onChange={(e) => setF({ ...f, security: e.target.value })}>
              <option value="starttls">STARTTLS (587)</option>
              <option value="tls">TLS (465)</option>
              <option value="none">none (local relay only)</option>
            </select>
          </label>
          {field('username', 'User name')}
          {field('password', 'Password', 'password')}
          {field('from', 'From')}
          {field('to', 'To (comma-separated)')}
        </>
      )}
      <SaveOrCancel error={act.error} busy={act.busy} label="Save channel" onCancel={onDone} />
    </form>
  );
}

function DeadLetters() {
  const letters = useMethod('alerts.deadLetters.list', { limit: 50 }, ['dead_letter.added', 'dead_letter.removed'], 60_000);
  const act = useAction();
  const list = letters.data?.deadLetters ?? [];
  if (list.length === 0) return <p className="hint">None: every alert reached its channels.</p>;
  return (
    <>
      {act.error ? <p className="form-error">{act.error}</p> : null}
      <ul className="dead-letters">
        {list.map((d) => (
          <li key={d.id} data-testid="dead-letter">
            Channel <strong>{d.channelId}</strong>, alert {d.alertId}: {d.error} <span className="hint">({d.attempts} attempts, last {new Date(d.lastAttemptAt).toLocaleString()})</span>{' '}
            <button type="button" className="secondary" disabled={act.busy} onClick={() => void act.run(() => rpc('alerts.deadLetters.retry', { id: d.id }))}>
              Retry
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A form's error (the hub's words) and its two buttons. */
function SaveOrCancel({ error, busy, label, onCancel }: { error: string | null; busy: boolean; label: string; onCancel: () => void }) {
  return (
    <>
      <FormError error={error} />
      <button type="submit" disabled={busy}>
        {label}
      </button>{' '}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}
