import type { Clock } from '../../../shared/clock.js';
import { RpcError } from '../../../shared/errors.js';
import { ParseError, parseTopicQuery } from '../../../shared/listen/index.js';
import { topicSlug, type RetagProgress, type Topic, type TopicKind } from '../../../shared/topics.js';
import type { Store } from '../store/store.js';
import type { Retagger } from './retag.js';
import type { TopicMatcher } from './topic-matcher.js';

export interface TopicInput {
  id?: string | undefined;
  name: string;
  kind: TopicKind;
  query: string;
}

export interface TopicsDeps {
  store: Store;
  clock: Clock;
  matcher: TopicMatcher;
  retagger: Retagger;
}

/** One line a query editor (or a script) can act on: what, where (1-based column) and what to write instead. */
export function describeParseError(field: string, err: ParseError): string {
  return `${field}: ${err.message} at column ${err.position + 1} — ${err.hint}`;
}

function checkedQuery(query: string): void {
  try {
    parseTopicQuery(query);
  } catch (err) {
    if (err instanceof ParseError) throw new RpcError('invalid_input', describeParseError('query', err));
    throw err;
  }
}

function freeId(store: Store, name: string): string {
  const base = topicSlug(name);
  let id = base;
  for (let n = 2; store.topics.get(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Saves a topic (new, or an edit of one by id). The matcher takes the new query at once, so posts
 * ingested from now on are tagged with it; a changed query re-tags recent items in the background.
 */
export function saveTopic(d: TopicsDeps, input: TopicInput, actor: string): { topic: Topic; retag: RetagProgress | null } {
  const { store } = d;
  checkedQuery(input.query);
  const existing = input.id !== undefined ? store.topics.get(input.id) : null;
  if (input.id !== undefined && !existing) throw new RpcError('not_found', `No topic "${input.id}".`);
  const clash = store.topics.list().find((t) => t.id !== existing?.id && t.name.toLocaleLowerCase() === input.name.toLocaleLowerCase());
  if (clash) throw new RpcError('conflict', `A topic is already called "${clash.name}": pick another name or edit that one.`);
  const now = new Date(d.clock.now()).toISOString();
  const topic: Topic = {
    id: existing?.id ?? freeId(store, input.name),
    name: input.name,
    kind: input.kind,
    query: input.query,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    updatedBy: actor,
  };
  store.write(() => {
    store.topics.save(topic);
    store.changes.append({ kind: 'topic.saved', topic }, now);
  });
  d.matcher.set(topic);
  const retag = existing?.query === topic.query ? null : d.retagger.start(topic.id);
  return { topic, retag };
}

/** Removes a topic and its counts; recent items lose it in the background re-tag. */
export function removeTopic(d: TopicsDeps, id: string): RetagProgress {
  const { store } = d;
  const now = new Date(d.clock.now()).toISOString();
  const removed = store.write(() => {
    if (!store.topics.remove(id)) return false;
    store.changes.append({ kind: 'topic.removed', id }, now);
    return true;
  });
  if (!removed) throw new RpcError('not_found', `No topic "${id}".`);
  d.matcher.delete(id);
  return d.retagger.start(id);
}
