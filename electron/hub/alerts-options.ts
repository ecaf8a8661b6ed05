import type { AlertsOptions } from '../engine/index.js';

/** A scenario's minute: the trend epoch a demo at speed 1 uses. */
const MINUTE_MS = 60_000;

/**
 * Trends and alerts options for the hub. NEWSROOM_TREND_EPOCH_MS sets the epoch; otherwise a demo
 * run faster (--speed X) has epochs X times shorter, so a scenario's minute stays one epoch and the
 * crisis is detected at the same point of the story. Explicit options win over both.
 */
export function alertsOptionsFrom(env: NodeJS.ProcessEnv, over: AlertsOptions | undefined, demoSpeed?: number): AlertsOptions {
  const raw = Number(env.NEWSROOM_TREND_EPOCH_MS);
  const fromEnv = env.NEWSROOM_TREND_EPOCH_MS !== undefined && Number.isFinite(raw) && raw >= 1000 ? Math.floor(raw) : undefined;
  const fromSpeed = demoSpeed !== undefined && demoSpeed > 0 ? Math.max(1000, Math.round(MINUTE_MS / demoSpeed)) : undefined;
  const epochMs = fromEnv ?? fromSpeed;
  return { ...over, trends: { ...(epochMs !== undefined ? { epochMs } : {}), ...over?.trends } };
}
