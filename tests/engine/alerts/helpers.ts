import { alertRuleSchema, type AlertRule, type AlertRuleInput } from '../../../shared/alerts.js';
import type { AlertPost, PostPredicate } from '../../../electron/engine/alerts/evaluator.js';

/** Stand-in for issue 10's matcher: every word of the query, case-insensitive; "BAD(" does not compile. */
export function compileWords(query: string): PostPredicate {
  if (query.includes('(')) throw new Error(`unbalanced parenthesis in ${JSON.stringify(query)}`);
  const words = query.toLowerCase().split(/\s+/u).filter(Boolean);
  return (post) => {
    const text = post.text.toLowerCase();
    return words.every((w) => text.includes(w));
  };
}

export function rule(input: AlertRuleInput): AlertRule {
  return alertRuleSchema.parse(input);
}

let n = 0;
export function alertPost(text: string, over: Partial<AlertPost> = {}): AlertPost {
  n++;
  return { itemId: n, text, author: { handle: `user${n % 50}@social.example`, followers: 10 }, lang: 'en', ...over };
}

/** Ids a test can predict. */
export function sequentialIds(prefix = 'a'): () => string {
  let i = 0;
  return () => `${prefix}-${++i}`;
}
