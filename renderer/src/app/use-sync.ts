import { useEffect } from 'react';
import { createApi, resolveTarget } from '../api/create-api';
import { tapChanges } from '../api/live-changes';
import { setRpcTransport } from '../api/rpc';
import type { NewsroomDb } from '../db/db';
import { Replica } from '../db/replica';
import { startReplicaSync, type ReplicaSync } from '../db/replica-sync';
import { errorReporter, reportError } from '../lib/error-report';
import { appStore, useApp } from '../store/app-store';

/**
 * The replica is written at most once per this long (a change after a quiet spell at once), so at
 * crisis rates the views re-read (and re-render) ten times a second instead of once per post.
 */
const REPLICA_BATCH_MS = 100;

/** True when this window talks to a hub and so needs a signed-in token. */
export function needsToken(): boolean {
  return resolveTarget(window.newsroom, window.location).needsToken;
}

/**
 * Keeps the replica in sync while there is someone to sync for: one transport and one sync per
 * sign-in, torn down on sign-out (or when the hub rejects the token).
 */
export function useSync(db: NewsroomDb): void {
  const token = useApp((s) => s.token);
  const tokenLoaded = useApp((s) => s.tokenLoaded);
  const tokenNeeded = needsToken();

  useEffect(() => {
    // The desktop app is still asking its main process for the remembered token: nothing to decide yet.
    if (tokenNeeded && !tokenLoaded) return;
    if (tokenNeeded && !token) {
      // Signed out: a shared screen must not keep the last user's copy around.
      void new Replica(db).wipe().catch(() => {});
      return;
    }
    let cancelled = false;
    let sync: ReplicaSync | null = null;
    let api: ReturnType<typeof createApi>;
    try {
      api = createApi({ bridge: window.newsroom, location: window.location, token });
    } catch (e) {
      console.error('[newsroom] cannot connect', e);
      return;
    }
    // Views act (freeze, schedule, release) through the same connection the replica syncs over.
    const releaseRpc = setRpcTransport(api.transport);
    // Errors the screen catches go to the hub's (or the desktop engine's) log over the same connection.
    const releaseReports = errorReporter.setSink((report) => api.transport.call('client.reportError', report));
    startReplicaSync({
      transport: tapChanges(api.transport),
      replica: new Replica(db),
      hubKey: api.hubKey,
      batchMs: REPLICA_BATCH_MS,
      onState: (s) => {
        // A transport outlived by a new sign-in (the token was just rotated in Settings, say) no
        // longer speaks for this session: its last words ("unauthorized") must not sign the new one out.
        if (!cancelled && appStore.getState().token === token) appStore.getState().setConnection(s);
      },
      onError: (msg) => {
        console.warn(`[newsroom] ${msg}`);
        reportError(new Error(msg), { where: 'replica' });
      },
    }).then(
      (s) => {
        if (cancelled) s.stop();
        else sync = s;
      },
      (e: unknown) => console.error('[newsroom] could not open the local replica', e),
    );
    return () => {
      cancelled = true;
      releaseRpc();
      releaseReports();
      sync?.stop();
    };
  }, [db, token, tokenLoaded, tokenNeeded]);
}
