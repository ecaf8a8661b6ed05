import type { QueryNode } from '../../../shared/listen/ast.js';
import { prepareMatchDoc, TOKEN_HASHTAG } from '../../../shared/listen/match-doc.js';
import type { MatchInput } from '../../../shared/listen/match-input.js';
import { foldText } from '../../../shared/text-fold.js';

type Span = [number, number];

/**
 * The query semantics written the slow, obvious way: scan the post's words for every leaf, no
 * automaton, no trigger index. The matcher must agree with it on every query and post.
 */
export function naiveMatches(q: QueryNode, input: MatchInput): boolean {
  const doc = prepareMatchDoc(input);
  const { words } = doc;
  const host = (u: string) => /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(u)?.[1]?.toLowerCase().replace(/^www\./, '') ?? null;
  const handle = (h: string) => foldText(h).replace(/^@/, '');

  function field(name: string, v: string): boolean {
    switch (name) {
      case 'author': {
        const a = handle(input.author);
        return a === v || a.split('@')[0] === v;
      }
      case 'platform':
        return input.platform === v;
      case 'lang':
        return (input.lang ?? '').toLowerCase().split(/[-_]/)[0] === v;
      case 'site':
        return [input.url, ...(input.links ?? [])].some((u) => {
          const h = u ? host(u) : null;
          return h !== null && (h === v || h.endsWith(`.${v}`));
        });
      case 'is':
        return input.isReply;
      case 'has':
        return input.hasMedia;
      case 'sentiment':
        return input.sentiment === v;
      case 'intent':
        return input.intent === v;
      case 'stage':
        return input.stage === v;
      case 'topic':
        return input.topics.some((t) => foldText(t).trim().replace(/\s+/g, ' ') === v);
    }
    return false;
  }

  function spans(n: QueryNode): Span[] {
    const out: Span[] = [];
    switch (n.type) {
      case 'term':
        words.forEach((w, i) => w === n.value && out.push([i, i]));
        break;
      case 'wildcard':
        words.forEach((w, i) => w.startsWith(n.prefix) && out.push([i, i]));
        break;
      case 'phrase':
        for (let i = 0; i + n.words.length <= words.length; i++) {
          if (n.words.every((w, k) => words[i + k] === w)) out.push([i, i + n.words.length - 1]);
        }
        break;
      case 'hashtag':
        words.forEach((w, i) => doc.kinds[i] === TOKEN_HASHTAG && w === n.value && out.push([i, i]));
        break;
      case 'mention':
        for (const p of doc.mentionAt.get(n.value) ?? []) out.push([p, p]);
        break;
      case 'or':
        for (const c of n.children) out.push(...spans(c));
        break;
      case 'near':
        for (const [ls, le] of spans(n.left)) {
          for (const [rs, re] of spans(n.right)) {
            if (rs > le && rs - le <= n.distance) out.push([ls, re]);
            else if (!n.ordered && ls > re && ls - re <= n.distance) out.push([rs, le]);
          }
        }
        break;
    }
    return out;
  }

  function test(n: QueryNode): boolean {
    switch (n.type) {
      case 'hashtag':
        return doc.tags.has(n.value);
      case 'mention':
        return doc.mentions.has(n.value);
      case 'field':
        return field(n.field, n.value);
      case 'and':
        return n.children.every(test);
      case 'or':
        return n.children.some(test);
      case 'not':
        return !test(n.child);
      default:
        return spans(n).length > 0;
    }
  }
  return test(q);
}
