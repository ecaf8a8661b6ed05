// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WALL_LAYOUT, WALL_PANELS, type WallPanelId } from '../../shared/alerts';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { WallPanels } from '../../renderer/src/features/wall-panels/wall-panels';
import { appStore } from '../../renderer/src/store/app-store';
import { FakeTransport } from './helpers/fake-transport';

const stats = { total: { team: 'all', open: 7, unanswered: 3, oldestWaitingSince: null, slaAttainment: 0.9, medianFirstResponseMs: 120_000 }, teams: [] };

describe('the wall layout chooses every panel, the queue’s tiles and share of voice included', () => {
  let t: FakeTransport;
  let release: () => void;
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    t = new FakeTransport();
    release = setRpcTransport(t);
  });
  afterEach(() => {
    cleanup();
    release();
    vi.restoreAllMocks();
    appStore.setState({ user: null });
  });
  const answer = async (method: string, result: unknown) => {
    await act(async () => {
      const call = t.calls.find((c) => c.method === method);
      if (!call) throw new Error(`no ${method} call; calls: ${t.calls.map((c) => c.method).join(', ')}`);
      t.calls.splice(t.calls.indexOf(call), 1);
      call.resolve(result);
      await Promise.resolve();
    });
  };
  const layout = (panels: WallPanelId[]) => ({ wallId: 'default', layout: { panels, side: 'end' }, updatedBy: null, updatedAt: null });

  it('a wall nobody arranged shows the queue’s tiles among its panels', async () => {
    expect(DEFAULT_WALL_LAYOUT.panels).toContain('queue');
    render(<WallPanels wallName="" editable={false} />);
    await answer('walls.get', layout(['queue']));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    await answer('queue.stats', stats);
    expect(screen.getByTestId('queue-tiles').closest('[data-testid="wall-panels"]')).not.toBeNull();
    expect(screen.getByTestId('queue-tile-open').textContent).toContain('7');
  });

  it('a layout without the queue shows no tiles and never asks for them', async () => {
    render(<WallPanels wallName="" editable={false} />);
    await answer('walls.get', layout(['alerts']));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    expect(screen.queryByTestId('queue-tiles')).toBeNull();
    expect(t.calls.some((c) => c.method === 'queue.stats')).toBe(false);
  });

  it('a panel this screen does not know (a layout from a newer hub) is skipped, not a crash', async () => {
    render(<WallPanels wallName="" editable={false} />);
    await answer('walls.get', layout(['future-panel' as WallPanelId, 'queue']));
    await act(async () => {
      await new Promise((r) => setTimeout(r, 5));
    });
    await answer('queue.stats', stats);
    expect(screen.getByTestId('queue-tiles')).toBeTruthy();
  });

  it('a lead arranging the wall can choose the queue’s tiles and share of voice like any panel', async () => {
    appStore.setState({ user: { name: 'lee', role: 'lead' } });
    render(<WallPanels wallName="" editable={true} />);
    await answer('walls.get', layout([]));
    await act(async () => {
      screen.getByTestId('arrange-panels').click();
      await Promise.resolve();
    });
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(WALL_PANELS.length);
    await act(async () => {
      screen.getByLabelText('Conversation queue').click();
      screen.getByLabelText('Share of voice').click();
      await Promise.resolve();
    });
    await act(async () => {
      screen.getByText('Save for this wall').click();
      await Promise.resolve();
    });
    expect(t.calls.find((c) => c.method === 'walls.save')?.params).toEqual({ wallId: 'default', layout: { panels: ['queue', 'share'], side: 'end' } });
  });
});
