import type { z } from 'zod';
import { triageConfigSchema, type TriageConfig } from '../../../shared/queue-rules.js';
import { closest } from './did-you-mean.js';

/**
 * Validating a triage config as a lead saves it: the schema first, then every name it refers to
 * (teams, SLA policies, listening queries, topics) against what exists, with a "did you mean".
 * Each message names the rule by position and name, so it can be shown beside the rule.
 */

export interface TriageRefs {
  teams: string[];
  slaPolicies: string[];
  /** Omit to skip the check (e.g. before the listening queries exist). */
  queries?: string[];
  topics?: string[];
}

export interface ConfigProblem {
  /** "rules[2].then.team" */
  path: string;
  message: string;
}

export type TriageParse = { ok: true; config: TriageConfig; warnings: ConfigProblem[] } | { ok: false; errors: ConfigProblem[] };

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || 'config';
}

/** `rules[2] "VIP complaints"`, for a message's start. */
function ruleLabel(input: unknown, index: number): string {
  const rules = (input as { rules?: unknown } | null)?.rules;
  const name = Array.isArray(rules) ? (rules[index] as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === 'string' && name.trim() ? `rule ${index + 1} "${name.trim()}"` : `rule ${index + 1}`;
}

export function describeConfigIssues(error: z.ZodError, input: unknown): ConfigProblem[] {
  return error.issues.map((i) => {
    const path = pathText(i.path);
    const prefix = i.path[0] === 'rules' && typeof i.path[1] === 'number' ? `${ruleLabel(input, i.path[1])}: ` : '';
    return { path, message: `${prefix}${path}: ${i.message}` };
  });
}

/** "no team "biling" (did you mean "billing"?); teams are care, billing". */
export function unknownName(kind: string, name: string, known: string[]): string {
  const best = closest(name, known);
  const hint = best ? ` (did you mean "${best}"?)` : '';
  const list = known.length ? `; known: ${known.join(', ')}` : `; there are none yet`;
  return `no ${kind} "${name}"${hint}${list}`;
}

function checkRefs(config: TriageConfig, refs: TriageRefs, input: unknown): { errors: ConfigProblem[]; warnings: ConfigProblem[] } {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const teams = new Set(refs.teams);
  const policies = new Set(refs.slaPolicies);
  const check = (path: string, label: string, kind: string, name: string, known: Set<string>, list: string[]) => {
    if (!known.has(name)) errors.push({ path, message: `${label}${path}: ${unknownName(kind, name, list)}` });
  };
  check('defaultRoute.team', '', 'team', config.defaultRoute.team, teams, refs.teams);
  if (config.defaultRoute.sla !== null) check('defaultRoute.sla', '', 'SLA policy', config.defaultRoute.sla, policies, refs.slaPolicies);
  let catchAll: number | null = null;
  config.rules.forEach((rule, i) => {
    const label = `${ruleLabel(input, i)}: `;
    if (rule.then.team !== undefined) check(`rules[${i}].then.team`, label, 'team', rule.then.team, teams, refs.teams);
    if (rule.then.sla !== undefined) check(`rules[${i}].then.sla`, label, 'SLA policy', rule.then.sla, policies, refs.slaPolicies);
    rule.when.forEach((c, j) => {
      const lists = { query: refs.queries, topic: refs.topics } as const;
      if (c.field !== 'query' && c.field !== 'topic') return;
      const known = lists[c.field];
      if (!known) return;
      const set = new Set(known);
      c.in.forEach((name, k) => check(`rules[${i}].when[${j}].in[${k}]`, label, c.field === 'query' ? 'listening query' : 'topic', name, set, known));
    });
    if (catchAll !== null && rule.enabled) {
      warnings.push({ path: `rules[${i}]`, message: `${label}never reached: ${ruleLabel(input, catchAll)} above it matches everything and stops` });
    }
    if (catchAll === null && rule.enabled && rule.when.length === 0 && !rule.continue) catchAll = i;
  });
  return { errors, warnings };
}

/** Schema + references. Unknown names are errors; a rule that can never fire is a warning. */
export function parseTriageConfig(input: unknown, refs: TriageRefs): TriageParse {
  const parsed = triageConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: describeConfigIssues(parsed.error, input) };
  const { errors, warnings } = checkRefs(parsed.data, refs, input);
  return errors.length ? { ok: false, errors } : { ok: true, config: parsed.data, warnings };
}
