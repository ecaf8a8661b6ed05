import type { Enrichment } from '../../../shared/understanding.js';
import type { AuthorSignals, Enricher } from '../enrich/index.js';
import { matchInputOf, textOf } from '../../../shared/listen/index.js';
import type { TopicMatcher } from '../topics/topic-matcher.js';
import type { Normal } from './normalize.js';

/** The enrich and match stages: what a post is (enrichment) and what it is about (topics). */
export interface Understanding {
  enricher: Enricher;
  topics: TopicMatcher;
}

export interface Understood {
  enrichment: Enrichment;
  topics: string[];
}

export function understand(u: Understanding, n: Normal, author: AuthorSignals | undefined): Understood {
  const enrichment = u.enricher.enrich({ text: textOf(n), platformLang: n.lang, author: { handle: n.author.handle, ...author } });
  return { enrichment, topics: u.topics.match(matchInputOf(n, enrichment)) };
}
