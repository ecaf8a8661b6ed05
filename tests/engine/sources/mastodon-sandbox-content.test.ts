import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, duplicates, type Harness } from './harness.js';

/** The demo's path end to end: the default scenario on the sandbox → connector → pipeline → SQLite. */
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('mastodon connector on the sandbox: the default scenario as its authors meant it', () => {
  it('stores warnings, sensitive media with alt text, polls, boosts, custom emoji, right-to-left posts and a late one', async () => {
    h = await createHarness({ sandbox: { scenario: 'default' } });
    const id = h.addSource({ hashtags: ['kettlebird', 'kettlebirdapp'] }, { token: h.sandbox.brandToken });
    await h.manager.pollNow(id);
    for (let t = 0; t < 75; t += 5) {
      h.clock.advance(5_000);
      await h.manager.pollNow(id);
    }
    const items = h.items();
    expect(duplicates(items)).toEqual([]);
    expect(items.find((i) => i.contentWarning === 'Spoiler: season finale')?.text).toContain('narrator');
    const burn = items.find((i) => i.contentWarning === 'burn, photo')!;
    expect(burn).toMatchObject({ sensitive: true, media: [{ type: 'image', description: expect.stringContaining('burn mark') }] });
    expect(burn.media[0]!.previewUrl).toMatch(new RegExp(`^${h.sandbox.url}/system/`));
    expect(items.find((i) => i.poll !== null)?.poll).toMatchObject({ options: [{ title: 'Maple Flat White', votes: 41 }, { title: 'Oat Cortado', votes: 27 }, { title: 'Dawn Roast', votes: 18 }] });
    const latte = items.find((i) => i.text.includes('Latte art'))!;
    expect(latte).toMatchObject({ author: { handle: 'maya_r@kettlebird.social' }, boostedBy: [{ handle: 'chris_o@fosstodon.example' }] });
    expect(latte.emojis.map((e) => e.shortcode).sort()).toEqual(['kettlebird', 'steam']);
    expect(items.filter((i) => i.text.includes('Latte art'))).toHaveLength(1);
    const noor = items.find((i) => i.lang === 'ar')!;
    expect(noor.author).toMatchObject({ handle: 'noor@qahwa.example', name: 'نور :bean:', emojis: [{ shortcode: 'bean' }] });
    expect(items.some((i) => i.lang === 'he')).toBe(true);
    expect(items.some((i) => i.text.includes('verspätet'))).toBe(true);
    // Handles are on the sandbox's own domain, never its host:port.
    expect(items.every((i) => !i.author.handle.includes('127.0.0.1'))).toBe(true);
  });
});
