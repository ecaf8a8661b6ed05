import { useEffect } from 'react';
import { onStreamedChange } from '../../api/change-signal';
import { navigate } from '../../lib/route';
import { appStore } from '../../store/app-store';
import { createAlertNoticeHandler, type PageNotificationApi } from './alert-desktop-notices';

/** Desktop notifications for warning and crisis alerts, mounted once in App (see createAlertNoticeHandler). */
export function useAlertNotifications(): void {
  useEffect(
    () =>
      onStreamedChange(
        createAlertNoticeHandler({
          bridge: window.newsroom,
          role: () => appStore.getState().user?.role ?? null,
          api: () => (typeof Notification === 'undefined' ? undefined : (Notification as PageNotificationApi)),
          now: () => Date.now(),
          open: (id) => {
            window.focus();
            navigate('alerts', new URLSearchParams({ alert: id }));
          },
        }),
      ),
    [],
  );
}
