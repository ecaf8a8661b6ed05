import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles';
import { makeAlert } from '../shared/alert-fixture';
import { announceChange, onStreamedChange } from '../../renderer/src/api/change-signal';
import { createAlertNoticeHandler, NOTIFY_WITHIN_MS, type AlertNoticeDeps, type PageNotificationApi } from '../../renderer/src/features/alerts/alert-desktop-notices';

const NOW = Date.parse('2026-11-30T10:05:00.000Z');
const alert = makeAlert;

function fakeApi(permission: NotificationPermission = 'granted') {
  const shown: Array<{ title: string; options: NotificationOptions | undefined; click: () => void }> = [];
  const Api = class {
    static permission = permission;
    onclick: ((ev: Event) => unknown) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options, click: () => this.onclick?.(new Event('click')) });
    }
  } satisfies PageNotificationApi;
  return { Api, shown };
}

function setup({ role = 'lead', permission, ...over }: Partial<Omit<AlertNoticeDeps, 'role'>> & { role?: Role | null; permission?: NotificationPermission } = {}) {
  const { Api, shown } = fakeApi(permission);
  const opened: string[] = [];
  const handle = createAlertNoticeHandler({ bridge: null, role: () => role, api: () => Api, now: () => NOW, open: (id) => opened.push(id), ...over });
  return { handle, shown, opened };
}

describe('alert notifications raised by the page (a desk on a hub)', () => {
  it('notifies a warning or crisis once, with sound; a crisis stays; a click opens the alert', () => {
    const s = setup();
    s.handle({ kind: 'alert.raised', alert: alert('c1') });
    s.handle({ kind: 'alert.raised', alert: alert('w1', { severity: 'warning' }) });
    s.handle({ kind: 'alert.raised', alert: alert('c1') });
    s.handle({ kind: 'alert.raised', alert: alert('i1', { severity: 'info' }) });
    s.handle({ kind: 'alert.acked', alert: alert('w2', { severity: 'warning' }) });
    expect(s.shown.map((n) => [n.title, n.options?.requireInteraction, n.options?.silent])).toEqual([
      ['CRISIS: Payments failing', true, false],
      ['Warning: Payments failing', false, false],
    ]);
    s.shown[0]!.click();
    expect(s.opened).toEqual(['c1']);
  });

  it('stays quiet in solo mode (the main process notifies), on a wall, without permission, signed out, or for an old alert caught up later', () => {
    const cases = [
      setup({ bridge: { config: { mode: 'solo', hubUrl: null, wall: false } } }),
      setup({ bridge: { config: { mode: 'hub', hubUrl: 'http://hub', wall: true } } }),
      setup({ role: 'wall' }),
      setup({ role: null }),
      setup({ permission: 'default' }),
    ];
    for (const s of cases) s.handle({ kind: 'alert.raised', alert: alert('c1') });
    const late = setup({ now: () => Date.parse('2026-11-30T10:04:00.000Z') + NOTIFY_WITHIN_MS + 1 });
    late.handle({ kind: 'alert.raised', alert: alert('c1') });
    expect([...cases, late].map((s) => s.shown.length)).toEqual([0, 0, 0, 0, 0, 0]);
    const desktopOnHub = setup({ bridge: { config: { mode: 'hub', hubUrl: 'http://hub', wall: false } } });
    desktopOnHub.handle({ kind: 'alert.raised', alert: alert('c1') });
    expect(desktopOnHub.shown).toHaveLength(1);
  });

  it('gets every streamed change whole from the change bus', () => {
    const s = setup();
    const stop = onStreamedChange(s.handle);
    announceChange({ kind: 'alert.raised', alert: alert('bus') });
    stop();
    announceChange({ kind: 'alert.raised', alert: alert('after-stop') });
    expect(s.shown.map((n) => n.options?.tag)).toEqual(['newsroom-alert-bus']);
  });
});
