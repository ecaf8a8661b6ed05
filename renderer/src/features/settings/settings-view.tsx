import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { UserInfo } from '../../../../shared/domain';
import { ROLES, type Role } from '../../../../shared/roles';
import { rpc } from '../../api/rpc';
import { may } from '../../lib/permissions';
import { useAction } from '../../lib/use-action';
import { useApp } from '../../store/app-store';
import { TopicsSettings } from './topics-settings';
import { useRoute } from '../../lib/route';
import { QUEUE_SETTINGS_TABS } from './queue/queue-settings-tabs';
import { AlertSettings } from './alert-settings';
import { FormError } from '../../components/form-error';
import './settings.css';

/** A token that exists in plain text only in this answer: shown once, with who it is for. */
interface FreshToken {
  name: string;
  token: string;
  why: 'added' | 'rotated';
}

const ROLE_HELP: Record<Role, string> = {
  admin: 'everything, including sources, accounts and users',
  crisis: 'freezes and lifts publishing',
  lead: 'approves and releases posts, reads the audit trail',
  agent: 'writes posts and answers conversations',
  wall: 'read-only: the screen in the team room',
};

/** Settings: a tab per area. Users (admins); Topics (leads, issue 10); Alert rules and channels (leads, issue 11); Teams, Triage rules, SLA (leads, issue 12). */
export function SettingsView() {
  const me = useApp((s) => s.user);
  const route = useRoute();
  if (me === null) return <p className="panel panel-empty">Connecting…</p>;
  const tabs = [
    ...(may(me.role, 'users.list') ? [{ id: 'users', label: 'Users', view: () => <UsersPanel me={me.name} /> }] : []),
    ...(may(me.role, 'topics.save') ? [{ id: 'topics', label: 'Topics', view: () => <TopicsSettings /> }] : []),
    ...(may(me.role, 'alerts.rules.list') ? [{ id: 'alerts', label: 'Alerts', view: () => <AlertSettings /> }] : []),
    ...(may(me.role, 'rules.save') ? QUEUE_SETTINGS_TABS.map((t) => ({ id: t.id as string, label: t.label as string, view: () => t.view(me.role) })) : []),
  ];
  if (tabs.length === 0) return <p className="panel notice">Only admins manage users and tokens, and leads the topics, the alerts and the queue’s teams, rules and SLAs.</p>;
  const current = tabs.find((t) => t.id === route.params.get('tab')) ?? tabs[0]!;
  return (
    <>
      <nav className="settings-tabs" aria-label="Settings areas">
        {tabs.map((t) => (
          <a key={t.id} href={`#/settings?tab=${t.id}`} aria-current={t.id === current.id ? 'page' : undefined} data-testid={`settings-tab-${t.id}`}>
            {t.label}
          </a>
        ))}
      </nav>
      {current.view()}
    </>
  );
}

function UsersPanel({ me }: { me: string }) {
  const [users, setUsers] = useState<UserInfo[] | null>(null);
  const [fresh, setFresh] = useState<FreshToken | null>(null);
  const load = useAction();
  const signIn = useApp((s) => s.signIn);

  const refresh = useCallback(async () => {
    const r = await load.run(() => rpc('users.list', {}));
    if (r) setUsers(r.users);
  }, [load.run]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const rotated = (name: string, token: string) => {
    setFresh({ name, token, why: 'rotated' });
    // Our own token changed: the hub has just ended this session; carry on with the new one.
    if (name === me) signIn(token);
    void refresh();
  };

  return (
    <section className="panel users-panel" data-testid="users-panel">
      <h2>Users</h2>
      <p className="hint">
        A token is shown once, when it is created. Rotating a token or removing a user signs out every screen that used it, at once.
      </p>
      {fresh ? <FreshTokenBox fresh={fresh} onDone={() => setFresh(null)} /> : null}
      <FormError error={load.error} />
      {users === null ? (
        <p className="panel-empty">Loading users…</p>
      ) : (
        <table className="users-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.name} user={u} me={me} onRotated={rotated} onRemoved={() => void refresh()} />
            ))}
          </tbody>
        </table>
      )}
      <AddUserForm
        onAdded={(name, token) => {
          setFresh({ name, token, why: 'added' });
          void refresh();
        }}
      />
    </section>
  );
}

function UserRow({ user, me, onRotated, onRemoved }: { user: UserInfo; me: string; onRotated(name: string, token: string): void; onRemoved(): void }) {
  const [confirm, setConfirm] = useState<'rotate' | 'remove' | null>(null);
  const act = useAction();
  const self = user.name === me;

  async function rotate() {
    const r = await act.run(() => rpc('users.rotate', { name: user.name }));
    setConfirm(null);
    if (r) onRotated(user.name, r.token);
  }
  async function remove() {
    const r = await act.run(() => rpc('users.remove', { name: user.name }));
    setConfirm(null);
    if (r) onRemoved();
  }

  return (
    <tr data-testid="user-row" data-user={user.name}>
      <td>
        {user.name}
        {self ? <span className="hint"> (you)</span> : null}
      </td>
      <td title={ROLE_HELP[user.role]}>{user.role}</td>
      <td className="nowrap">{user.createdAt.slice(0, 10)}</td>
      <td>
        <div className="actions">
          {confirm === null ? (
            <>
              <button type="button" className="secondary" data-testid="user-rotate" onClick={() => setConfirm('rotate')} disabled={act.busy}>
                Rotate token
              </button>
              <button type="button" className="danger" data-testid="user-remove" onClick={() => setConfirm('remove')} disabled={act.busy}>
                Remove
              </button>
            </>
          ) : (
            <>
              <span>
                {confirm === 'rotate'
                  ? `${self ? 'Your' : `${user.name}'s`} current token stops working and ${self ? 'your other screens are' : 'their screens are'} signed out.`
                  : `${user.name} is removed and ${self ? 'you are' : 'their screens are'} signed out at once.`}
              </span>
              <button type="button" className={confirm === 'remove' ? 'danger' : ''} data-testid="user-confirm" onClick={() => void (confirm === 'rotate' ? rotate() : remove())} disabled={act.busy}>
                {confirm === 'rotate' ? 'Rotate' : 'Remove'}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirm(null)} disabled={act.busy}>
                Cancel
              </button>
            </>
          )}
          <FormError error={act.error} as="span" />
        </div>
      </td>
    </tr>
  );
}

function AddUserForm({ onAdded }: { onAdded(name: string, token: string): void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const act = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await act.run(() => rpc('users.add', { name: name.trim(), role }));
    if (!r) return;
    setName('');
    onAdded(r.user.name, r.token);
  }

  return (
    <form className="add-user" onSubmit={submit}>
      <label className="field">
        <span>New user</span>
        <input data-testid="user-name" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} placeholder="e.g. dana" autoComplete="off" spellCheck={false} />
      </label>
      <label className="field">
        <span>Role</span>
        <select data-testid="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r} — {ROLE_HELP[r]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="user-add" disabled={act.busy || name.trim() === ''}>
        Add user
      </button>
      <FormError error={act.error} />
    </form>
  );
}

function FreshTokenBox({ fresh, onDone }: { fresh: FreshToken; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(fresh.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="notice fresh-token" data-testid="fresh-token" data-user={fresh.name}>
      <p>
        {fresh.why === 'added' ? `${fresh.name}'s token` : `${fresh.name}'s new token`} — shown this once; give it to {fresh.name} over a private channel.
      </p>
      <code data-testid="fresh-token-value">{fresh.token}</code>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
