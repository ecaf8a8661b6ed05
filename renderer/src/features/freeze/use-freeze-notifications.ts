import { useEffect } from 'react';
import type { NewsroomDb } from '../../db/db';
import { appStore } from '../../store/app-store';
import { browserNotification, startFreezeNotifications } from './freeze-notifications';

/**
 * Desktop notifications for freeze changes, mounted once in App so they fire whichever screen is
 * open. The logic lives in startFreezeNotifications (testable without a DOM); this only wires it.
 */
export function useFreezeNotifications(db: NewsroomDb): void {
  useEffect(
    () =>
      startFreezeNotifications({
        db,
        bridge: window.newsroom,
        // From the store at notice time, not a render-time value: no resubscribe (and so no lost
        // baseline) when the user signs in after the watch started.
        role: () => appStore.getState().user?.role ?? null,
        Notification: browserNotification(),
      }),
    [db],
  );
}
