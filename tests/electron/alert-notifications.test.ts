import { describe, expect, it } from 'vitest';
import { alertNotification, alertRouteUrl, watchAlerts, type AlertNotificationOptions, type AlertNotifier } from '../../electron/main/alert-notifications.js';
import type { Alert } from '../../shared/alerts.js';
import type { Change, ChangeEnvelope } from '../../shared/changes.js';
import { makeAlert } from '../shared/alert-fixture.js';

const alert = (id: string, over: Partial<Alert> = {}): Alert =>
  makeAlert(id, { title: '“charged twice” in the news', why: '14 posts about charged twice in 2 minutes (usually 0.3).', ...over });

function fakeEngine() {
  let listener: ((envs: ChangeEnvelope[]) => void) | null = null;
  let seq = 0;
  return {
    onChanges(l: (envs: ChangeEnvelope[]) => void) {
      listener = l;
      return () => {
        listener = null;
      };
    },
    emit(...changes: Change[]) {
      listener?.(changes.map((change) => ({ seq: ++seq, at: '2026-11-30T10:00:00.000Z', change }) as ChangeEnvelope));
    },
    get listening() {
      return listener !== null;
    },
  };
}

function fakeNotifier(supported = true) {
  const shown: Array<{ options: AlertNotificationOptions; click: () => void }> = [];
  let beeps = 0;
  const notifier: AlertNotifier = {
    isSupported: () => supported,
    show: (options, click) => shown.push({ options, click }),
    beep: () => void beeps++,
  };
  return { notifier, shown, beeps: () => beeps };
}

describe('desktop alert notifications (main process, solo mode)', () => {
  it('a crisis is critical, stays until dismissed, makes a sound and beeps; a warning makes a sound', () => {
    expect(alertNotification(alert('c'))).toEqual({
      title: 'CRISIS: “charged twice” in the news',
      body: '14 posts about charged twice in 2 minutes (usually 0.3).\nClick to open the alert and its evidence.',
      urgency: 'critical',
      silent: false,
      timeoutType: 'never',
    });
    expect(alertNotification(alert('w', { severity: 'warning' }))).toMatchObject({ title: 'Warning: “charged twice” in the news', urgency: 'normal', silent: false, timeoutType: 'default' });
  });

  it('says nothing for info alerts or alerts raised in quiet hours; caps a long explanation', () => {
    expect(alertNotification(alert('i', { severity: 'info' }))).toBeNull();
    expect(alertNotification(alert('q', { quiet: true }))).toBeNull();
    expect(alertNotification(alert('l', { why: 'x'.repeat(5_000) }))!.body.length).toBeLessThan(320);
  });

  it('notifies once per alert, beeps for a crisis only, and a click opens that alert', () => {
    const engine = fakeEngine();
    const n = fakeNotifier();
    const opened: string[] = [];
    const stop = watchAlerts(engine, n.notifier, (id) => opened.push(id));
    engine.emit({ kind: 'alert.raised', alert: alert('a1') }, { kind: 'alert.raised', alert: alert('a2', { severity: 'warning' }) }, { kind: 'alert.raised', alert: alert('a3', { severity: 'info' }) });
    // Re-sent (a resumed feed) and acknowledged: no second notification.
    engine.emit({ kind: 'alert.raised', alert: alert('a1') }, { kind: 'alert.acked', alert: alert('a2', { severity: 'warning', ack: { by: 'lee', at: 'x' } }) });
    expect(n.shown.map((s) => s.options.title)).toEqual(['CRISIS: “charged twice” in the news', 'Warning: “charged twice” in the news']);
    expect(n.beeps()).toBe(1);
    n.shown[1]!.click();
    expect(opened).toEqual(['a2']);
    stop();
    expect(engine.listening).toBe(false);
  });

  it('remembers a bounded number of alerts (memory stays flat over weeks), and shows nothing where notifications are unsupported', () => {
    const engine = fakeEngine();
    const n = fakeNotifier();
    watchAlerts(engine, n.notifier, () => undefined);
    for (let i = 0; i < 1_500; i++) engine.emit({ kind: 'alert.raised', alert: alert(`x${i}`, { severity: 'warning' }) });
    expect(n.shown).toHaveLength(1_500);
    engine.emit({ kind: 'alert.raised', alert: alert('x1499', { severity: 'warning' }) });
    expect(n.shown).toHaveLength(1_500);
    // The oldest were forgotten: the memory is bounded (a re-send that old notifies again).
    engine.emit({ kind: 'alert.raised', alert: alert('x0', { severity: 'warning' }) });
    expect(n.shown).toHaveLength(1_501);

    const off = fakeNotifier(false);
    const e2 = fakeEngine();
    watchAlerts(e2, off.notifier, () => undefined);
    e2.emit({ kind: 'alert.raised', alert: alert('c') });
    expect(off.shown).toEqual([]);
    expect(off.beeps()).toBe(0);
  });

  it('the click route is the renderer deep link on the window’s own URL', () => {
    expect(alertRouteUrl('app://newsroom/index.html#/desk', 'a/1 b')).toBe('app://newsroom/index.html#/alerts/a%2F1%20b');
    expect(alertRouteUrl('http://localhost:5173/#/wall?kiosk=1', 'id')).toBe('http://localhost:5173/#/alerts/id');
  });
});
