import type { ApiTransport, ConnectionState } from '../../../shared/api';
import type { ChangeEnvelope } from '../../../shared/changes';
import type { MethodName, Params, Results } from '../../../shared/methods';
import type { Role } from '../../../shared/roles';

interface PendingCall {
  method: string;
  params: unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** An ApiTransport the test drives: it says when the connection is live and answers each call. */
export class FakeTransport implements ApiTransport {
  since: number | null | undefined = undefined;
  /** The feed id the subscriber said its `since` belongs to. */
  feedId: string | null | undefined = undefined;
  subscriptions = 0;
  unsubscribed = false;
  calls: PendingCall[] = [];
  private restartListeners = new Set<() => void>();
  private onChange: ((env: ChangeEnvelope) => void) | null = null;
  private onState: ((s: ConnectionState) => void) | null = null;

  call<M extends MethodName>(method: M, params: Params<M>): Promise<Results[M]> {
    return new Promise((resolve, reject) => this.calls.push({ method, params, resolve: resolve as (v: unknown) => void, reject }));
  }

  subscribe(since: number | null, onChange: (env: ChangeEnvelope) => void, onState: (s: ConnectionState) => void, resume?: { feedId: string | null }): () => void {
    this.since = since;
    this.feedId = resume?.feedId;
    this.subscriptions += 1;
    this.onChange = onChange;
    this.onState = onState;
    return () => {
      this.unsubscribed = true;
    };
  }

  onHistoryRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => void this.restartListeners.delete(listener);
  }

  restart(): void {
    for (const l of this.restartListeners) l();
  }

  ready(seq: number, role: Role = 'wall', feedId?: string): void {
    this.onState?.({ state: 'live', user: { name: role, role }, seq, ...(feedId !== undefined ? { feedId } : {}) });
  }

  emit(...envs: ChangeEnvelope[]): void {
    for (const env of envs) this.onChange?.(env);
  }

  pending(method: string): PendingCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  answer(method: string, result: unknown): void {
    const i = this.calls.findIndex((c) => c.method === method);
    if (i < 0) throw new Error(`no pending ${method} call`);
    this.calls.splice(i, 1)[0]!.resolve(result);
  }

  /** Answers every pending call of `method` (a retried snapshot leaves the first attempt's calls behind). */
  answerAll(method: string, result: unknown): number {
    const mine = this.pending(method);
    this.calls = this.calls.filter((c) => c.method !== method);
    for (const c of mine) c.resolve(result);
    return mine.length;
  }

  fail(method: string, error: Error): void {
    const i = this.calls.findIndex((c) => c.method === method);
    if (i < 0) throw new Error(`no pending ${method} call`);
    this.calls.splice(i, 1)[0]!.reject(error);
  }
}
