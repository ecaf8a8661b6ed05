import type { Priority } from '../../../shared/queue-sla.js';
import { normalizeHandle, type RuleVerdict, type TriageConfig, type TriageExplanation, type TriageItem, type TriageOutcome, type TriageRule } from '../../../shared/queue-rules.js';
import { compileCondition, normalizeItem, type CompiledCondition } from './triage-conditions.js';

/**
 * Triage: ordered rules, first match wins; a rule marked `continue` applies and lets later rules
 * go on. An earlier rule outranks a later one: a field (team, priority, SLA) is set by the first
 * matching rule that sets it, later rules only fill what is still unset; tags add up. The default
 * route fills the rest.
 */

export interface TriageDeps {
  /** The listening-query matcher (issue 10); required only when a rule has a `query` condition. */
  matchesQuery?: (queryId: string, item: TriageItem) => boolean;
}

interface CompiledRule {
  rule: TriageRule;
  conditions: CompiledCondition[];
}

export interface Triage {
  /** The route for one item: hot path, no explanation built. */
  route(item: TriageItem): TriageOutcome;
  /** The rule tester: the same decision, plus every rule's verdict and every condition's reason. */
  explain(item: TriageItem): TriageExplanation;
}

interface Decision {
  team: string | null;
  priority: Priority | null;
  sla: string | null | undefined;
  tags: string[];
  matched: string[];
  decidedBy: TriageOutcome['decidedBy'];
}

function emptyDecision(): Decision {
  return { team: null, priority: null, sla: undefined, tags: [], matched: [], decidedBy: { team: null, priority: null, sla: null } };
}

function apply(d: Decision, rule: TriageRule): void {
  d.matched.push(rule.id);
  const then = rule.then;
  if (d.team === null && then.team !== undefined) {
    d.team = then.team;
    d.decidedBy.team = rule.id;
  }
  if (d.priority === null && then.priority !== undefined) {
    d.priority = then.priority;
    d.decidedBy.priority = rule.id;
  }
  if (d.sla === undefined && then.sla !== undefined) {
    d.sla = then.sla;
    d.decidedBy.sla = rule.id;
  }
  for (const t of then.tags) if (!d.tags.includes(t)) d.tags.push(t);
}

function finish(d: Decision, config: TriageConfig): TriageOutcome {
  const def = config.defaultRoute;
  const tags = [...d.tags];
  for (const t of def.tags) if (!tags.includes(t)) tags.push(t);
  return {
    team: d.team ?? def.team,
    priority: d.priority ?? def.priority,
    sla: d.sla === undefined ? def.sla : d.sla,
    tags,
    matched: d.matched,
    decidedBy: d.decidedBy,
  };
}

const LABEL_FIELDS = new Set(['intent', 'sentiment', 'stage']);

/**
 * Most rules test the item's labels (intent, sentiment, buying stage), which take few values:
 * for each combination, the rules whose label conditions can hold, in order, worked out once.
 * Routing then only looks at those. Exact, because a label condition reads nothing else.
 */
function candidateIndex(rules: CompiledRule[]): (item: TriageItem) => CompiledRule[] {
  const memo = new Map<string, CompiledRule[]>();
  return (item) => {
    const key = `${item.intent}|${item.sentiment}|${item.stage}`;
    let list = memo.get(key);
    if (!list) {
      list = rules.filter((r) => r.conditions.every((c) => !LABEL_FIELDS.has(c.field) || c.test(item, item)));
      memo.set(key, list);
    }
    return list;
  };
}

/** Compiles a config already validated by triageConfigSchema (see parseTriageConfig). */
export function compileTriage(config: TriageConfig, deps: TriageDeps = {}): Triage {
  const ctx = { vip: new Set(config.vip.map(normalizeHandle)), matchesQuery: deps.matchesQuery ?? null };
  const all: CompiledRule[] = config.rules.map((rule) => ({ rule, conditions: rule.when.map((c) => compileCondition(c, ctx)) }));
  const enabled = all.filter((r) => r.rule.enabled);
  const candidates = candidateIndex(enabled);

  function route(raw: TriageItem): TriageOutcome {
    const item = normalizeItem(raw);
    const d = emptyDecision();
    for (const { rule, conditions } of candidates(item)) {
      let ok = true;
      for (const c of conditions) {
        if (!c.test(item, raw)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      apply(d, rule);
      if (!rule.continue) break;
    }
    return finish(d, config);
  }

  function explain(raw: TriageItem): TriageExplanation {
    const item = normalizeItem(raw);
    const d = emptyDecision();
    let decidingRule: string | null = null;
    const rules: RuleVerdict[] = all.map(({ rule, conditions }) => {
      const verdicts = conditions.map((c) => {
        const met = c.test(item, raw);
        return { field: c.field, met, because: c.explain(item, raw) };
      });
      const allMet = verdicts.every((v) => v.met);
      let result: RuleVerdict['result'];
      if (!rule.enabled) result = 'disabled';
      else if (decidingRule !== null) result = 'not_reached';
      else if (!allMet) result = 'not_matched';
      else {
        result = 'matched';
        apply(d, rule);
        if (!rule.continue) decidingRule = rule.id;
      }
      return { rule: rule.id, name: rule.name, result, conditions: verdicts };
    });
    return { outcome: finish(d, config), decidingRule, rules };
  }

  return { route, explain };
}
