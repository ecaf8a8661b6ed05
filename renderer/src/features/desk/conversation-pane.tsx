import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { GuidelineFinding, Presence } from '../../../../shared/queue';
import type { ConversationDetail, ConversationView, QueueMessage } from '../../../../shared/queue-views';
import { onLiveChange } from '../../api/live-changes';
import { ExternalLink } from '../../components/external-link';
import { errorText, rpc } from '../../api/rpc';
import { may } from '../../lib/permissions';
import { useApp } from '../../store/app-store';
import { slaLabel } from './desk-filter';
import { FormError } from '../../components/form-error';
import { CustomerTagsEditor } from './customer-tags';

export interface PaneHandle {
  focusReply(): void;
  focusNote(): void;
  claim(): void;
  resolve(): void;
}

type Canned = { id: string; name: string; tone: string; text: string };

const REPLY_STATUS: Record<string, string> = {
  scheduled: 'sending…',
  publishing: 'sending…',
  published: 'sent',
  unconfirmed: 'may have been sent: checking the platform',
  failed: 'not sent',
  held: 'held by the freeze',
  cancelled: 'cancelled',
};

export function Badges({ c }: { c: ConversationView }) {
  const b = c.badges;
  return (
    <span className="queue-badges">
      {b.intent ? <span className={`badge intent-${b.intent}`}>{b.intent}</span> : null}
      {b.sentiment ? (
        // Colour AND shape: the glyph says it without the colour.
        <span className={`badge sentiment-${b.sentiment}`}>{b.sentiment === 'negative' ? '▼' : b.sentiment === 'positive' ? '▲' : '●'} {b.sentiment}</span>
      ) : null}
      {b.stage && b.stage !== 'none' ? <span className="badge stage">{b.stage}</span> : null}
      {b.urgency.map((u) => (
        <span key={u} className="badge urgent">
          ⚠ {u}
        </span>
      ))}
      {b.language ? <span className="badge lang">{b.language}</span> : null}
      {c.private ? <span className="badge private">private</span> : null}
    </span>
  );
}

/** "agent2 is replying" for everyone else with this conversation open. */
export function presenceText(list: Iterable<Presence>, conversationId: string, me: string): string[] {
  const out: string[] = [];
  for (const p of list) if (p.user !== me && p.conversation === conversationId && p.status !== 'offline') out.push(`${p.user} is ${p.activity === 'replying' ? 'replying' : 'viewing'}`);
  return out;
}

