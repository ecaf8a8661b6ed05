/**
 * The small slice of Electron's IPC objects the main-process logic uses. Real ipcMain,
 * IpcMainInvokeEvent and WebContents satisfy these; tests pass plain fakes, so the security
 * checks run under plain Node without an Electron binary.
 */
export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface SenderFrameLike {
  readonly url: string;
  /** null for the top frame of a page. */
  readonly parent: unknown;
}

export interface IpcEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: SenderFrameLike | null;
}

export type IpcHandler = (event: IpcEventLike, ...args: unknown[]) => unknown;

export interface IpcMainLike {
  handle(channel: string, listener: IpcHandler): void;
  removeHandler(channel: string): void;
}

export type SenderCheck = (event: IpcEventLike) => boolean;
