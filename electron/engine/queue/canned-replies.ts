import { closest } from './did-you-mean.js';

/**
 * Canned replies: text with {{variables}}. Rules:
 * - `{{author}}`, spaces inside allowed (`{{ author }}`); `{{author|there}}` gives a fallback for
 *   when the value is missing; `\{{` writes a literal `{{`.
 * - An unknown variable, an empty `{{}}` or an unclosed `{{` is an error with its position.
 * - Values are inserted once (a value containing `{{x}}` is not expanded again), on one line,
 *   without control or bidi-override characters. Values that come from the customer (their display
 *   name) are also defused: a name like "@boss@evil.example", "#promo" or "https://evil.example"
 *   must not turn our reply into a mention, a hashtag or a link.
 */

export interface TemplateError {
  start: number;
  end: number;
  message: string;
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'var'; name: string; fallback: string | null; start: number; end: number };

export interface VariableSpec {
  name: string;
  /** What the variable is, for the editor's help. */
  description: string;
  /** customer: untrusted text from the platform; handle: rendered as @user@server; ours: our own config. */
  source: 'customer' | 'handle' | 'ours';
}

export const CANNED_VARIABLES: readonly VariableSpec[] = [
  { name: 'author', description: "the customer's display name", source: 'customer' },
  { name: 'author_handle', description: "the customer's handle, as a mention (@user@server)", source: 'handle' },
  { name: 'agent', description: 'your name', source: 'ours' },
  { name: 'team', description: "your team's name", source: 'ours' },
  { name: 'brand', description: "the brand account's name", source: 'ours' },
];

const NAME = /^[a-z_][a-z0-9_]*$/;
const MAX_VALUE = 100;

function suggestion(name: string, known: readonly string[]): string {
  const close = closest(name, known);
  return close ? ` (did you mean {{${close}}}?)` : '';
}

export function parseTemplate(text: string, variables: readonly VariableSpec[] = CANNED_VARIABLES): { ok: true; parts: TemplatePart[] } | { ok: false; errors: TemplateError[] } {
  const known = variables.map((v) => v.name);
  const parts: TemplatePart[] = [];
  const errors: TemplateError[] = [];
  let buf = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      buf += '{{';
      i += 3;
      continue;
    }
    if (!text.startsWith('{{', i)) {
      buf += text[i];
      i += 1;
      continue;
    }
    const close = text.indexOf('}}', i + 2);
    const nextOpen = text.indexOf('{{', i + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      errors.push({ start: i, end: i + 2, message: `unclosed {{ at ${i}: close it with }}, or write \\{{ for literal braces` });
      buf += '{{';
      i += 2;
      continue;
    }
    const inner = text.slice(i + 2, close);
    const bar = inner.indexOf('|');
    const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const fallback = bar < 0 ? null : inner.slice(bar + 1).trim();
    const span = { start: i, end: close + 2 };
    if (!name) errors.push({ ...span, message: `empty {{}} at ${i}: put a variable in it (${known.join(', ')})` });
    else if (!NAME.test(name) || !known.includes(name)) {
      errors.push({ ...span, message: `unknown variable {{${name}}} at ${i}${suggestion(name, known)}; known: ${known.join(', ')}` });
    } else {
      if (buf) parts.push({ kind: 'text', text: buf });
      buf = '';
      parts.push({ kind: 'var', name, fallback, ...span });
    }
    i = close + 2;
  }
  if (buf) parts.push({ kind: 'text', text: buf });
  return errors.length ? { ok: false, errors } : { ok: true, parts };
}

// C0/C1 controls, bidi embeddings/overrides/isolates, and line/paragraph separators: matching
// control characters is the point here.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const ZWSP = '\u200b';

/** One line, no control characters, at most MAX_VALUE code units (not cutting a surrogate pair). */
function oneLine(value: string): string {
  let v = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (v.length > MAX_VALUE) {
    v = v.slice(0, MAX_VALUE);
    if (/[\ud800-\udbff]$/.test(v)) v = v.slice(0, -1);
    v = `${v}…`;
  }
  return v;
}

/** A customer's text that must stay plain text in our post: no mentions, hashtags or links. */
export function defuse(value: string): string {
  return oneLine(value)
    .replace(/([@#＠＃])/g, `$1${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`);
}

function asHandle(value: string): string | null {
  const h = value.trim().replace(/^@/, '');
  return /^[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?$/u.test(h) ? `@${h}` : null;
}

export type RenderResult = { ok: true; text: string } | { ok: false; errors: TemplateError[] };

/** Fills a canned reply. Missing values use the fallback; without one they are errors. */
export function renderTemplate(text: string, values: Readonly<Record<string, string | null | undefined>>, variables: readonly VariableSpec[] = CANNED_VARIABLES): RenderResult {
  const parsed = parseTemplate(text, variables);
  if (!parsed.ok) return parsed;
  const specs = new Map(variables.map((v) => [v.name, v]));
  const errors: TemplateError[] = [];
  let out = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const spec = specs.get(part.name)!;
    const raw = values[part.name];
    let value: string | null = null;
    if (raw !== null && raw !== undefined && raw.trim() !== '') {
      if (spec.source === 'customer') value = defuse(raw);
      else if (spec.source === 'handle') value = asHandle(raw);
      else value = oneLine(raw);
    }
    if (value === null && spec.source === 'handle' && raw) {
      errors.push({ start: part.start, end: part.end, message: `{{${part.name}}}: "${oneLine(raw)}" is not a handle` });
    } else if (value === null && part.fallback === null) {
      errors.push({ start: part.start, end: part.end, message: `{{${part.name}}} has no value here; write {{${part.name}|…}} to give a fallback` });
    }
    out += value ?? part.fallback ?? '';
  }
  return errors.length ? { ok: false, errors } : { ok: true, text: out };
}
