import { z } from 'zod';
import type { Item, SourceView, UserView } from './domain.js';
import type { Access } from './roles.js';

const id = z.string().min(1).max(100);
const tag = z
  .string()
  .trim()
  .transform((s) => s.replace(/^#/, ''))
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'a hashtag is letters, digits and _'));
const term = z.string().trim().min(1).max(200);

const sourceFields = z.strictObject({
  platform: z.literal('mastodon'),
  name: z.string().trim().min(1).max(100),
  instanceUrl: z.url({ protocol: /^https?$/ }),
  hashtags: z.array(tag).max(50).default([]),
  terms: z.array(term).max(50).default([]),
  mentions: z.boolean().default(false),
  /** Stored in the secret store of the host; never returned to any client. */
  accessToken: z.string().min(1).max(500).optional(),
});

/** Every method: who may call it and what its params must be. Results are typed in `Results`. */
export const methods = {
  'me.get': { access: 'read', params: z.strictObject({}) },
  'items.list': {
    access: 'read',
    params: z.strictObject({
      limit: z.int().min(1).max(5000).default(200),
      /** Items with an id below this one (paging backwards). */
      before: z.int().positive().optional(),
      platform: z.literal('mastodon').optional(),
      /** Case-insensitive text or #hashtag match. */
      q: z.string().trim().min(1).max(200).optional(),
    }),
  },
  'sources.list': { access: 'read', params: z.strictObject({}) },
  'sources.add': {
    access: 'admin',
    params: sourceFields.refine((s) => s.hashtags.length + s.terms.length > 0 || s.mentions, {
      message: 'a source listens to at least one hashtag, term or the mentions',
    }),
  },
  'sources.remove': { access: 'admin', params: z.strictObject({ id }) },
  'sources.pause': { access: 'admin', params: z.strictObject({ id }) },
  'sources.resume': { access: 'admin', params: z.strictObject({ id }) },
} as const satisfies Record<string, { access: Access; params: z.ZodType }>;

export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;

export interface Results {
  'me.get': UserView;
  'items.list': { items: Item[] };
  'sources.list': { sources: SourceView[] };
  'sources.add': { source: SourceView };
  'sources.remove': { ok: true };
  'sources.pause': { source: SourceView };
  'sources.resume': { source: SourceView };
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Turns a zod failure into one line a person can act on: "limit: Too big: expected ≤5000". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : 'params'}: ${i.message}`)
    .join('; ');
}
