import { useState } from 'react';
import type { NewsroomBridge } from '../../../../shared/bridge';
import type { Role } from '../../../../shared/roles';
import { browserNotification, offersDesktopAlerts, type NotificationApi } from '../freeze/freeze-notifications';

interface Props {
  role: Role | null;
  /** Injected in tests; the page's Notification otherwise. */
  api?: NotificationApi | undefined;
  /** Injected in tests (null: a plain browser); the preload bridge otherwise. */
  bridge?: Pick<NewsroomBridge, 'config'> | null;
}

/**
 * Offers desktop alerts for freezes where the browser still has to ask. Asking happens on a click
 * here, never on load: a permission prompt nobody asked for gets denied, and then can't be re-asked.
 */
export function DesktopAlerts({ role, api = browserNotification(), bridge = window.newsroom }: Props) {
  // Notification.permission isn't observable: the answer is kept to re-render (granted hides the
  // button, a dismissed prompt leaves it, denied says where to undo it).
  const [asked, setAsked] = useState<NotificationPermission | null>(null);
  if (asked === 'denied') {
    return <p className="hint" data-testid="desktop-alerts-denied">Desktop alerts are blocked: allow notifications for this site in the browser's settings.</p>;
  }
  if (!offersDesktopAlerts(bridge, role, api)) return null;
  const enable = () => {
    void api!.requestPermission().then(setAsked, () => setAsked('denied'));
  };
  return (
    <p className="notice" data-testid="desktop-alerts">
      Get a desktop notification when publishing is frozen or lifted, whatever screen is open.{' '}
      <button type="button" className="secondary" onClick={enable}>
        Desktop alerts for freezes
      </button>
    </p>
  );
}
