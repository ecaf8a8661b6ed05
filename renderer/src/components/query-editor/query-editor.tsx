import { useId, useMemo, type ReactNode } from 'react';
import { checkQuery } from '../../../../shared/listen';
import type { Topic } from '../../../../shared/topics';
import { QueryHelp } from './query-help';
import { QueryPreview } from './query-preview';
import './query-editor.css';

export interface QueryEditorProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** A topic's own query (no `topic:`). */
  forTopic?: boolean;
  /** For `topic:` in the preview (ids and names). */
  topics: readonly Topic[];
  testId?: string;
  /** What the live preview shows instead of recent posts (the desk: how many conversations match). */
  preview?: ReactNode;
}

/**
 * A listening query: typed, checked as you type (the parser runs here, the same one the engine
 * runs), with the error marked at its position and a hint, the syntax at hand, and a live preview
 * of the recent posts it matches.
 */
export function QueryEditor({ label, value, onChange, forTopic = false, topics, testId = 'query-input', preview }: QueryEditorProps) {
  const id = useId();
  const error = useMemo(() => (value.trim() ? checkQuery(value, { forTopic }) : null), [value, forTopic]);
  return (
    <div className="query-editor">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        data-testid={testId}
        value={value}
        rows={2}
        spellCheck={false}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder='#kettlebird OR "kettle bird" NOT giveaway'
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <div className="query-error" id={`${id}-error`} role="alert" data-testid="query-error" data-position={error.position}>
          <code className="query-echo">
            {value.slice(0, error.position)}
            <mark data-testid="query-error-mark">{value.slice(error.position, Math.max(error.end, error.position + 1)) || ' '}</mark>
            {value.slice(Math.max(error.end, error.position + 1))}
          </code>
          <p>
            {error.message} (character {error.position + 1}). {error.hint}
          </p>
        </div>
      ) : null}
      <QueryHelp />
      {!error && value.trim() ? (preview !== undefined ? preview : <QueryPreview query={value} topics={topics} />) : null}
    </div>
  );
}
