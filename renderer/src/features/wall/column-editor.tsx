import { useId, useState, type FormEvent } from 'react';
import { PLATFORMS, type Platform } from '../../../../shared/domain';
import { platformLabel } from '../../lib/platform';
import { validateFilter, type ColumnFilter, type WallColumn } from '../../lib/wall-column';

type Kind = ColumnFilter['kind'];

function initialValue(f: ColumnFilter | undefined): string {
  if (f?.kind === 'hashtag') return `#${f.tag}`;
  if (f?.kind === 'term') return f.term;
  return '';
}

/** Add or edit a column: what it shows (everything / one platform / a hashtag / a term) and its title. */
export function ColumnEditor(props: { initial?: WallColumn; onSave(filter: ColumnFilter, title: string): void; onCancel(): void }) {
  const id = useId();
  const [kind, setKind] = useState<Kind>(props.initial?.filter.kind ?? 'hashtag');
  const [value, setValue] = useState(initialValue(props.initial?.filter));
  const [platform, setPlatform] = useState<Platform>(props.initial?.filter.kind === 'platform' ? props.initial.filter.platform : PLATFORMS[0]);
  const [title, setTitle] = useState(props.initial?.title ?? '');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const draft: ColumnFilter =
      kind === 'all' ? { kind } : kind === 'platform' ? { kind, platform } : kind === 'hashtag' ? { kind, tag: value } : { kind, term: value };
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
        <option value="hashtag">a hashtag</option>
        <option value="term">a word or phrase</option>
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
      {kind === 'hashtag' || kind === 'term' ? (
        <input
          aria-label={kind === 'hashtag' ? 'Hashtag' : 'Word or phrase'}
          data-testid="column-value"
          value={value}
          placeholder={kind === 'hashtag' ? '#brand' : 'refund'}
          onChange={(e) => setValue(e.target.value)}
          autoFocus
        />
      ) : null}
      <label htmlFor={`${id}-title`}>Title (optional)</label>
      <input id={`${id}-title`} data-testid="column-title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
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
