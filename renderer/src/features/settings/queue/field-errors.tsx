import { createContext, useContext } from 'react';
import { FormError } from '../../../components/form-error';
import type { z } from 'zod';

/**
 * Inline field errors for the queue's settings forms. A field is named by its path in the saved
 * value, dotted: "rules.2.then.team". Two sources, the same schema: the shared zod schema the
 * server validates with (run as the lead types), and the server's own refusal (names it checks
 * against what exists: teams, policies, calendars), whose messages carry the path
 * ("rules[2].then.team: no team …" or, from the method's params check, "policies.0.name: …").
 */
export type FieldErrors = ReadonlyMap<string, string[]>;

const SEGMENT = String.raw`(?:\[\d+\]|\.[A-Za-z_]\w*|\.\d+)`;
const PATH = String.raw`(?:config\.|params\.)?(?:rules|defaultRoute|vip|policies|calendars|replies|forbidden|required|tone)${SEGMENT}*`;
const ISSUE = new RegExp(String.raw`(?:rule \d+(?: "[^"]*")?: )?(${PATH}): (.*?)(?=; (?:rule \d+|${PATH}: )|$)`, 'g');

/** "rules[2].then.team" and "config.rules.2.then.team" → "rules.2.then.team". */
export function pathKey(path: string | readonly PropertyKey[]): string {
  const text = typeof path === 'string' ? path : path.map(String).join('.');
  return text
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^(?:config|params)\./, '')
    .replace(/^\./, '');
}

function add(out: Map<string, string[]>, key: string, message: string) {
  const list = out.get(key) ?? [];
  if (!list.includes(message)) list.push(message);
  out.set(key, list);
}

export function schemaErrors(error: z.ZodError): FieldErrors {
  const out = new Map<string, string[]>();
  for (const i of error.issues) add(out, pathKey(i.path), i.message);
  return out;
}

/** The paths a server message names, each with its own words; what names no path stays for the form's own error line. */
export function serverErrors(message: string): { fields: FieldErrors; rest: string | null } {
  const out = new Map<string, string[]>();
  let matched = false;
  for (const m of message.matchAll(ISSUE)) {
    matched = true;
    add(out, pathKey(m[1]!), m[2]!.trim());
  }
  return { fields: out, rest: matched ? null : message };
}

/** Errors at this path or under it ("rules.0" also collects "rules.0.name"); for a card's summary. */
export function errorsUnder(errors: FieldErrors, prefix: string): number {
  let n = 0;
  for (const [k, v] of errors) if (k === prefix || k.startsWith(`${prefix}.`)) n += v.length;
  return n;
}

export const FieldErrorsContext = createContext<FieldErrors>(new Map());

/** The errors of one field, right under it; `deep` also those of its items ("tags" shows "tags.1"). */
export function FieldError({ path, deep = false }: { path: string; deep?: boolean }) {
  const errors = useContext(FieldErrorsContext);
  const list = deep ? [...errors].filter(([k]) => k === path || k.startsWith(`${path}.`)).flatMap(([, v]) => v) : errors.get(path);
  if (!list?.length) return null;
  return (
    <span className="field-error" role="alert" data-testid="field-error" data-path={path}>
      {list.join('; ')}
    </span>
  );
}

/** A settings form's last line: its error or notice, and Save (or, read-only, who may change it). */
export function SaveBar(p: { error: string | null; notice: string | null; readOnly: boolean; ready: boolean; testId: string; label: string; onSave: () => void }) {
  return (
    <>
      <FormError error={p.error} />
      {p.notice ? <p className="notice">{p.notice}</p> : null}
      {p.readOnly ? (
        <p className="hint">Only leads and above change these.</p>
      ) : (
        <button type="button" data-testid={p.testId} disabled={!p.ready} onClick={p.onSave}>
          {p.label}
        </button>
      )}
    </>
  );
}
