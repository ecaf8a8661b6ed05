import type { ChangeEnvelope } from '../../../shared/changes';
import type { Item } from '../../../shared/domain';
import { FakeWebSocket } from './fake-websocket';
import { makeItem } from './items';
import { makeFreeze } from './publishing';

/**
 * Just enough of the hub's /api/ws to exercise resume: a change log with seqs, `auth` → `ready` + the
 * changes after `since`, `items.list`/`sources.list`/`freeze.get` answered a little later (so snapshots race the
 * stream), and, when `overlap` is on, one change too many replayed on resume.
 */
export class FakeHub {
  log: ChangeEnvelope[] = [];
  truth = new Map<number, Item>();
  overlap = false;
  private live = new Set<FakeWebSocket>();
  private nextItemId = 1;

  get head(): number {
    return this.log.at(-1)?.seq ?? 0;
  }

  /** Connects every socket the client opens from now on. */
  serve(): void {
    const seen = new Set<FakeWebSocket>();
    const poll = () => {
      for (const ws of FakeWebSocket.instances) {
        if (seen.has(ws)) continue;
        seen.add(ws);
        this.attach(ws);
      }
    };
    const timer = setInterval(poll, 1);
    this.stop = () => clearInterval(timer);
    poll();
  }
  stop: () => void = () => {};

  private attach(ws: FakeWebSocket): void {
    ws.onClientMessage = (msg) => {
      if (msg.type === 'auth') {
        queueMicrotask(() => {
          if (ws.closed) return;
          ws.receive({ type: 'ready', seq: this.head, user: { name: 'wall', role: 'wall' } });
          const from = msg.since === null ? this.head : Math.max(0, msg.since - (this.overlap ? 1 : 0));
          for (const env of this.log) if (env.seq > from && !ws.closed) ws.receive({ type: 'change', seq: env.seq, change: env.change });
          if (!ws.closed) this.live.add(ws);
        });
      } else {
        const items = [...this.truth.values()].filter((i) => !i.deletedAt).sort((a, b) => b.id - a.id);
        const result =
          msg.method === 'items.list'
            ? { items: items.slice(0, (msg.params as { limit: number }).limit) }
            : msg.method === 'freeze.get'
              ? { freeze: makeFreeze(), suggestions: [] }
              : { sources: [] };
        setTimeout(() => {
          if (!ws.closed) ws.receive({ type: 'result', id: msg.id, result });
        }, 3);
      }
    };
    queueMicrotask(() => ws.open());
  }

  drop(): void {
    for (const ws of this.live) ws.drop();
    this.live.clear();
  }

  private publish(env: ChangeEnvelope): void {
    this.log.push(env);
    for (const ws of [...this.live]) {
      if (ws.closed) this.live.delete(ws);
      else ws.receive({ type: 'change', seq: env.seq, change: env.change });
    }
  }

  add(): void {
    const seq = this.head + 1;
    const item = makeItem(this.nextItemId++, { seq });
    this.truth.set(item.id, item);
    this.publish({ seq, change: { kind: 'item.added', item } });
  }

  update(id: number): void {
    const prev = this.truth.get(id);
    if (!prev || prev.deletedAt) return;
    const seq = this.head + 1;
    const item = { ...prev, seq, text: `edit ${seq}`, editedAt: new Date().toISOString() };
    this.truth.set(id, item);
    this.publish({ seq, change: { kind: 'item.updated', item } });
  }

  remove(id: number): void {
    const prev = this.truth.get(id);
    if (!prev || prev.deletedAt) return;
    const seq = this.head + 1;
    const item = { ...prev, seq, deletedAt: new Date().toISOString() };
    this.truth.set(id, item);
    this.publish({ seq, change: { kind: 'item.deleted', item } });
  }
}
