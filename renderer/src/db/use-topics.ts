import { createContext, useContext } from 'react';
import type { Topic } from '../../../shared/topics';
import type { RetagProgress } from '../../../shared/topics';
import { db } from './db';
import { useLiveRead } from './use-live';

const EMPTY: Topic[] = [];
const byName = (a: Topic, b: Topic) => a.name.localeCompare(b.name);

/** The topics in the replica (streamed as topic.saved / topic.removed), by name. */
export function useTopics(): Topic[] {
  return useLiveRead(async () => (await db.topics.toArray()).sort(byName), []) ?? EMPTY;
}

/** The last re-tag run the stream reported (Settings → Topics shows its progress). */
export function useRetagProgress(): RetagProgress | null {
  return useLiveRead(async () => ((await db.meta.get('retag'))?.value as RetagProgress | undefined) ?? null, []) ?? null;
}

/**
 * The topics a view's item cards name their chips with: provided once per view, so a hundred
 * cards don't each run a live query.
 */
export const TopicsContext = createContext<readonly Topic[]>(EMPTY);
export const useTopicsInView = () => useContext(TopicsContext);
