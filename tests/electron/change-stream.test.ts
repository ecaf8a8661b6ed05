import { describe, expect, it } from 'vitest';
import type { BridgeEvent } from '../../shared/bridge.js';
import type { UserView } from '../../shared/domain.js';
import { createChangeStreams, REPLAY_PAGE, type ChangeEventMessage } from '../../electron/main/change-stream.js';
import { FAKE_FEED_ID, fakeContents, fakeEngine, removed } from './fakes.js';

const user: UserView = { name: 'admin', role: 'admin' };

function events(contents: ReturnType<typeof fakeContents>, id?: number): BridgeEvent[] {
  return contents.sent
    .map((s) => s.payload as ChangeEventMessage)
    .filter((m) => id === undefined || m.id === id)
    .map((m) => m.event);
}

function seqs(evts: BridgeEvent[]): number[] {
  return evts.flatMap((e) => (e.type === 'changes' ? e.envs.map((env) => env.seq) : []));
}

/** A scheduler the test drives: replay pages run only when `flush` is called. */
function manualSchedule() {
  const queue: Array<() => void> = [];
  return {
    schedule: (fn: () => void) => {
      queue.push(fn);
      return () => undefined;
    },
    flush() {
      while (queue.length) queue.shift()!();
    },
  };
}

describe('change streams', () => {
  it('sends ready first, then everything after since, then live changes', () => {
    const engine = fakeEngine();
    engine.commit(removed('a'), removed('b'), removed('c'));
    const streams = createChangeStreams(engine);
    const contents = fakeContents();
    streams.subscribe(contents, 'page', 1, 1, user);
    engine.commit(removed('d'));
    const evts = events(contents);
    expect(evts[0]).toEqual({ type: 'ready', seq: 3, user, feedId: FAKE_FEED_ID });
    expect(seqs(evts)).toEqual([2, 3, 4]);
    expect(contents.sent.every((s) => s.channel === 'changes:event')).toBe(true);
  });

  it('since null starts at the current seq without replay', () => {
    const engine = fakeEngine();
    engine.commit(removed('a'));
    const streams = createChangeStreams(engine);
    const contents = fakeContents();
    streams.subscribe(contents, 'page', 1, null, user);
    engine.commit(removed('b'));
    expect(seqs(events(contents))).toEqual([2]);
  });

  it('a since past the feed starts over at the current seq (ready.seq < since)', () => {
    const engine = fakeEngine();
    engine.commit(removed('a'));
    const streams = createChangeStreams(engine);
    const contents = fakeContents();
    streams.subscribe(contents, 'page', 1, 50, user);
    engine.commit(removed('b'));
    expect(events(contents)[0]).toEqual({ type: 'ready', seq: 1, user, feedId: FAKE_FEED_ID });
    expect(seqs(events(contents))).toEqual([2]);
  });

  it('a since from another feed (a replaced data dir) starts over at the current seq, naming the feed', () => {
    const engine = fakeEngine();
    engine.commit(removed('a'), removed('b'), removed('c'));
    const streams = createChangeStreams(engine);
    const contents = fakeContents();
    streams.subscribe(contents, 'page', 1, 1, user, 'an-older-feed');
    engine.commit(removed('d'));
    expect(events(contents)[0]).toEqual({ type: 'ready', seq: 3, user, feedId: FAKE_FEED_ID });
    expect(seqs(events(contents))).toEqual([4]);
  });

  it('replays long histories in pages without gaps or duplicates while changes keep coming', () => {
    const engine = fakeEngine();
    for (let i = 0; i < REPLAY_PAGE * 2 + 10; i++) engine.commit(removed(String(i)));
    const clock = manualSchedule();
    const streams = createChangeStreams(engine, clock.schedule);
    const contents = fakeContents();
    streams.subscribe(contents, 'page', 1, 0, user);
    // Commits during the replay: the listener ignores them, the replay reads them from the feed.
    engine.commit(removed('late-1'));
    clock.flush();
    engine.commit(removed('late-2'));
    const got = seqs(events(contents));
    const total = REPLAY_PAGE * 2 + 12;
    expect(got).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('keeps several subscriptions of one page apart', () => {
    const engine = fakeEngine();
    const streams = createChangeStreams(engine);
    const contents = fakeContents();
    streams.subscribe(contents, 'page', 1, null, user);
    streams.subscribe(contents, 'page', 2, null, user);
    engine.commit(removed('a'));
    expect(seqs(events(contents, 1))).toEqual([1]);
    expect(seqs(events(contents, 2))).toEqual([1]);
    expect(streams.unsubscribe(contents.id, 'page', 1)).toBe(true);
    engine.commit(removed('b'));
    expect(seqs(events(contents, 1))).toEqual([1]);
    expect(seqs(events(contents, 2))).toEqual([1, 2]);
  });

  it('drops the old page’s streams when the window reloads (new page id)', () => {
    const engine = fakeEngine();
    const streams = createChangeStreams(engine);
    const contents = fakeContents();
    streams.subscribe(contents, 'old', 1, null, user);
    streams.subscribe(contents, 'new', 1, null, user);
    expect(streams.count()).toBe(1);
    expect(engine.listenerCount()).toBe(1);
    // A late unsubscribe from the old page touches nothing.
    expect(streams.unsubscribe(contents.id, 'old', 1)).toBe(false);
    expect(streams.count()).toBe(1);
  });

  it('ends a stream whose webContents is destroyed or cannot be sent to', () => {
    const engine = fakeEngine();
    const streams = createChangeStreams(engine);
    const a = fakeContents(1);
    const b = fakeContents(2);
    streams.subscribe(a, 'p', 1, null, user);
    streams.subscribe(b, 'p', 1, null, user);
    a.destroy();
    expect(engine.listenerCount()).toBe(1);
    b.send = () => {
      throw new Error('gone');
    };
    engine.commit(removed('x'));
    expect(engine.listenerCount()).toBe(0);
    expect(streams.count()).toBe(0);
  });
});
