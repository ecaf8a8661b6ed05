import type { MethodName } from '../../../shared/methods.js';
import type { Store } from '../store/store.js';
import { shareOfVoice } from '../topics/share-of-voice.js';
import { removeTopic, saveTopic, type TopicsDeps } from '../topics/topics-service.js';
import type { Handlers } from './handlers.js';

type TopicsMethod = Extract<MethodName, `topics.${string}`>;

export type TopicsHandlerDeps = TopicsDeps & { store: Store };

/** topics.*: leads manage topics (the dispatcher checks the role); everyone reads them and share of voice. */
export function createTopicsHandlers(d: TopicsHandlerDeps): Pick<Handlers, TopicsMethod> {
  const { store, clock, retagger } = d;
  return {
    'topics.list': () => ({ topics: store.topics.list(), retag: retagger.current() }),
    'topics.save': (user, p) => saveTopic(d, p, user.name),
    'topics.remove': (_user, p) => ({ ok: true, retag: removeTopic(d, p.id) }),
    'topics.retag': () => ({ retag: retagger.start(null) }),
    'topics.shareOfVoice': (_user, p) => shareOfVoice(store.topics, store.topics.list(), p, clock.now()),
  };
}
