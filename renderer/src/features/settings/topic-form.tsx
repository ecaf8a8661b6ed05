import { useId, useState, type FormEvent } from 'react';
import { checkQuery } from '../../../../shared/listen';
import { TOPIC_KINDS, type Topic, type TopicKind } from '../../../../shared/topics';
import { rpc } from '../../api/rpc';
import { QueryEditor } from '../../components/query-editor/query-editor';
import { useAction } from '../../lib/use-action';
import { FormError } from '../../components/form-error';

const KIND_HELP: Record<TopicKind, string> = {
  brand: 'the brand itself (share of voice compares it with each competitor)',
  product: 'one of its products',
  competitor: 'a competitor',
  category: 'the category: what people say about coffee, not about anyone',
  person: 'someone who matters (a founder, a journalist)',
};

/** Add or edit a topic: its name, kind and query (checked as typed; saving re-tags recent posts). */
export function TopicForm({ initial, topics, onDone }: { initial?: Topic; topics: readonly Topic[]; onDone(): void }) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<TopicKind>(initial?.kind ?? 'brand');
  const [query, setQuery] = useState(initial?.query ?? '');
  const save = useAction();
  const invalid = !name.trim() || !query.trim() || checkQuery(query, { forTopic: true }) !== null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (invalid) return;
    const r = await save.run(() => rpc('topics.save', { ...(initial ? { id: initial.id } : {}), name: name.trim(), kind, query: query.trim() }));
    if (r) onDone();
  }

  return (
    <form className="topic-form" data-testid="topic-form" onSubmit={(e) => void submit(e)}>
      <div className="topic-form-row">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} data-testid="topic-name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} autoFocus />
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} data-testid="topic-kind" value={kind} onChange={(e) => setKind(e.target.value as TopicKind)} title={KIND_HELP[kind]}>
          {TOPIC_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <QueryEditor label="Query" value={query} onChange={setQuery} forTopic topics={topics} testId="topic-query" />
      <FormError error={save.error} />
      <div className="editor-actions">
        <button type="submit" data-testid="topic-save" disabled={invalid || save.busy}>
          {initial ? 'Save topic' : 'Add topic'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
