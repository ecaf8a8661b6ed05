import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BridgeConfig } from '../../shared/bridge';
import type { FreezeState } from '../../shared/publishing';
import type { Role } from '../../shared/roles';
import { FREEZE_KEY, createDb, type NewsroomDb } from '../../renderer/src/db/db';
import { Replica } from '../../renderer/src/db/replica';
import {
  FREEZE_NOTICE_TAG,
  canNotify,
  createFreezeNotifier,
  offersDesktopAlerts,
  startFreezeNotifications,
  watchesFreeze,
  type NotificationApi,
} from '../../renderer/src/features/freeze/freeze-notifications';
import { freezeChanged, frozen, makeFreeze } from './helpers/publishing';

let n = 0;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});
function freshDb(): NewsroomDb {
  const db = createDb(`freeze-notify-test-${++n}`);
  cleanup.push(() => db.delete());
  return db;
}

/** A stand-in for the web Notification: records what was shown and every permission read. */
function fakeNotification(initial: NotificationPermission = 'granted') {
  const shown: { title: string; options: NotificationOptions | undefined }[] = [];
  let permission = initial;
  let reads = 0;
  class Fake {
    static get permission() {
      reads++;
      return permission;
    }
    static requestPermission = vi.fn(async (): Promise<NotificationPermission> => (permission = 'granted'));
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options });
    }
  }
  const api: NotificationApi = Fake;
  return { api, shown, reads: () => reads };
}

const hub = { config: { mode: 'hub', hubUrl: 'http://hub.local:8080', wall: false } satisfies BridgeConfig };
const solo = { config: { mode: 'solo', hubUrl: null, wall: false } satisfies BridgeConfig };

/** Starts a watch; `seen` counts the rows it has taken in, so tests wait on that, never on time. */
function start(db: NewsroomDb, opts: { bridge?: typeof hub | typeof solo; role?: () => Role | null; api?: NotificationApi }) {
  const seen: (FreezeState | null)[] = [];
  const stop = startFreezeNotifications({
    db,
    bridge: opts.bridge,
    role: opts.role ?? (() => 'lead'),
    Notification: opts.api,
    observed: (f) => seen.push(f),
  });
  cleanup.push(stop);
  const taken = (count: number) => vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(count));
  return { stop, seen, taken };
}
const put = (db: NewsroomDb, f: FreezeState) => db.freeze.put(f, FREEZE_KEY);

describe('freeze notifier (first state is a baseline)', () => {
  it('stays silent on the first state and after a wipe, and speaks on changes', () => {
    const titles: string[] = [];
    const onState = createFreezeNotifier((notice) => titles.push(notice.title));
    onState(frozen()); // a reload of a frozen app
    expect(titles).toEqual([]);
    onState(makeFreeze({ epoch: 2 }));
    expect(titles).toEqual(['Freeze lifted']);
    onState(null); // signed out: replica wiped
    onState(frozen({ epoch: 3 })); // the next sign-in's bootstrap
    expect(titles).toEqual(['Freeze lifted']);
    onState(frozen({ epoch: 4 }));
    expect(titles).toEqual(['Freeze lifted', 'Publishing frozen']);
  });
});

describe('who gets notified', () => {
  it('never the solo app (main notifies) nor the Electron wall window; hub app and browser do', () => {
    expect(watchesFreeze(solo)).toBe(false);
    expect(watchesFreeze({ config: { ...hub.config, wall: true } })).toBe(false);
    expect(watchesFreeze(hub)).toBe(true);
    expect(watchesFreeze(undefined)).toBe(true);
  });

  it('only a known, non-wall role with permission granted', () => {
    expect(canNotify('agent', fakeNotification('granted').api)).toBe(true);
    expect(canNotify('agent', fakeNotification('default').api)).toBe(false);
    expect(canNotify('agent', fakeNotification('denied').api)).toBe(false);
    expect(canNotify('agent', undefined)).toBe(false);
    expect(canNotify('wall', fakeNotification('granted').api)).toBe(false);
    expect(canNotify(null, fakeNotification('granted').api)).toBe(false);
  });

  it('offers the enable button to leads and up, where the browser would still ask', () => {
    const ask = fakeNotification('default').api;
    expect(offersDesktopAlerts(undefined, 'lead', ask)).toBe(true);
    expect(offersDesktopAlerts(hub, 'crisis', ask)).toBe(true);
    expect(offersDesktopAlerts(undefined, 'agent', ask)).toBe(false);
    expect(offersDesktopAlerts(undefined, 'wall', ask)).toBe(false);
    expect(offersDesktopAlerts(undefined, null, ask)).toBe(false);
    expect(offersDesktopAlerts(solo, 'admin', ask)).toBe(false);
    expect(offersDesktopAlerts(undefined, 'lead', fakeNotification('granted').api)).toBe(false);
    expect(offersDesktopAlerts(undefined, 'lead', fakeNotification('denied').api)).toBe(false);
    expect(offersDesktopAlerts(undefined, 'lead', undefined)).toBe(false);
  });
});

