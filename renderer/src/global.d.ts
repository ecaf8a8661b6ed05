import type { NewsroomBridge } from '../../shared/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron app (the preload bridge); a browser on the hub has none. */
    newsroom?: NewsroomBridge;
  }
}

export {};
