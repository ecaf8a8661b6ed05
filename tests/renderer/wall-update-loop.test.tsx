// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BigClock } from '../../renderer/src/components/big-clock';
import { WallItem } from '../../renderer/src/features/wall/wall-item';
import { makeItem } from './helpers/items';

/**
 * React error #185 ("Maximum update depth exceeded") blanked the wall about 15 s after it opened,
 * when the item times' shared 15 s ticker first fired. Every tick re-rendered every item time;
 * useNow handed useSyncExternalStore a new `subscribe` function on every render, so each re-render
 * unsubscribed all of them (the last one stopped the timer) and subscribed again (the first one
 * restarted it and reset `now` to Date.now()). Re-rendering a column of items takes more than a
 * millisecond, so `now` had always moved on: every item saw a new snapshot and re-rendered, and
 * round it went until React gave up and unmounted the whole wall.
 *
 * The clock here moves forward a millisecond each time it is read: in a browser, time passes while
 * React renders a few hundred items; under fake timers it would stand still and hide the loop.
 */
describe('the wall\'s clock-driven re-renders', () => {
  let errors: unknown[];
  const onWindowError = (e: ErrorEvent) => {
    errors.push(e.error);
    e.preventDefault();
  };

  beforeEach(() => {
    errors = [];
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    let now = Date.UTC(2025, 2, 4, 12, 5, 0);
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1));
    window.addEventListener('error', onWindowError);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    cleanup();
    window.removeEventListener('error', onWindowError);
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('a screen of item times and the clock survive their tickers firing, and keep showing the items', () => {
    const items = Array.from({ length: 60 }, (_, i) => makeItem(i + 1, { html: '' }));
    render(
      <div>
        <BigClock />
        {items.map((item) => (
          <WallItem key={item.id} item={item} fresh={false} />
        ))}
      </div>,
    );
    expect(screen.getAllByTestId('wall-item')).toHaveLength(60);

    let thrown: unknown = null;
    try {
      // Four item-time ticks and sixty clock ticks.
      for (let s = 0; s < 60; s++) act(() => vi.advanceTimersByTime(1_000));
    } catch (err) {
      thrown = err;
    }
    const messages = [thrown, ...errors].filter(Boolean).map((e) => String((e as Error).message ?? e));
    expect(messages).toEqual([]);
    expect(screen.getAllByTestId('wall-item')).toHaveLength(60);
    expect(screen.getByTestId('clock')).toBeTruthy();
  });

  it('the times still move on with their tickers', () => {
    vi.restoreAllMocks();
    vi.useFakeTimers({ now: Date.UTC(2025, 2, 4, 12, 5, 0) });
    render(<WallItem item={makeItem(1, { html: '', createdAt: new Date(Date.now()).toISOString() })} fresh={false} />);
    expect(screen.getByText('just now')).toBeTruthy();
    act(() => vi.advanceTimersByTime(75_000));
    expect(screen.getByText('1 min ago')).toBeTruthy();
  });
});
