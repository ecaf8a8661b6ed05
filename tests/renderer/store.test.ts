import { describe, expect, it } from 'vitest';
import type { BridgeReply, NewsroomBridge } from '../../shared/bridge';
import { REVOKED_MESSAGE } from '../../shared/errors';
import { createAppStore } from '../../renderer/src/store/app-store';
import { REJECTED_TOKEN, TOKEN_KEY } from '../../renderer/src/store/session-slice';
import { bridgeTokenStore, memoryStorage } from '../../renderer/src/store/storage';

/** The desktop app's main process, as the preload exposes it: the token kept there (safeStorage), never in the page. */
function fakeHubTokenBridge(initial: string | null, ok = true) {
  let kept = initial;
  const sets: Array<string | null> = [];
  const hubToken: NewsroomBridge['hubToken'] = {
    get: async (): Promise<BridgeReply<string | null>> => ({ ok: true, result: kept }),
    set: async (token): Promise<BridgeReply<true>> => {
      sets.push(token);
      if (!ok) return { ok: false, error: { code: 'internal', message: 'no keyring' } };
      kept = token;
      return { ok: true, result: true };
    },
  };
  return { bridge: { hubToken }, sets, kept: () => kept };
}
const settle = () => new Promise((r) => setTimeout(r, 0));
import { HIGHLIGHT_KEY, cleanWallName, columnsFromHashtags, wallKey } from '../../renderer/src/store/ui-slice';

