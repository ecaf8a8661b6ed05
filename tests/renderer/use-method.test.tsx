// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcError } from '../../shared/errors';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { useMethod } from '../../renderer/src/lib/use-method';
import { FakeTransport } from './helpers/fake-transport';

function Probe({ pollMs = 60_000 }: { pollMs?: number }) {
  const r = useMethod('walls.get', { wallId: 'default' }, ['wall.saved'], pollMs);
  return <p data-testid="probe">{r.data ? `side:${r.data.layout.side}` : r.error ? `error:${r.error}` : 'loading'}</p>;
}

const layout = { layout: { panels: ['alerts'], side: 'end' } };
const text = () => screen.getByTestId('probe').textContent;

describe('useMethod: a first load that fails is retried promptly, with backoff, not at the next poll', () => {
  let t: FakeTransport;
  let release: () => void;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    t = new FakeTransport();
    release = setRpcTransport(t);
  });
  afterEach(() => {
    cleanup();
    release();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const answerLast = async (fn: (c: FakeTransport['calls'][number]) => void) => {
    await act(async () => {
      fn(t.calls.at(-1)!);
      await Promise.resolve();
    });
  };
  const advance = async (ms: number) => {
    await act(async () => {
      vi.advanceTimersByTime(ms);
      await Promise.resolve();
    });
  };

  it('retries after 1 s, 2 s, 4 s … while the load keeps failing, then shows the answer', async () => {
    render(<Probe />);
    expect(t.calls).toHaveLength(1);
    await answerLast((c) => c.reject(new RpcError('internal', 'The hub did not answer walls.get within 30 s')));
    expect(text()).toContain('error:The hub did not answer');
    await advance(999);
    expect(t.calls).toHaveLength(1);
    await advance(1);
    expect(t.calls).toHaveLength(2);
    await answerLast((c) => c.reject(new RpcError('internal', 'still down')));
    await advance(1_999);
    expect(t.calls).toHaveLength(2);
    await advance(1);
    expect(t.calls).toHaveLength(3);
    await answerLast((c) => c.reject(new RpcError('internal', 'still down')));
    await advance(3_999);
    expect(t.calls).toHaveLength(3);
    await advance(1);
    expect(t.calls).toHaveLength(4);
    await answerLast((c) => c.resolve(layout));
    expect(text()).toBe('side:end');
    // Answered: no more retries, only the 60 s poll (7 s of it have passed).
    await advance(52_999);
    expect(t.calls).toHaveLength(4);
    await advance(1_000);
    expect(t.calls).toHaveLength(5);
  });

  it('the backoff stops growing at 30 s and starts over from 1 s after a success', async () => {
    render(<Probe pollMs={600_000} />);
    for (const wait of [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]) {
      await answerLast((c) => c.reject(new RpcError('internal', 'down')));
      const n = t.calls.length;
      await advance(wait - 1);
      expect(t.calls).toHaveLength(n);
      await advance(1);
      expect(t.calls).toHaveLength(n + 1);
    }
    await answerLast((c) => c.resolve(layout));
    await advance(600_000 - 91_000);
    expect(t.calls).toHaveLength(9);
    await answerLast((c) => c.reject(new RpcError('internal', 'down again')));
    // The last good answer stays on screen while the refetch is retried.
    expect(text()).toBe('side:end');
    const n = t.calls.length;
    await advance(1_000);
    expect(t.calls).toHaveLength(n + 1);
  });
});
