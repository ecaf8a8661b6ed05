import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles';
import { DesktopAlerts } from '../../renderer/src/features/crisis/desktop-alerts';
import type { NotificationApi } from '../../renderer/src/features/freeze/freeze-notifications';

function api(permission: NotificationPermission): NotificationApi {
  return class {
    static permission = permission;
    static requestPermission = async () => permission;
  };
}
// bridge: null is a plain browser; passed explicitly so the test never reads a global window.
const render = (role: Role | null, permission: NotificationPermission) =>
  renderToStaticMarkup(createElement(DesktopAlerts, { role, api: api(permission), bridge: null }));

describe('desktop alerts button in the crisis console', () => {
  it('is offered to a crisis lead whose browser would still ask', () => {
    expect(render('crisis', 'default')).toContain('Desktop alerts for freezes');
  });

  it('is not offered to the wall, to agents, or once the browser has an answer', () => {
    expect(render('wall', 'default')).toBe('');
    expect(render('agent', 'default')).toBe('');
    expect(render('lead', 'granted')).toBe('');
    expect(render('lead', 'denied')).toBe('');
  });

  it('is not offered in the solo app, whose main process notifies without asking', () => {
    const html = renderToStaticMarkup(
      createElement(DesktopAlerts, { role: 'admin', api: api('default'), bridge: { config: { mode: 'solo', hubUrl: null, wall: false } } }),
    );
    expect(html).toBe('');
  });
});
