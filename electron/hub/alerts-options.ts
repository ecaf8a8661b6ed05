import type { AlertsOptions } from '../engine/index.js';

/**
 * Trends and alerts options for the hub: NEWSROOM_TREND_EPOCH_MS shortens the epoch (drills and
 * the end-to-end tests, where a scenario runs in minutes); explicit options win over it.
 */
export function alertsOptionsFrom(env: NodeJS.ProcessEnv, over: AlertsOptions | undefined): AlertsOptions {
  const raw = Number(env.NEWSROOM_TREND_EPOCH_MS);
  const epochMs = Number.isFinite(raw) && raw >= 1000 ? Math.floor(raw) : undefined;
  return { ...over, trends: { ...(epochMs !== undefined ? { epochMs } : {}), ...over?.trends } };
}
