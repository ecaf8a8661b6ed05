import { useEffect, useState, type ReactNode } from 'react';
import { errorText } from '../../../api/rpc';
import { FormError } from '../../../components/form-error';

/**
 * A setting edited as JSON (the triage rules, SLA policies): loads, shows the server's own
 * validation messages (each names the rule or policy and the field), and never drops an edit
 * that failed to save.
 */
export function JsonSetting<T>(props: {
  title: string;
  testId: string;
  help: ReactNode;
  load: () => Promise<T>;
  save: (value: unknown) => Promise<{ warnings?: { message: string }[] } | unknown>;
  readOnly: boolean;
  children?: (draft: string) => ReactNode;
}) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { load } = props;
  useEffect(() => {
    load().then(
      (v) => setText(JSON.stringify(v, null, 2)),
      (e: unknown) => setError(errorText(e)),
    );
  }, [load]);
  const save = async () => {
    setError(null);
    setNotice(null);
    let value: unknown;
    try {
      value = JSON.parse(text ?? '');
    } catch (e) {
      setError(`Not valid JSON: ${(e as Error).message}. Nothing was saved.`);
      return;
    }
    try {
      const r = (await props.save(value)) as { warnings?: { message: string }[] };
      setNotice(r.warnings?.length ? `Saved, with warnings: ${r.warnings.map((w) => w.message).join('; ')}` : 'Saved.');
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section className="panel" data-testid={props.testId}>
      <h2>{props.title}</h2>
      <div className="hint">{props.help}</div>
      {text === null ? (
        <p className="panel-empty">Loading…</p>
      ) : (
        <textarea className="json-setting" aria-label={props.title} spellCheck={false} rows={18} value={text} readOnly={props.readOnly} onChange={(e) => setText(e.target.value)} />
      )}
      <FormError error={error} />
      {notice ? <p className="notice">{notice}</p> : null}
      {props.readOnly ? <p className="hint">Only leads and above change these.</p> : <button type="button" onClick={() => void save()}>Save</button>}
      {text !== null && props.children ? props.children(text) : null}
    </section>
  );
}