/** One conversation: history, badges, notes, canned replies, the reply box with inline guideline checks. */
export const ConversationPane = forwardRef<PaneHandle, { conversation: ConversationView; presence: ReadonlyMap<string, Presence>; teamMembers: string[] }>(
  function ConversationPane({ conversation: c, presence, teamMembers }, ref) {
    const me = useApp((s) => s.user);
    const [detail, setDetail] = useState<ConversationDetail | null>(null);
    const [draft, setDraft] = useState('');
    const [cannedId, setCannedId] = useState<string | undefined>(undefined);
    const [findings, setFindings] = useState<GuidelineFinding[]>([]);
    const [why, setWhy] = useState<string | null>(null);
    const [busy, setBusy] = useState(false);
    const [note, setNote] = useState('');
    const [canned, setCanned] = useState<Canned[]>([]);
    const [actionError, setActionError] = useState<string | null>(null);
    // Bumped when a lead saves the guidelines: the draft is checked again against the new ones.
    const [guidelinesSeq, setGuidelinesSeq] = useState(0);
    const replyRef = useRef<HTMLTextAreaElement>(null);
    const noteRef = useRef<HTMLTextAreaElement>(null);
    const id = c.id;

    const load = useCallback(() => {
      rpc('queue.get', { id }).then(setDetail, (e: unknown) => setActionError(errorText(e)));
    }, [id]);

    useEffect(() => {
      setDetail(null);
      setDraft('');
      setFindings([]);
      setWhy(null);
      setActionError(null);
      setCannedId(undefined);
      load();
      rpc('queue.canned', { id }).then((r) => setCanned(r.replies), () => setCanned([]));
      void rpc('presence.set', { conversation: id, activity: 'viewing' }).catch(() => undefined);
    }, [id, load]);

    // New messages and reply outcomes (the outbox's post.updated) refresh the pane.
    useEffect(() => {
      let t: ReturnType<typeof setTimeout> | null = null;
      const later = () => {
        t ??= setTimeout(() => {
          t = null;
          load();
        }, 150);
      };
      const off = onLiveChange((env) => {
        const ch = env.change;
        if (ch.kind === 'conversation.message' && ch.message.conversationId === id) later();
        else if (ch.kind === 'post.updated' && detail?.messages.some((m) => m.postId === ch.post.id)) later();
        else if (ch.kind === 'queue.settings' && ch.area === 'canned') rpc('queue.canned', { id }).then((r) => setCanned(r.replies), () => undefined);
        else if (ch.kind === 'queue.settings' && ch.area === 'guidelines') setGuidelinesSeq((n) => n + 1);
      });
      return () => {
        off();
        if (t) clearTimeout(t);
      };
    }, [id, load, detail]);

    // Guideline checks while typing (a dry run on the server, which holds the rules).
    useEffect(() => {
      if (!draft.trim()) {
        setFindings([]);
        return;
      }
      const t = setTimeout(() => {
        rpc('queue.reply', { id, text: draft, dryRun: true, ...(cannedId ? { cannedId } : {}) }).then((r) => setFindings(r.findings), () => undefined);
      }, 300);
      return () => clearTimeout(t);
    }, [draft, id, cannedId, guidelinesSeq]);

    const act = useCallback(
      async (fn: () => Promise<unknown>) => {
        setActionError(null);
        try {
          await fn();
        } catch (e) {
          setActionError(errorText(e));
        }
      },
      [],
    );

    const send = useCallback(async () => {
      if (!draft.trim() || busy) return;
      setBusy(true);
      setWhy(null);
      try {
        const r = await rpc('queue.reply', { id, text: draft, ...(cannedId ? { cannedId } : {}) });
        setFindings(r.findings);
        if (r.sent) {
          setDraft('');
          setCannedId(undefined);
          void rpc('presence.set', { activity: 'viewing' }).catch(() => undefined);
          load();
        } else setWhy(r.why);
      } catch (e) {
        // The draft stays: nothing is lost when a send is refused.
        setWhy(errorText(e));
      } finally {
        setBusy(false);
      }
    }, [draft, busy, id, cannedId, load]);

    useImperativeHandle(
      ref,
      () => ({
        focusReply: () => replyRef.current?.focus(),
        focusNote: () => noteRef.current?.focus(),
        claim: () => void act(() => rpc('queue.claim', { id })),
        resolve: () => void act(() => rpc('queue.resolve', { id })),
      }),
      [act, id],
    );

    const typing = useRef(false);
    const onDraft = (text: string) => {
      setDraft(text);
      if (!typing.current && text.trim()) {
        typing.current = true;
        void rpc('presence.set', { activity: 'replying' }).catch(() => undefined);
      } else if (typing.current && !text.trim()) {
        typing.current = false;
        void rpc('presence.set', { activity: 'viewing' }).catch(() => undefined);
      }
    };

    const others = presenceText(presence.values(), id, me?.name ?? '');
    const isLead = may(me?.role, 'queue.assign');
    return (
      <section className="conversation-pane" data-testid="conversation-pane" data-conversation-id={id} aria-label={`Conversation with ${c.author.name}`}>
        <header className="conversation-head">
          <h2>
            {c.author.name} <span className="handle">@{c.author.handle}</span>
          </h2>
          <Badges c={c} />
          <p className="conversation-meta">
            <span data-testid="conversation-team">{c.team}</span> · {c.priority} · {c.status} ·{' '}
            <span data-testid="conversation-assignee">{c.assignee ?? 'unassigned'}</span>
            {c.slaState ? <span className={`sla sla-${c.slaState}`}> · {slaLabel(c, Date.now())}</span> : null}
            {c.assignee === null && c.unassignedWhy ? <span className="hint"> · {c.unassignedWhy}</span> : null}
          </p>
          {others.length ? (
            <p className="presence-line" data-testid="presence-line" aria-live="polite">
              {others.join(' · ')}
            </p>
          ) : null}
          <div className="actions">
            {c.assignee === null ? (
              <button type="button" data-testid="claim" onClick={() => void act(() => rpc('queue.claim', { id }))}>
                Claim (c)
              </button>
            ) : null}
            {c.assignee !== null && (c.assignee === me?.name || isLead) ? (
              <button type="button" onClick={() => void act(() => rpc('queue.release', { id }))}>
                Release to team
              </button>
            ) : null}
            <button type="button" data-testid="resolve" onClick={() => void act(() => rpc('queue.resolve', { id }))}>
              Resolve (e)
            </button>
            {isLead ? (
              <label>
                Assign to{' '}
                <select data-testid="assign-select" value={c.assignee ?? ''} onChange={(e) => void act(() => rpc('queue.assign', { id, to: e.target.value || null }))}>
                  <option value="">nobody (team queue)</option>
                  {[...new Set([...teamMembers, ...(c.assignee ? [c.assignee] : [])])].map((u) => (
                    <option key={u} value={u}>
                      {u}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
          <FormError error={actionError} />
        </header>
        <ol className="messages" data-testid="messages">
          {detail === null ? <li className="panel-empty">Loading…</li> : detail.messages.map((m) => <MessageRow key={m.id} m={m} onRestore={(t) => setDraft(t)} />)}
        </ol>
        <div className="reply-box">
          {canned.length ? (
            <label>
              Canned reply{' '}
              <select
                data-testid="canned-select"
                value={cannedId ?? ''}
                onChange={(e) => {
                  const r = canned.find((x) => x.id === e.target.value);
                  setCannedId(r?.id);
                  if (r) onDraft(r.text);
                }}
              >
                <option value="">—</option>
                {canned.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <textarea
            ref={replyRef}
            data-testid="reply-text"
            aria-label="Reply"
            placeholder={c.private ? `Private reply (r): goes to @${c.author.handle} only, as a direct message` : 'Reply to the customer (r)'}
            value={draft}
            rows={4}
            onChange={(e) => onDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void send();
              }
            }}
          />
          {findings.length ? (
            <ul className="guideline-findings" data-testid="guideline-findings">
              {findings.map((f, i) => (
                <li key={i} className={`finding finding-${f.severity}`}>
                  {f.severity === 'block' ? '⛔' : '⚠'} {f.message}
                </li>
              ))}
            </ul>
          ) : null}
          {why ? (
            <p className="form-error" role="alert" data-testid="reply-error">
              Not sent: {why}
            </p>
          ) : null}
          <button type="button" data-testid="reply-send" disabled={busy || !draft.trim()} onClick={() => void send()}>
            {busy ? 'Sending…' : c.private ? 'Send private reply (Ctrl+Enter)' : 'Send reply (Ctrl+Enter)'}
          </button>
        </div>
        <div className="note-box">
          <textarea ref={noteRef} aria-label="Internal note" data-testid="note-text" placeholder="Internal note: only the team sees it (n)" value={note} rows={2} onChange={(e) => setNote(e.target.value)} />
          <button
            type="button"
            disabled={!note.trim()}
            onClick={() =>
              void act(async () => {
                await rpc('queue.note', { id, text: note });
                setNote('');
              })
            }
          >
            Add note
          </button>
        </div>
        {detail ? (
          <section className="customer-history" aria-label={`About ${c.author.name}`} data-testid="customer-history">
            <h3>About {c.author.name}</h3>
            <CustomerTagsEditor initial={detail.customerTags} />
            {detail.history.length ? (
              <>
                <h4>Other conversations</h4>
                <ul>
                  {detail.history.map((h) => (
                    <li key={h.id}>
                      {h.createdAt.slice(0, 10)} · {h.team} · {h.status} · {h.preview ?? ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        ) : null}
      </section>
    );
  },
);

function MessageRow({ m, onRestore }: { m: QueueMessage; onRestore: (text: string) => void }) {
  const status = m.kind === 'reply' && m.postStatus ? (REPLY_STATUS[m.postStatus] ?? m.postStatus) : null;
  return (
    <li className={`message message-${m.kind}`} data-testid={`message-${m.kind}`}>
      <div className="message-head">
        <strong>{m.kind === 'note' ? `Note by ${m.author}` : m.author}</strong> <time dateTime={m.at}>{new Date(m.at).toLocaleString()}</time>
        {status ? (
          <span className={`reply-status reply-${m.postStatus}`} data-testid="reply-status">
            {' '}
            · {status}
          </span>
        ) : null}
      </div>
      <p className="message-text">{m.text}</p>
      {m.kind === 'reply' && (m.postStatus === 'failed' || m.postStatus === 'held') ? (
        <p className="form-error">
          {m.postNote ?? 'not sent'}{' '}
          <button type="button" className="link-button" onClick={() => onRestore(m.text)}>
            Back to the draft
          </button>
        </p>
      ) : null}
      <ExternalLink url={m.remoteUrl}>on the platform</ExternalLink>
    </li>
  );
}
