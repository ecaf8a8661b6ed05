// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShareOfVoice } from '../../shared/topics';
import { setRpcTransport } from '../../renderer/src/api/rpc';
import { KioskContext } from '../../renderer/src/features/wall/kiosk-context';
import { SERIES_LOOKS, SOV_POINTS, ShareOfVoicePanel, shareOfVoiceView } from '../../renderer/src/features/wall-panels/share-of-voice-panel';
import { WALL_PANEL_REGISTRY } from '../../renderer/src/features/wall-panels/panel-registry';
import { FakeTransport } from './helpers/fake-transport';

const brand = { id: 'kb', name: 'Kettlebird Coffee' };
const rivals = [
  { id: 'gh', name: 'Grindhouse & Co' },
  { id: 'br', name: 'Bean Republic' },
];

/** `hours` hourly buckets ending 2026-11-30T23; posts per id given per bucket index. */
function sov(hours: number, posts: (i: number) => Record<string, number>, competitors = rivals): ShareOfVoice {
  const ids = [brand.id, ...competitors.map((c) => c.id)];
  const buckets = Array.from({ length: hours }, (_, i) => {
    const at = new Date(Date.parse('2026-11-30T23:00:00Z') - (hours - 1 - i) * 3_600_000).toISOString().slice(0, 13);
    const p = Object.fromEntries(ids.map((id) => [id, posts(i)[id] ?? 0]));
    const total = ids.reduce((n, id) => n + p[id]!, 0);
    return { at, posts: p, share: Object.fromEntries(ids.map((id) => [id, total > 0 ? p[id]! / total : 0])) };
  });
  return { bucket: 'hour', brand, competitors, buckets };
}

describe('share of voice: the chart’s data', () => {
  it('brand first, one look per series with its own colour, line pattern and marker; shares in %; empty hours are gaps', () => {
    const v = shareOfVoiceView(sov(3, (i): Record<string, number> => (i === 1 ? {} : { kb: 6, gh: 3, br: 1 })));
    expect(v.series.map((s) => s.name)).toEqual(['Kettlebird Coffee', 'Grindhouse & Co', 'Bean Republic']);
    expect(v.series[0]!.isBrand).toBe(true);
    expect(new Set(v.series.map((s) => s.look.colour)).size).toBe(3);
    expect(new Set(v.series.map((s) => s.look.dash)).size).toBe(3);
    expect(new Set(v.series.map((s) => s.look.shape)).size).toBe(3);
    expect(v.rows.map((r) => r.label)).toEqual(['21:00', '22:00', '23:00']);
    expect(v.rows[0]).toMatchObject({ kb: 60, gh: 30, br: 10 });
    expect(v.rows[1]).toMatchObject({ kb: null, gh: null, br: null });
    expect(v.latest).toEqual({ label: '23:00', share: { kb: 60, gh: 30, br: 10 }, posts: { kb: 6, gh: 3, br: 1 } });
  });

  it('never draws more points than a day of hours, nor more series than it has looks (the rest are counted)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 31 }), fc.integer({ min: 0, max: 12 }), (hours, extra) => {
        const competitors = Array.from({ length: extra }, (_, i) => ({ id: `c${i}`, name: `Rival ${i}` }));
        const v = shareOfVoiceView(sov(hours, (i) => ({ kb: i % 3, c0: 1 }), competitors));
        expect(v.rows.length).toBe(Math.min(hours, SOV_POINTS.hour));
        expect(v.series.length).toBe(Math.min(1 + extra, SERIES_LOOKS.length));
        expect(v.hidden).toBe(1 + extra - v.series.length);
        for (const r of v.rows) for (const s of v.series) if (r[s.id] !== null) expect(r[s.id]).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('share of voice: the wall panel', () => {
  let t: FakeTransport;
  let release: () => void;
  beforeEach(() => {
    t = new FakeTransport();
    release = setRpcTransport(t);
  });
  afterEach(() => {
    cleanup();
    release();
  });
  const answer = async (result: unknown) => {
    await act(async () => {
      t.calls.at(-1)!.resolve(result);
      await Promise.resolve();
    });
  };

  it('is in the panel registry, so a wall layout can choose it', () => {
    expect(WALL_PANEL_REGISTRY.share.title).toBe('Share of voice');
  });

  it('asks for hours, then shows each series with its name, share, posts and pattern, and its chart', async () => {
    render(<ShareOfVoicePanel />);
    expect(t.calls[0]).toMatchObject({ method: 'topics.shareOfVoice', params: { bucket: 'hour' } });
    expect(screen.getByTestId('sov-panel').textContent).toContain('Loading share of voice');
    await answer(sov(30, () => ({ kb: 8, gh: 2 })));
    const rows = screen.getAllByTestId('sov-series');
    expect(rows.map((r) => r.getAttribute('data-topic'))).toEqual(['kb', 'gh', 'br']);
    expect(within(rows[0]!).getByText('Kettlebird Coffee')).toBeTruthy();
    expect(rows[0]!.textContent).toContain('80%');
    expect(rows[0]!.textContent).toContain('8 posts');
    expect(rows[1]!.textContent).toContain('20%');
    expect(rows[2]!.textContent).toContain('0%');
    expect(new Set(rows.map((r) => r.getAttribute('data-shape'))).size).toBe(3);
    expect(new Set(rows.map((r) => r.getAttribute('data-dash'))).size).toBe(3);
    expect(screen.getByTestId('sov-chart').getAttribute('data-points')).toBe('24');
  });

  it('switches to days off a kiosk; a kiosk wall has no switch', async () => {
    render(<ShareOfVoicePanel />);
    await answer(sov(3, () => ({ kb: 1, gh: 1 })));
    await act(async () => {
      screen.getByRole('button', { name: 'per day' }).click();
      await Promise.resolve();
    });
    expect(t.calls.at(-1)).toMatchObject({ method: 'topics.shareOfVoice', params: { bucket: 'day' } });
    cleanup();
    render(
      <KioskContext.Provider value={true}>
        <ShareOfVoicePanel />
      </KioskContext.Provider>,
    );
    expect(screen.queryByRole('button', { name: 'per day' })).toBeNull();
  });

  it('says what is missing: no brand topic, no competitors, no posts', async () => {
    render(<ShareOfVoicePanel />);
    await answer({ bucket: 'hour', brand: null, competitors: rivals, buckets: [] });
    expect(screen.getByTestId('sov-panel').textContent).toContain('add them in Settings → Topics');
    cleanup();
    render(<ShareOfVoicePanel />);
    await answer({ ...sov(2, () => ({ kb: 3 })), competitors: [] });
    expect(screen.getByTestId('sov-panel').textContent).toContain('No competitor topics yet');
    cleanup();
    render(<ShareOfVoicePanel />);
    await answer(sov(24, () => ({})));
    expect(screen.getByTestId('sov-panel').textContent).toContain('No posts about Kettlebird Coffee or its competitors in the last 24 hours');
    expect(screen.queryByTestId('sov-chart')).toBeNull();
  });
});
