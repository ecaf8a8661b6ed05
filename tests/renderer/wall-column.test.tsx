// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import { GLOW_MAX, glowing, LIVE_WINDOW, OLDER_PAGE, WallColumnView } from '../../renderer/src/features/wall/wall-column';
import { added, makeItem } from './helpers/items';

const replica = new Replica(db);
let seq = 0;
/** `n` new posts, as the stream would write them. */
async function arrive(n: number): Promise<void> {
  const envs = Array.from({ length: n }, () => {
    seq += 1;
    return added(seq);
  });
  await act(async () => replica.apply(envs, { writeCursor: true }));
}
const shown = () => screen.queryAllByTestId('wall-item').map((e) => Number(e.getAttribute('data-item-id')));

beforeAll(async () => {
  await replica.open('hub-test');
});
afterEach(() => cleanup());
afterAll(() => db.delete());

describe('a wall column', () => {
  it('live: the newest posts on top, a bounded number mounted, whatever arrives', async () => {
    await arrive(100);
    render(<WallColumnView column={{ id: 'all', title: '', filter: { kind: 'all' } }} index={0} count={1} editable={false} />);
    await waitFor(() => expect(shown()[0]).toBe(100), { timeout: 5_000 });
    expect(shown()).toHaveLength(LIVE_WINDOW);
    // Kiosk: no tools.
    expect(screen.queryByRole('button', { name: 'Edit column' })).toBeNull();

    await arrive(5);
    await waitFor(() => expect(shown()[0]).toBe(105), { timeout: 5_000 });
    expect(shown()).toHaveLength(LIVE_WINDOW);
    await arrive(200);
    await waitFor(() => expect(shown()[0]).toBe(305), { timeout: 5_000 });
    expect(shown()).toEqual(Array.from({ length: LIVE_WINDOW }, (_, i) => 305 - i));
    // New posts glow, but only the newest few at a time.
    await waitFor(() => expect(document.querySelectorAll('.wall-item.fresh').length).toBe(GLOW_MAX), { timeout: 5_000 });
  });

  it('held: a reader who scrolled down keeps their list; what comes in is counted, and the pill brings them back', async () => {
    render(<WallColumnView column={{ id: 'all', title: '', filter: { kind: 'all' } }} index={0} count={1} editable />);
    await waitFor(() => expect(shown()[0]).toBe(seq), { timeout: 5_000 });
    const top = seq;
    const scroller = document.querySelector<HTMLElement>('.column-scroll')!;
    expect(scroller.className).toContain('live');
    scroller.scrollTop = 400;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(scroller.className).toContain('held'), { timeout: 5_000 });

    await arrive(12);
    await waitFor(() => expect(screen.getByTestId('new-items-pill').textContent).toBe('12 new ↑'), { timeout: 5_000 });
    expect(shown()[0]).toBe(top);
    expect(shown()).toHaveLength(LIVE_WINDOW);

    // Older posts can be read while held.
    fireEvent.click(screen.getByTestId('load-older'));
    await waitFor(() => expect(shown()).toHaveLength(LIVE_WINDOW + OLDER_PAGE), { timeout: 5_000 });
    expect(shown()[0]).toBe(top);

    fireEvent.click(screen.getByTestId('new-items-pill'));
    await waitFor(() => expect(shown()[0]).toBe(top + 12), { timeout: 5_000 });
    expect(scroller.className).toContain('live');
    expect(scroller.scrollTop).toBe(0);
    expect(screen.queryByTestId('new-items-pill')).toBeNull();
    await waitFor(() => expect(shown()).toHaveLength(LIVE_WINDOW), { timeout: 5_000 });
  });

  it('new cards glow only while they are few: a column busier than GLOW_MAX in the glow\'s time doesn\'t glow at all', () => {
    const at = (id: number, sec: number) => makeItem(id, { ingestedAt: new Date(Date.UTC(2025, 2, 4, 12, 0, sec)).toISOString() });
    const calm = Array.from({ length: 10 }, (_, i) => at(100 - i, 100 - 2 * i));
    expect(glowing(calm, 4_000)).toBe(true);
    const crisis = Array.from({ length: 10 }, (_, i) => at(100 - i, 100));
    expect(glowing(crisis, 4_000)).toBe(false);
    expect(glowing(crisis.slice(0, GLOW_MAX), 4_000)).toBe(true);
    expect(glowing([], 4_000)).toBe(true);
  });
});
