import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_LIMITS, clientErrorParams, type ClientErrorReport } from '../../shared/client-errors';
import { nextReloadDelay, RELOAD_FIRST_MS, RELOAD_MAX_MS } from '../../renderer/src/app/app-boundary';
import { ErrorReporter } from '../../renderer/src/lib/error-report';
import { memoryStorage } from '../../renderer/src/store/storage';

function reporter(opts: ConstructorParameters<typeof ErrorReporter>[0] = {}) {
  let now = 1_000_000;
  const sent: ClientErrorReport[] = [];
  const r = new ErrorReporter({ now: () => now, ...opts });
  return { r, sent, sink: async (x: ClientErrorReport) => void sent.push(x), advance: (ms: number) => (now += ms) };
}

describe('error reports from a screen', () => {
  it('sends the message and stack, cut to the contract\'s caps, and the host would accept it', () => {
    const { r, sent, sink } = reporter({ route: () => '#/wall?name=lobby' });
    r.setSink(sink);
    const err = new Error('m'.repeat(5_000));
    err.stack = `Error: boom\n${'    at frame (x.js:1:1)\n'.repeat(2_000)}`;
    expect(r.report(err, { where: 'panel', panel: 'column:all' })).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.length).toBeLessThanOrEqual(CLIENT_ERROR_LIMITS.message);
    expect(sent[0]!.stack!.length).toBeLessThanOrEqual(CLIENT_ERROR_LIMITS.stack);
    expect(sent[0]).toMatchObject({ where: 'panel', panel: 'column:all', route: '#/wall?name=lobby', suppressed: 0 });
    expect(clientErrorParams.safeParse(sent[0]).success).toBe(true);
  });

  it('holds reports until there is a connection, keeping only the last few', () => {
    const { r, sent, sink } = reporter({ queueMax: 2 });
    for (const m of ['a', 'b', 'c']) r.report(new Error(m), { where: 'window' });
    expect(sent).toEqual([]);
    r.setSink(sink);
    expect(sent.map((s) => s.message)).toEqual(['b', 'c']);
  });

  it('rate-limits: the same error once per repeat window, at most perWindow a minute, and says how many it held back', () => {
    const { r, sent, sink, advance } = reporter({ perWindow: 3, windowMs: 60_000, repeatMs: 300_000 });
    r.setSink(sink);
    // A panel failing on every render at crisis rates: one report.
    for (let i = 0; i < 100; i++) r.report(new Error('same'), { where: 'panel', panel: 'column:all' });
    expect(sent).toHaveLength(1);
    for (let i = 0; i < 10; i++) r.report(new Error(`distinct ${i}`), { where: 'window' });
    expect(sent).toHaveLength(3);
    advance(60_000);
    r.report(new Error('next minute'), { where: 'promise' });
    expect(sent).toHaveLength(4);
    // Each report that goes out carries the count held back since the one before.
    expect(sent.map((s) => s.suppressed)).toEqual([0, 99, 0, 8]);
    expect(sent[3]!.message).toBe('next minute');
  });

  it('describes what is thrown even when it is not an Error', () => {
    const { r, sent, sink } = reporter();
    r.setSink(sink);
    r.report('plain string', { where: 'promise' });
    r.report({ code: 42 }, { where: 'promise' });
    expect(sent.map((s) => s.message)).toEqual(['plain string', '{"code":42}']);
  });
});

describe('reloading a failed page', () => {
  it('waits 5 s, doubling while reloads keep failing soon after, up to 5 minutes; a page that ran a while starts over', () => {
    const storage = memoryStorage();
    const session = { getItem: storage.getItem, setItem: storage.setItem };
    let now = 0;
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = now;
      now += 10_000;
      delays.push(nextReloadDelay(session, now, started));
    }
    expect(delays.slice(0, 4)).toEqual([RELOAD_FIRST_MS, 2 * RELOAD_FIRST_MS, 4 * RELOAD_FIRST_MS, 8 * RELOAD_FIRST_MS]);
    expect(delays.at(-1)).toBe(RELOAD_MAX_MS);
    // Ten minutes of running since the last reload: the wait is the first one again.
    expect(nextReloadDelay(session, now + 600_000, now)).toBe(RELOAD_FIRST_MS);
    expect(nextReloadDelay(null, 0, 0)).toBe(RELOAD_FIRST_MS);
  });
});
