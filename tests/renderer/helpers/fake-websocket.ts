import type { ClientMessage, ServerMessage } from '../../../shared/api';
import type { WebSocketLike } from '../../../renderer/src/api/ws-transport';

/** Stands in for the browser WebSocket: the test opens, feeds and drops it. */
export class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  static reset(): void {
    FakeWebSocket.instances = [];
  }
  static last(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1);
    if (!ws) throw new Error('no socket was created');
    return ws;
  }

  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: ClientMessage[] = [];
  closed = false;
  /** Lets a fake hub answer what the client sends. */
  onClientMessage: ((msg: ClientMessage) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.closed) throw new Error('socket is closed');
    const msg = JSON.parse(data) as ClientMessage;
    this.sent.push(msg);
    this.onClientMessage?.(msg);
  }

  close(): void {
    this.closed = true;
  }

  // --- driven by the test ---
  open(): void {
    this.onopen?.({});
  }
  receive(msg: ServerMessage | Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  receiveRaw(data: unknown): void {
    this.onmessage?.({ data });
  }
  drop(code = 1006, reason = ''): void {
    this.closed = true;
    this.onclose?.({ code, reason });
  }
  calls(): Extract<ClientMessage, { type: 'call' }>[] {
    return this.sent.filter((m): m is Extract<ClientMessage, { type: 'call' }> => m.type === 'call');
  }
}