describe('startFreezeNotifications on a replica', () => {
  it('does not notify for the state found at load, then notifies once per change', async () => {
    const db = freshDb();
    await put(db, frozen());
    const fake = fakeNotification();
    const w = start(db, { bridge: hub, api: fake.api });
    await w.taken(1);
    expect(fake.shown).toEqual([]);
    await put(db, makeFreeze({ epoch: 2 }));
    await w.taken(2);
    expect(fake.shown).toEqual([{ title: 'Freeze lifted', options: { body: expect.any(String), tag: FREEZE_NOTICE_TAG, requireInteraction: false } }]);
    await put(db, frozen({ epoch: 3, reason: 'Recall' }));
    await w.taken(3);
    expect(fake.shown[1]).toEqual({ title: 'Publishing frozen', options: { body: 'crisis froze all accounts: Recall', tag: FREEZE_NOTICE_TAG, requireInteraction: true } });
    expect(fake.shown).toHaveLength(2);
  });

  it('follows the hub stream through the replica; a bootstrap after a wipe stays silent', async () => {
    const r = new Replica(freshDb());
    await r.open('hub-a');
    const fake = fakeNotification();
    const w = start(r.db, { api: fake.api }); // a plain browser: no bridge
    await w.taken(1);
    await r.bootstrap({ items: [], sources: [], skipSources: new Set(), freeze: frozen(), cursor: 1 });
    await vi.waitFor(() => expect(w.seen.at(-1)?.frozen).toBe(true));
    await r.apply([freezeChanged(2, frozen({ pendingLift: { by: 'lead2', at: '2025-03-04T13:00:00.000Z' } }))], { writeCursor: true });
    await vi.waitFor(() => expect(fake.shown.map((s) => s.title)).toEqual(['Lift of the freeze requested']));
    // Sign-out wipes the replica; the next sign-in's bootstrap is a new first state, not a change.
    await r.wipe();
    await vi.waitFor(() => expect(w.seen.at(-1)).toBeNull());
    await r.open('hub-a');
    await r.bootstrap({ items: [], sources: [], skipSources: new Set(), freeze: makeFreeze({ epoch: 3 }), cursor: 3 });
    await vi.waitFor(() => expect(w.seen.at(-1)?.epoch).toBe(3));
    expect(fake.shown).toHaveLength(1);
  });

  it('shows nothing without permission, and picks permission up once granted', async () => {
    const db = freshDb();
    await put(db, makeFreeze());
    const fake = fakeNotification('default');
    const w = start(db, { bridge: hub, api: fake.api });
    await w.taken(1);
    await put(db, frozen());
    await w.taken(2);
    expect(fake.reads()).toBeGreaterThan(0); // the notice was made, and checked against the permission
    expect(fake.shown).toEqual([]);
    await fake.api.requestPermission();
    await put(db, makeFreeze({ epoch: 2 }));
    await w.taken(3);
    expect(fake.shown.map((s) => s.title)).toEqual(['Freeze lifted']);
  });

  it('shows nothing for the wall role', async () => {
    const db = freshDb();
    await put(db, makeFreeze());
    const fake = fakeNotification();
    const role = vi.fn((): Role => 'wall');
    const w = start(db, { bridge: hub, role, api: fake.api });
    await w.taken(1);
    await put(db, frozen());
    await w.taken(2);
    expect(role).toHaveBeenCalled(); // a notice was due, and the role stopped it
    expect(fake.shown).toEqual([]);
  });

  it('does not even watch in solo mode (the main process notifies there)', async () => {
    const db = freshDb();
    await put(db, makeFreeze());
    const soloFake = fakeNotification();
    const hubFake = fakeNotification();
    const soloWatch = start(db, { bridge: solo, api: soloFake.api });
    const hubWatch = start(db, { bridge: hub, api: hubFake.api });
    await hubWatch.taken(1);
    await put(db, frozen());
    await hubWatch.taken(2);
    expect(hubFake.shown).toHaveLength(1);
    expect(soloWatch.seen).toEqual([]);
    expect(soloFake.shown).toEqual([]);
  });

  it('stops notifying once stopped', async () => {
    const db = freshDb();
    await put(db, makeFreeze());
    const stopped = fakeNotification();
    const running = fakeNotification();
    const a = start(db, { bridge: hub, api: stopped.api });
    const b = start(db, { bridge: hub, api: running.api });
    await Promise.all([a.taken(1), b.taken(1)]);
    a.stop();
    await put(db, frozen());
    await b.taken(2);
    expect(running.shown).toHaveLength(1);
    expect(stopped.shown).toEqual([]);
    expect(a.seen).toHaveLength(1);
  });
});
