import { useId, useState, type FormEvent } from 'react';
import { PLATFORMS, type Platform } from '../../../../shared/domain';
import { QueryEditor } from '../../components/query-editor/query-editor';
import { useTopicsInView } from '../../db/use-topics';
import { platformLabel } from '../../lib/platform';
import { validateFilter, type ColumnFilter, type WallColumn } from '../../lib/wall-column';
import { FormError } from '../../components/form-error';

type Kind = ColumnFilter['kind'];

/** Add or edit a column: what it shows (everything / one platform / a listening query) and its title. */
export function ColumnEditor(props: { initial?: WallColumn; onSave(filter: ColumnFilter, title: string): void; onCancel(): void }) {
  const id = useId();
  const topics = useTopicsInView();
  const [kind, setKind] = useState<Kind>(props.initial?.filter.kind ?? 'query');
  const [value, setValue] = useState(props.initial?.filter.kind === 'query' ? props.initial.filter.query : '');
  const [platform, setPlatform] = useState<Platform>(props.initial?.filter.kind === 'platform' ? props.initial.filter.platform : PLATFORMS[0]);
  const [title, setTitle] = useState(props.initial?.title ?? '');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const draft: ColumnFilter = kind === 'all' ? { kind } : kind === 'platform' ? { kind, platform } : { kind, query: value };
    const checked = validateFilter(draft);
    if (!checked.ok) return setError(checked.error);
    props.onSave(checked.filter, title.trim());
  }

  return (
    <form className="column-editor" data-testid="column-editor" onSubmit={submit}>
      <label htmlFor={`${id}-kind`}>Show</label>
      <select id={`${id}-kind`} data-testid="column-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        <option value="all">everything</option>
        <option value="platform">one platform</option>
        <option value="query">posts matching a query</option>
      </select>
      {kind === 'platform' ? (
        <select aria-label="Platform" data-testid="column-platform" value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {platformLabel(p)}
            </option>
          ))}
        </select>
      ) : null}
      {kind === 'query' ? <QueryEditor label="Query" value={value} onChange={setValue} topics={topics} testId="column-value" /> : null}
      <label htmlFor={`${id}-title`}>Title (optional)</label>
      <input id={`${id}-title`} data-testid="column-title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      <FormError error={error} />
      <div className="editor-actions">
        <button type="submit" data-testid="column-save">
          Save
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
