import { isAllowedOrigin } from './app-url.js';
import type { IpcEventLike, SenderCheck } from './ipc-types.js';

export interface SenderPolicy {
  /** The app's own origins: app://newsroom, plus the dev server in unpackaged dev runs. */
  origins: ReadonlySet<string>;
  /** Whether a webContents id belongs to one of our windows (desk or wall). */
  isOurWebContents(id: number): boolean;
}

/**
 * Every IPC message is checked for who sent it (Electron security checklist: validate the sender
 * of all IPC messages): the top frame of one of our own windows, showing our own origin. A frame
 * that navigated elsewhere, an iframe, or a webContents we did not create is refused.
 */
export function createSenderCheck(policy: SenderPolicy): SenderCheck {
  return (event: IpcEventLike) => {
    let frame: IpcEventLike['senderFrame'];
    try {
      // Reading senderFrame can throw once the frame is gone.
      frame = event.senderFrame;
    } catch {
      return false;
    }
    if (!frame) return false;
    if (frame.parent !== null) return false;
    if (!policy.isOurWebContents(event.sender.id)) return false;
    return isAllowedOrigin(frame.url, policy.origins);
  };
}
