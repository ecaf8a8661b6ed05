import { describe, expect, it } from 'vitest';
import type { StreamSink } from '../../../electron/engine/stream/change-stream.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { memorySecrets, openEngine, tmpDb, users } from '../publish/harness.js';

describe('engine.stop() ends its change streams', () => {
  it('a stream waiting for a full socket to drain reads the store no more once the engine stops (its owner closes the store next)', async () => {
    const t = await openEngine(tmpDb(), new FakeClock(), memorySecrets(), null);
    let backlogChecks = 0;
    // A client that stopped reading: catch-up waits for the socket to drain, checking every 10 ms.
    const sink: StreamSink = { ready: () => undefined, changes: () => undefined, backlog: () => (backlogChecks++, 10 * 1024 * 1024), tooSlow: () => undefined };
    const stream = t.engine.stream(users.agent, { since: 0, stale: 'refuse' }, sink);
    await new Promise((r) => setTimeout(r, 40));
    expect(backlogChecks).toBeGreaterThan(1);
    await t.engine.stop();
    const atStop = backlogChecks;
    t.store.close();
    await new Promise((r) => setTimeout(r, 60));
    expect(backlogChecks).toBe(atStop);
    // The transport's own close, arriving later, is harmless.
    expect(() => stream.close()).not.toThrow();
  });
});