describe('session slice', () => {
  it('remembers the token across restarts and forgets it on sign-out', () => {
    const storage = memoryStorage();
    const s1 = createAppStore(storage);
    expect(s1.getState().token).toBeNull();
    expect(s1.getState().signIn('  "abc123"\n')).toBe(true);
    expect(s1.getState().token).toBe('abc123');
    expect(createAppStore(storage).getState().token).toBe('abc123');
    s1.getState().signOut();
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    expect(createAppStore(storage).getState().token).toBeNull();
  });

  it('refuses an empty token with a message', () => {
    const s = createAppStore(memoryStorage());
    expect(s.getState().signIn('   ')).toBe(false);
    expect(s.getState().authError).toMatch(/paste/i);
  });

  it('takes the user from a live connection and drops a rejected token', () => {
    const storage = memoryStorage();
    const s = createAppStore(storage);
    s.getState().signIn('bad');
    s.getState().setConnection({ state: 'live', user: { name: 'lead', role: 'lead' }, seq: 3 });
    expect(s.getState().user).toEqual({ name: 'lead', role: 'lead' });
    s.getState().setConnection({ state: 'unauthorized', message: 'unknown token' });
    expect(s.getState().token).toBeNull();
    expect(s.getState().user).toBeNull();
    expect(s.getState().authError).toBe(REJECTED_TOKEN);
    expect(s.getState().authError).toContain('tokens.json');
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('says the access was revoked when the hub ends the session for that reason', () => {
    const s = createAppStore(memoryStorage());
    s.getState().signIn('was-valid');
    s.getState().setConnection({ state: 'unauthorized', message: REVOKED_MESSAGE });
    expect(s.getState().token).toBeNull();
    expect(s.getState().authError).toBe(REVOKED_MESSAGE);
  });

  it('desktop in hub mode: the token lives with the main process (safeStorage), never in the page storage', async () => {
    const storage = memoryStorage();
    // A token an older build left in localStorage moves to the main process on the first start.
    storage.setItem(TOKEN_KEY, 'legacy-token');
    const main = fakeHubTokenBridge(null);
    const s = createAppStore(storage, bridgeTokenStore(main.bridge, storage));
    expect(s.getState().tokenLoaded).toBe(false);
    await settle();
    expect(s.getState()).toMatchObject({ token: 'legacy-token', tokenLoaded: true });
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    expect(main.kept()).toBe('legacy-token');
    s.getState().signIn('nr_fresh');
    await settle();
    expect(main.kept()).toBe('nr_fresh');
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    const again = createAppStore(storage, bridgeTokenStore(main.bridge, storage));
    await settle();
    expect(again.getState().token).toBe('nr_fresh');
    again.getState().signOut();
    await settle();
    expect(main.kept()).toBeNull();
  });

  it('desktop without a keyring: signs in for this session only, and still never writes the page storage', async () => {
    const storage = memoryStorage();
    const main = fakeHubTokenBridge(null, false);
    const s = createAppStore(storage, bridgeTokenStore(main.bridge, storage));
    await settle();
    s.getState().signIn('nr_session_only');
    await settle();
    expect(s.getState().token).toBe('nr_session_only');
    expect(main.sets).toEqual(['nr_session_only']);
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
  });
});

describe('ui slice', () => {
  it('persists columns per wall name', () => {
    const storage = memoryStorage();
    const s = createAppStore(storage);
    expect(s.getState().columns.map((c) => c.filter.kind)).toEqual(['all']);
    s.getState().openWall('lobby');
    const tag = s.getState().addColumn({ kind: 'query', query: '#brand' });
    const term = s.getState().addColumn({ kind: 'query', query: 'refund' }, 'Refunds');
    s.getState().moveColumn(term, -1);
    s.getState().updateColumn(tag, { title: 'Brand' });

    const again = createAppStore(storage);
    again.getState().openWall('lobby');
    expect(again.getState().columns.map((c) => c.title || c.filter.kind)).toEqual(['all', 'Refunds', 'Brand']);
    again.getState().openWall('main');
    expect(again.getState().columns.map((c) => c.filter.kind)).toEqual(['all']);
    again.getState().openWall('lobby');
    again.getState().removeColumn(tag);
    expect(createAppStore(storage).getState().columns).toHaveLength(1); // main untouched
    const third = createAppStore(storage);
    third.getState().openWall('lobby');
    expect(third.getState().columns.map((c) => c.title || c.filter.kind)).toEqual(['all', 'Refunds']);
  });

  it('a fresh wall shows a product topic in the column of a hashtag it listens for (the brand keeps its hashtag column)', () => {
    const topic = (id: string, kind: string, query: string) => ({ id, name: id.toUpperCase(), kind, query }) as never;
    const cols = columnsFromHashtags(['kettlebird', 'nightjar'], [topic('brand', 'brand', '#kettlebird'), topic('nightjar-cold-brew', 'product', '"cold brew" OR #Nightjar'), topic('other', 'product', '#nightjarx')]);
    expect(cols.map((c) => [c.id, c.title, c.filter])).toEqual([
      ['all', '', { kind: 'all' }],
      ['tag-kettlebird', '', { kind: 'query', query: '#kettlebird' }],
      ['tag-nightjar', 'NIGHTJAR-COLD-BREW', { kind: 'query', query: 'topic:nightjar-cold-brew' }],
    ]);
  });

  it('lays out a fresh wall from the sources once, and never over a saved layout', () => {
    const storage = memoryStorage();
    const s = createAppStore(storage);
    expect(s.getState().layoutSaved).toBe(false);
    s.getState().seedColumns(columnsFromHashtags(['Kettlebird', 'kettlebird', 'app', 'third']));
    expect(s.getState().columns.map((c) => (c.filter.kind === 'query' ? c.filter.query : c.filter.kind))).toEqual(['all', '#kettlebird', '#app']);
    const again = createAppStore(storage);
    expect(again.getState().layoutSaved).toBe(true);
    again.getState().removeColumn(again.getState().columns[2]!.id);
    again.getState().seedColumns(columnsFromHashtags(['other']));
    expect(again.getState().columns).toHaveLength(2);
    again.getState().openWall('lobby');
    expect(again.getState().layoutSaved).toBe(false);
  });

  it('ignores moves past the ends', () => {
    const s = createAppStore(memoryStorage());
    const first = s.getState().columns[0]!.id;
    s.getState().moveColumn(first, -1);
    expect(s.getState().columns[0]!.id).toBe(first);
  });

  it('falls back to the default layout when the stored one is corrupted or of another shape', () => {
    const storage = memoryStorage();
    storage.setItem(wallKey('lobby'), '{not json');
    storage.setItem(wallKey('hall'), JSON.stringify({ columns: [{ id: 'x', title: '', filter: { kind: 'regex', re: '.*' } }] }));
    const s = createAppStore(storage);
    s.getState().openWall('lobby');
    expect(s.getState().columns.map((c) => c.filter.kind)).toEqual(['all']);
    s.getState().openWall('hall');
    expect(s.getState().columns.map((c) => c.filter.kind)).toEqual(['all']);
  });

  it('persists highlight preferences and rejects nonsense', () => {
    const storage = memoryStorage();
    const s = createAppStore(storage);
    expect(s.getState().highlight).toEqual({ enabled: true, seconds: 4 });
    s.getState().setHighlight({ seconds: 8 });
    s.getState().setHighlight({ seconds: -1 });
    expect(JSON.parse(storage.getItem(HIGHLIGHT_KEY)!)).toEqual({ enabled: true, seconds: 8 });
    expect(createAppStore(storage).getState().highlight.seconds).toBe(8);
  });

  it('keeps wall names plain', () => {
    expect(cleanWallName('Lobby')).toBe('lobby');
    expect(cleanWallName('../../etc')).toBe('main');
    expect(cleanWallName(null)).toBe('main');
  });
});
