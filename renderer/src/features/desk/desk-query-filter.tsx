import { useEffect, useMemo, useState, type Ref } from 'react';
import { QueryEditor } from '../../components/query-editor/query-editor';
import { useTopics } from '../../db/use-topics';
import { browserStorage } from '../../store/storage';
import { checkQuery } from '../../../../shared/listen';
import type { ConversationView } from '../../../../shared/queue-views';
import { conversationFilter, evaluateInSlices, loadDeskQuery, saveDeskQuery, type ConversationPredicate } from './desk-query';

interface QueryState {
  user: string;
  /** As typed (remembered per user, errors and all, so nothing typed is lost). */
  query: string;
  /** The last query that parsed: the list keeps it while the typed one has an error. */
  valid: string;
}

function stateFor(user: string, query: string, previousValid = ''): QueryState {
  return { user, query, valid: !query.trim() || checkQuery(query) === null ? query : previousValid };
}

/** The signed-in user's desk query: what they typed, and the predicate the list applies over `conversations`. */
export function useDeskQuery(user: string, conversations: readonly ConversationView[]): { query: string; setQuery(q: string): void; keep: ConversationPredicate | null } {
  const storage = useMemo(() => browserStorage(), []);
  const [state, setState] = useState<QueryState>(() => stateFor(user, loadDeskQuery(storage, user)));
  const current = state.user === user ? state : stateFor(user, loadDeskQuery(storage, user));
  if (current !== state) setState(current);
  const topics = useTopics();
  const candidate = useMemo(() => conversationFilter(current.valid, topics), [current.valid, topics]);
  // The list keeps the filter it has until the new one has been run over the whole queue in
  // small slices: typing stays responsive and no task blocks the page, however long the queue.
  const [keep, setKeep] = useState<ConversationPredicate | null>(null);
  useEffect(() => {
    if (candidate === null) return setKeep(null);
    return evaluateInSlices(candidate, conversations, () => setKeep(() => candidate));
  }, [candidate, conversations]);
  return {
    query: current.query,
    keep,
    setQuery: (q) => {
      saveDeskQuery(storage, user, q);
      setState((s) => stateFor(user, q, s.user === user ? s.valid : ''));
    },
  };
}

/** The desk's filter: a listening query over the conversations, with the query editor's help and errors. */
export function DeskQueryFilter(props: { query: string; onChange(q: string): void; matched: number; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className="desk-query" ref={props.ref}>
      <QueryEditor
        label="Filter conversations (a query; / to focus)"
        value={props.query}
        onChange={props.onChange}
        topics={[]}
        testId="desk-filter"
        preview={
          <p className="hint" data-testid="desk-filter-count" aria-live="polite">
            {props.matched === 1 ? '1 conversation matches' : `${props.matched} conversations match`} in this view.
          </p>
        }
      />
    </div>
  );
}
