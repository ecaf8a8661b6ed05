import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import { errorText } from '../../../api/rpc';
import { schemaErrors, serverErrors, type FieldErrors } from './field-errors';

const NO_ERRORS: FieldErrors = new Map();
const FIX = 'Not saved: fix the fields marked below.';

/**
 * A queue settings form's life: load into a draft, build the value to save, check it with the
 * server's own schema once a save was tried (then at every edit, so an error goes as soon as it is
 * fixed), save, and put the server's refusals beside the fields they name. The draft is never
 * dropped when a save fails.
 */
export function useSettingsForm<D, V>(o: {
  load: () => Promise<D>;
  toValue: (draft: D) => V;
  schema: z.ZodType;
  /** Saves; answers the new draft and, optionally, a notice (warnings). */
  save: (value: V) => Promise<{ draft: D; notice?: string }>;
}) {
  const [draft, setDraft] = useState<D | null>(null);
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<FieldErrors>(NO_ERRORS);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { load, toValue, schema } = o;

  useEffect(() => {
    load().then(setDraft, (e: unknown) => setError(errorText(e)));
  }, [load]);

  const value = useMemo(() => (draft === null ? null : toValue(draft)), [draft, toValue]);
  const local = useMemo(() => {
    if (!tried || value === null) return NO_ERRORS;
    const r = schema.safeParse(value);
    return r.success ? NO_ERRORS : schemaErrors(r.error);
  }, [tried, value, schema]);

  const edit = (fn: (d: D) => D) => {
    setDraft((d) => (d === null ? d : fn(d)));
    setServer(NO_ERRORS);
    setNotice(null);
  };

  const save = async () => {
    if (value === null) return;
    setTried(true);
    setError(null);
    setNotice(null);
    if (!schema.safeParse(value).success) {
      setError(FIX);
      return;
    }
    try {
      const r = await o.save(value);
      setDraft(r.draft);
      setTried(false);
      setNotice(r.notice ?? 'Saved.');
    } catch (e) {
      const { fields, rest } = serverErrors(errorText(e));
      setServer(fields);
      setError(rest ?? FIX);
    }
  };

  return { draft, value, errors: local.size ? local : server, error, notice, edit, save };
}
