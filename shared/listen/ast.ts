import type { QueryField } from '../understanding.js';

/** Offsets into the query text, `start` inclusive, `end` exclusive. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** A folded single word: `refund`. */
export interface TermNode extends SourceSpan {
  type: 'term';
  value: string;
}
/** Consecutive folded words: `"cold brew"`. */
export interface PhraseNode extends SourceSpan {
  type: 'phrase';
  words: string[];
}
/** A word starting with `prefix`: `refun*`. */
export interface WildcardNode extends SourceSpan {
  type: 'wildcard';
  prefix: string;
}
export interface HashtagNode extends SourceSpan {
  type: 'hashtag';
  value: string;
}
/** `@name` (any instance) or `@name@instance.example`. */
export interface MentionNode extends SourceSpan {
  type: 'mention';
  value: string;
}
export interface FieldNode extends SourceSpan {
  type: 'field';
  field: QueryField;
  value: string;
}
export interface AndNode extends SourceSpan {
  type: 'and';
  children: QueryNode[];
}
export interface OrNode extends SourceSpan {
  type: 'or';
  children: QueryNode[];
}
export interface NotNode extends SourceSpan {
  type: 'not';
  child: QueryNode;
}
/** `left NEAR/n right`: at most `distance` word positions apart; `ordered` (NEAR/nf): left first. */
export interface NearNode extends SourceSpan {
  type: 'near';
  left: QueryNode;
  right: QueryNode;
  distance: number;
  ordered: boolean;
}

export type QueryNode = TermNode | PhraseNode | WildcardNode | HashtagNode | MentionNode | FieldNode | AndNode | OrNode | NotNode | NearNode;

/** Nodes that have word positions in a post, so NEAR can join them. */
export function isPositional(n: QueryNode): boolean {
  switch (n.type) {
    case 'term':
    case 'phrase':
    case 'wildcard':
    case 'hashtag':
    case 'mention':
    case 'near':
      return true;
    case 'or':
      return n.children.every(isPositional);
    default:
      return false;
  }
}

/** The tree without source positions: what "the same query" means. */
export function stripSpans(n: QueryNode): unknown {
  switch (n.type) {
    case 'and':
    case 'or':
      return { type: n.type, children: n.children.map(stripSpans) };
    case 'not':
      return { type: 'not', child: stripSpans(n.child) };
    case 'near':
      return { type: 'near', left: stripSpans(n.left), right: stripSpans(n.right), distance: n.distance, ordered: n.ordered };
    default: {
      const { start: _s, end: _e, ...rest } = n;
      return rest;
    }
  }
}

/** Limits that keep a hostile or accidental query from costing more than it is worth. */
export const QUERY_LIMITS = { maxLength: 4000, maxDepth: 64, maxNear: 100 } as const;
