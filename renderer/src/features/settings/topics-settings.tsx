import { useState } from 'react';
import type { RetagProgress, Topic } from '../../../../shared/topics';
import { rpc } from '../../api/rpc';
import { useRetagProgress, useTopics } from '../../db/use-topics';
import { may } from '../../lib/permissions';
import { useAction } from '../../lib/use-action';
import { useRole } from '../../store/app-store';
import { TopicForm } from './topic-form';
import { FormError } from '../../components/form-error';

/** Settings → Topics (leads and up): what the brand listens for, each a named query. */
export function TopicsSettings() {
  const role = useRole();
  const topics = useTopics();
  const [editing, setEditing] = useState<Topic | 'new' | null>(null);
  if (!may(role, 'topics.save')) return null;
  return (
    <section className="panel topics-panel" data-testid="topics-panel">
      <h2>Topics</h2>
      <p className="hint">
        Every post is tagged with the topics whose query it matches, when it arrives. Changing a topic re-tags the recent posts in the background. A
        wall column can show a topic with the query <code>topic:its-id</code>.
      </p>
      <RetagLine />
      {topics.length === 0 ? <p className="panel-empty">No topics yet.</p> : null}
      <ul className="topic-list">
        {topics.map((t) =>
          editing !== 'new' && editing?.id === t.id ? (
            <li key={t.id}>
              <TopicForm initial={t} topics={topics} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <TopicRow key={t.id} topic={t} onEdit={() => setEditing(t)} />
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <TopicForm topics={topics} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" data-testid="topic-add" onClick={() => setEditing('new')}>
          + Topic
        </button>
      )}
    </section>
  );
}

function TopicRow({ topic, onEdit }: { topic: Topic; onEdit(): void }) {
  const [confirm, setConfirm] = useState(false);
  const act = useAction();
  return (
    <li className="topic-row" data-testid="topic-row" data-topic={topic.id}>
      <span className="topic-name">{topic.name}</span> <span className="hint">{topic.kind}</span> <code className="topic-id">topic:{topic.id}</code>
      <code className="topic-query">{topic.query}</code>
      <span className="actions">
        {confirm ? (
          <>
            <span>Posts lose this topic; its counts are deleted.</span>
            <button type="button" className="danger" data-testid="topic-confirm-remove" disabled={act.busy} onClick={() => void act.run(() => rpc('topics.remove', { id: topic.id }))}>
              Remove
            </button>
            <button type="button" className="secondary" onClick={() => setConfirm(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="secondary" data-testid="topic-edit" onClick={onEdit}>
              Edit
            </button>
            <button type="button" className="danger" data-testid="topic-remove" onClick={() => setConfirm(true)}>
              Remove
            </button>
          </>
        )}
        <FormError error={act.error} as="span" />
      </span>
    </li>
  );
}

function retagText(p: RetagProgress): string {
  if (p.state === 'running') return `Re-tagging recent posts: ${p.done} of ${p.total} (${p.changed} changed so far)…`;
  if (p.state === 'superseded') return 'A newer edit restarted the re-tag.';
  return `Recent posts re-tagged: ${p.total} looked at, ${p.changed} changed.`;
}

function RetagLine() {
  const p = useRetagProgress();
  if (!p) return null;
  return (
    <p className="retag-progress" data-testid="retag-progress" data-state={p.state} aria-live="polite">
      {p.state === 'running' ? <progress max={Math.max(1, p.total)} value={p.done} /> : null} {retagText(p)}
    </p>
  );
}
