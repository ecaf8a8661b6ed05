import type { ReactNode } from 'react';
import type { WallPanelId } from '../../../../shared/alerts';
import { QUEUE_TILES_PANEL } from '../queue-tiles/queue-tiles';
import { AlertTicker } from './alert-ticker';
import { ShareOfVoicePanel } from './share-of-voice-panel';
import { TrendingPanel } from './trending-panel';
import { VolumePanel } from './volume-panel';

export interface WallPanelEntry {
  title: string;
  render: () => ReactNode;
}

/**
 * The panels a wall can show beside its columns, by id (the ids a saved layout names). Another
 * feature adds a panel here, and its id to WALL_PANELS in shared/alerts.ts.
 */
export const WALL_PANEL_REGISTRY: Record<WallPanelId, WallPanelEntry> = {
  alerts: { title: 'Alert ticker', render: () => <AlertTicker /> },
  trending: { title: 'Trending topics', render: () => <TrendingPanel /> },
  volume: { title: 'Volume & sentiment', render: () => <VolumePanel /> },
  share: { title: 'Share of voice', render: () => <ShareOfVoicePanel /> },
  [QUEUE_TILES_PANEL.id]: { title: QUEUE_TILES_PANEL.title, render: () => <QUEUE_TILES_PANEL.component /> },
};
