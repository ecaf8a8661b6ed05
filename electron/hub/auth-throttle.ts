import type { Logger } from '../engine/index.js';

export interface ThrottleOptions {
  /** Failed sign-ins an address may make within a window before it is answered 429. */
  limit?: number;
  windowMs?: number;
  /** Addresses remembered at most (oldest forgotten first), so a spray of addresses cannot grow memory. */
  maxAddresses?: number;
  now?: () => number;
}

interface Window {
  start: number;
  failures: number;
}

/**
 * Failed sign-ins per address: logged (the first of each window, then once when the address is cut
 * off: a few lines a minute per address, never the token), and after `limit` failures in a window
 * the address gets 429 for the rest of it. A valid token from the same address still works: an
 * office behind one NAT is not locked out by one misconfigured wall.
 */
export class AuthThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(
    private readonly log: Logger,
    opts: ThrottleOptions = {},
  ) {
    this.limit = opts.limit ?? 10;
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxAddresses = opts.maxAddresses ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  private current(address: string): Window | null {
    const w = this.windows.get(address);
    if (!w) return null;
    if (this.now() - w.start >= this.windowMs) {
      this.windows.delete(address);
      return null;
    }
    return w;
  }

  /** Milliseconds until this address may try again, or 0. */
  retryAfterMs(address: string): number {
    const w = this.current(address);
    if (!w || w.failures < this.limit) return 0;
    return Math.max(1, w.start + this.windowMs - this.now());
  }

  /** Records a failed sign-in (a token was presented and is not valid). */
  failed(address: string, via: 'http' | 'websocket'): void {
    let w = this.current(address);
    if (!w) {
      if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
      w = { start: this.now(), failures: 0 };
      this.windows.set(address, w);
    }
    w.failures++;
    if (w.failures === 1) this.log.warn('failed sign-in: an invalid token', { address, via });
    else if (w.failures === this.limit) {
      this.log.warn('repeated failed sign-ins: answering 429 until the window ends', { address, via, failures: w.failures, windowSeconds: this.windowMs / 1000 });
    }
  }
}
