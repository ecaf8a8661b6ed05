import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { rpc } from '../../api/rpc';
import { may } from '../../lib/permissions';
import { useNow } from '../../lib/use-now';
import { useApp, useRole } from '../../store/app-store';
import { ConversationPane, presenceText, type PaneHandle } from './conversation-pane';
import { deskRows, slaLabel, sortedQueue, type DeskFilter, type DeskTab } from './desk-filter';
import { DeskQueryFilter, useDeskQuery } from './desk-query-filter';
import { LeadView } from './lead-view';
import { useQueueStore } from './queue-store';
import { ShortcutSheet } from './shortcut-sheet';
import { FormError } from '../../components/form-error';
import './desk.css';

const ROW_HEIGHT = 64;
const OVERSCAN = 8;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The agent's desk: my queue, the team queue, filters, keyboard first (j/k, r, e, ?), the conversation pane. */
export function DeskView() {
  const role = useRole();
  const me = useApp((s) => s.user);
  const q = useQueueStore();
  const [filter, setFilter] = useState<Omit<DeskFilter, 'keep'>>({ tab: 'mine', team: '', atRisk: false });
  const [selected, setSelected] = useState<string | null>(null);
  const [sheet, setSheet] = useState(false);
  const [lead, setLead] = useState(false);
  const pane = useRef<PaneHandle>(null);
  const filterRef = useRef<HTMLDivElement>(null);
  const now = useNow(30_000);
  const name = me?.name ?? '';
  const sorted = useMemo(() => sortedQueue(q.conversations.values()), [q.conversations]);
  const deskQuery = useDeskQuery(name, sorted);
  const { keep } = deskQuery;
  const { tab: view, team, atRisk } = filter;
  const rows = useMemo(() => deskRows(sorted, { tab: view, team, atRisk, keep }, name, q.teams), [sorted, view, team, atRisk, keep, name, q.teams]);
  const counts = useMemo(() => {
    const all = { tab: 'mine' as const, keep: null, atRisk: false, team: '' };
    return { mine: deskRows(sorted, all, name, q.teams).length, team: deskRows(sorted, { ...all, tab: 'team' }, name, q.teams).length };
  }, [sorted, name, q.teams]);
  const current = selected ? (q.conversations.get(selected) ?? null) : null;
  const index = current ? rows.findIndex((r) => r.id === current.id) : -1;

  // Online while the desk is open; the conversation on screen is cleared when it closes.
  useEffect(() => {
    if (!may(role, 'presence.set')) return;
    void rpc('presence.set', { status: 'online' }).catch(() => undefined);
    return () => void rpc('presence.set', { conversation: null }).catch(() => undefined);
  }, [role]);

  const select = useCallback((i: number) => {
    const r = rows[Math.max(0, Math.min(rows.length - 1, i))];
    if (r) setSelected(r.id);
  }, [rows]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setSheet(false);
        if (typingIn(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key;
      if (k === '?') setSheet((v) => !v);
      else if (k === 'j') select(index + 1);
      else if (k === 'k') select(index < 0 ? 0 : index - 1);
      else if (k === 'r') pane.current?.focusReply();
      else if (k === 'n') pane.current?.focusNote();
      else if (k === 'e') pane.current?.resolve();
      else if (k === 'c') pane.current?.claim();
      else if (k === '/') filterRef.current?.querySelector('textarea')?.focus();
      else if (k === '1' || k === '2' || k === '3') setFilter((f) => ({ ...f, tab: (['mine', 'team', 'all'] as const)[Number(k) - 1]! }));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, select]);

  if (!may(role, 'queue.list')) {
    return <p className="panel notice">The desk is for agents and leads; this sign-in ({role ?? 'unknown'}) may not answer conversations.</p>;
  }
  const tab = (t: DeskTab, label: string, n?: number) => (
    <button type="button" role="tab" aria-selected={filter.tab === t && !lead} data-testid={`desk-tab-${t}`} onClick={() => (setLead(false), setFilter((f) => ({ ...f, tab: t })))}>
      {label}
      {n !== undefined ? ` (${n})` : ''}
    </button>
  );
  const teamMembers = current ? (q.teams.find((t) => t.id === current.team)?.members.map((m) => m.user) ?? []) : [];
  return (
    <div className="desk" data-testid="desk">
      {q.escalation && may(role, 'queue.assign') ? (
        <p className={`escalation escalation-${q.escalation.state}`} role="alert" data-testid="sla-escalation">
          SLA {q.escalation.state === 'breached' ? 'breached' : 'at risk'}: {q.escalation.conversation.author.name} in {q.escalation.conversation.team} (
          {q.escalation.conversation.assignee ?? 'unassigned'})
        </p>
      ) : null}
      <div className="desk-bar">
        <div role="tablist" aria-label="Queues" className="desk-tabs">
          {tab('mine', 'My queue', counts.mine)}
          {tab('team', 'Team queue', counts.team)}
          {tab('all', 'Everything')}
          {may(role, 'queue.assign') ? (
            <button type="button" role="tab" aria-selected={lead} data-testid="desk-tab-lead" onClick={() => setLead(true)}>
              Lead view
            </button>
          ) : null}
        </div>
        <select aria-label="Team" value={filter.team} onChange={(e) => setFilter((f) => ({ ...f, team: e.target.value }))}>
          <option value="">All teams</option>
          {q.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={filter.atRisk} onChange={(e) => setFilter((f) => ({ ...f, atRisk: e.target.checked }))} /> SLA at risk
        </label>
        <button type="button" className="icon" aria-label="Keyboard shortcuts" onClick={() => setSheet((v) => !v)}>
          ?
        </button>
      </div>
      {lead ? null : <DeskQueryFilter ref={filterRef} query={deskQuery.query} onChange={deskQuery.setQuery} matched={rows.length} />}
      <FormError error={q.error} />
      {sheet ? <ShortcutSheet onClose={() => setSheet(false)} /> : null}
      {lead ? (
        <LeadView snapshot={q} now={now} onOpen={(id) => (setLead(false), setFilter((f) => ({ ...f, tab: 'all' })), setSelected(id))} />
      ) : (
        <div className="desk-main">
          <QueueList rows={rows} selected={current?.id ?? null} onSelect={setSelected} now={now} me={name} presence={q.presence} loaded={q.loaded} tab={filter.tab} />
          {current ? (
            <ConversationPane ref={pane} conversation={current} presence={q.presence} teamMembers={teamMembers} />
          ) : (
            <p className="panel panel-empty conversation-empty">Pick a conversation (j / k), or press ? for the shortcuts.</p>
          )}
        </div>
      )}
    </div>
  );
}

/** A windowed list: only the rows in view (plus a few) are in the DOM, whatever the queue's length. */
function QueueList(props: {
  rows: ReturnType<typeof deskRows>;
  selected: string | null;
  onSelect: (id: string) => void;
  now: number;
  me: string;
  presence: ReturnType<typeof useQueueStore>['presence'];
  loaded: boolean;
  tab: DeskTab;
}) {
  const { rows, selected } = props;
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => setHeight(el.clientHeight || 600));
    ro?.observe(el);
    setHeight(el.clientHeight || 600);
    return () => ro?.disconnect();
  }, []);
  // Keeps the selected row in view as j/k move through the list.
  useEffect(() => {
    const el = box.current;
    const i = rows.findIndex((r) => r.id === selected);
    if (!el || i < 0) return;
    if (i * ROW_HEIGHT < el.scrollTop) el.scrollTop = i * ROW_HEIGHT;
    else if ((i + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = (i + 1) * ROW_HEIGHT - el.clientHeight;
  }, [selected, rows]);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  if (props.loaded && rows.length === 0) {
    return (
      <p className="queue-list panel-empty" data-testid="queue-empty">
        {props.tab === 'mine' ? 'Nothing assigned to you right now.' : props.tab === 'team' ? 'Nobody is waiting in your teams’ queues.' : 'No open conversations.'}
      </p>
    );
  }
  return (
    <div className="queue-list" ref={box} role="listbox" aria-label="Conversations" data-testid="queue-list" onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
      <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
        {rows.slice(first, last).map((c, i) => {
          const viewers = presenceText(props.presence.values(), c.id, props.me);
          return (
            <div
              key={c.id}
              role="option"
              aria-selected={c.id === selected}
              className={`queue-row${c.id === selected ? ' selected' : ''} priority-${c.priority}`}
              data-testid="queue-row"
              data-conversation-id={c.id}
              style={{ position: 'absolute', top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}
              onClick={() => props.onSelect(c.id)}
            >
              <div className="queue-row-head">
                <strong>{c.author.name}</strong>
                <span className="team-chip">{c.team}</span>
                <span className="assignee">{c.assignee ?? 'unassigned'}</span>
                {c.slaState ? <span className={`sla sla-${c.slaState}`}>{slaLabel(c, props.now)}</span> : null}
                {viewers.length ? <span className="viewers">👁 {viewers.length}</span> : null}
              </div>
              <div className="queue-row-preview">{c.private ? '🔒 ' : ''}{c.preview}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
