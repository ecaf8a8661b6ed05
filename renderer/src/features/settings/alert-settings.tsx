import { useState, type FormEvent } from 'react';
import { SEVERITIES, WEBHOOK_FORMATS, type Severity } from '../../../../shared/alerts';
import { rpc } from '../../api/rpc';
import { useAction } from '../../lib/use-action';
import { useMethod } from '../../lib/use-method';
import { FormError } from '../../components/form-error';
import { AlertRulesEditor } from './alert-rules-editor';

/** Settings → Alert rules and channels (leads and up): what raises an alert, and where it goes. */
export function AlertSettings() {
  return (
    <section className="panel alert-settings" data-testid="alert-settings">
      <h2>Alert rules</h2>
      <AlertRulesEditor />
      <h2>Alert channels</h2>
      <ChannelsEditor />
      <h2>Failed deliveries</h2>
      <DeadLetters />
    </section>
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
