// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientErrorReport } from '../../shared/client-errors';
import { PanelBoundary, RestartNote, restartDelay } from '../../renderer/src/components/panel-boundary';
import { DEBUG_KEY, DEBUG_VALUE, DRILL_EVENT, installCrashDrills } from '../../renderer/src/lib/crash-drill';
import { errorReporter } from '../../renderer/src/lib/error-report';
import { ManualClock } from './helpers/manual-clock';

/** Throws on every render until the test's clock reaches `healsAt`. */
function Flaky({ timers, healsAt }: { timers: ManualClock; healsAt: number }) {
  if (timers.now() < healsAt) throw new Error('flaky panel');
  return (
    <div data-testid="flaky-ok">
      fine <RestartNote />
    </div>
  );
}

let sent: ClientErrorReport[];
let unset: () => void;
beforeEach(() => {
  sent = [];
  unset = errorReporter.setSink(async (r) => void sent.push(r));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  unset();
  vi.restoreAllMocks();
});

describe('a panel that throws', () => {
  it('shows a note instead, reports the error, and comes back after 1 s, 2 s, 4 s while the rest of the screen stays', () => {
    const timers = new ManualClock();
    const advance = (ms: number) => act(() => timers.advance(ms));
    render(
      <div>
        <p data-testid="neighbour">the rest of the wall</p>
        <PanelBoundary panel="column:test" label="Column #test" timers={timers}>
          <Flaky timers={timers} healsAt={timers.now() + 6_000} />
        </PanelBoundary>
      </div>,
    );
    expect(screen.getByTestId('panel-restarting').textContent).toBe('Column #test hit an error and restarts in 1 s.');
    expect(screen.getByTestId('neighbour')).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ where: 'panel', panel: 'column:test', message: 'flaky panel' });
    expect(sent[0]!.stack).toContain('Component stack:');

    advance(999);
    expect(screen.queryByTestId('flaky-ok')).toBeNull();
    advance(1);
    // Failed again on remount: the wait doubles.
    expect(screen.getByTestId('panel-restarting').textContent).toContain('restarts in 2 s');
    advance(2_000);
    expect(screen.getByTestId('panel-restarting').textContent).toContain('restarts in 4 s');
    advance(4_000);
    expect(screen.getByTestId('flaky-ok')).toBeTruthy();
    expect(screen.getByTestId('panel-restarted').textContent).toMatch(/^restarted \d\d:\d\d$/);
    expect(screen.getByTestId('neighbour')).toBeTruthy();
    // The note goes after a minute.
    advance(60_000);
    expect(screen.queryByTestId('panel-restarted')).toBeNull();
  });

  it('waits at most a minute between attempts', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(restartDelay)).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
  });
});

describe('crash drills', () => {
  it('do nothing unless the debug switch is on', () => {
    const win = new EventTarget() as unknown as Window;
    const add = vi.spyOn(win, 'addEventListener');
    expect(installCrashDrills(win, { getItem: () => null })).toBe(false);
    expect(installCrashDrills(win, { getItem: () => 'yes' })).toBe(false);
    expect(
      installCrashDrills(win, {
        getItem: () => {
          throw new Error('storage disabled');
        },
      }),
    ).toBe(false);
    expect(add).not.toHaveBeenCalled();
  });

  it('with the switch on, make the named panel throw into its boundary, which brings it back', () => {
    expect(installCrashDrills(window, { getItem: (k) => (k === DEBUG_KEY ? DEBUG_VALUE : null) })).toBe(true);
    const timers = new ManualClock();
    const advance = (ms: number) => act(() => timers.advance(ms));
    render(
      <PanelBoundary panel="header:clock" label="Clock" timers={timers}>
        <span data-testid="clock-ok">12:00</span>
      </PanelBoundary>,
    );
    act(() => void window.dispatchEvent(new CustomEvent(DRILL_EVENT, { detail: { panel: 'header:clock' } })));
    expect(screen.getByTestId('panel-restarting').textContent).toContain('Clock hit an error');
    expect(sent.at(-1)).toMatchObject({ panel: 'header:clock', message: 'crash drill in header:clock' });
    advance(1_000);
    expect(screen.getByTestId('clock-ok')).toBeTruthy();
  });
});
