import { useEffect, useState } from 'react';
import type { QueueStatsRow } from '../../../../shared/queue-views';
import { onLiveChange } from '../../api/live-changes';
import { rpc } from '../../api/rpc';
import { useNow } from '../../lib/use-now';
import './queue-tiles.css';

/**
 * The queue on the wall (issue 12): open conversations, unanswered, oldest waiting, SLA attainment
 * today and median first response, in total and by team. Self-contained: it asks queue.stats (counts
 * only, nothing private, readable by the wall role) every few seconds, and soon after a conversation
 * changes where the screen's role receives those (the wall role does not).
 * On the wall it is a panel like the others (`QUEUE_TILES_PANEL`, in the wall panel registry): the
 * wall's layout chooses it, and it restarts alone in its own boundary.
 */
export function QueueTiles() {
  const [stats, setStats] = useState<{ teams: QueueStatsRow[]; total: QueueStatsRow } | null>(null);
  const now = useNow(30_000);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const load = () => {
      timer = null;
      rpc('queue.stats', {}).then(
        (s) => !stopped && setStats(s),
        () => undefined,
      );
    };
    const soon = (ms: number) => {
      timer ??= setTimeout(load, ms);
    };
    soon(0);
    const every = setInterval(() => soon(0), 5_000);
    const off = onLiveChange((env) => {
      if (env.change.kind === 'conversation.updated') soon(1_000);
    });
    return () => {
      stopped = true;
      off();
      clearInterval(every);
      if (timer) clearTimeout(timer);
    };
  }, []);
  if (!stats) return null;
  const t = stats.total;
  return (
    <section className="wall-panel queue-tiles" data-testid="queue-tiles" aria-label="Conversation queue">
      <Tile label="Open conversations" value={String(t.open)} testId="queue-tile-open" />
      <Tile label="Unanswered" value={String(t.unanswered)} testId="queue-tile-unanswered" />
      <Tile label="Oldest waiting" value={waited(t.oldestWaitingSince, now)} testId="queue-tile-oldest" />
      <Tile label="SLA met today" value={t.slaAttainment === null ? '—' : `${Math.round(t.slaAttainment * 100)} %`} testId="queue-tile-sla" />
      <Tile label="Median first response" value={duration(t.medianFirstResponseMs)} testId="queue-tile-median" />
      <table className="queue-tiles-teams" data-testid="queue-tile-teams">
        <tbody>
          {stats.teams
            .filter((r) => r.open > 0 || r.slaAttainment !== null)
            .map((r) => (
              <tr key={r.team} data-team={r.team}>
                <th scope="row">{r.team}</th>
                <td>{r.open} open</td>
                <td>{r.unanswered} unanswered</td>
                <td>{r.slaAttainment === null ? '' : `${Math.round(r.slaAttainment * 100)} % SLA`}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

export const QUEUE_TILES_PANEL = { id: 'queue', title: 'Conversation queue', component: QueueTiles } as const;

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="queue-tile" data-testid={testId}>
      <div className="queue-tile-value">{value}</div>
      <div className="queue-tile-label">{label}</div>
    </div>
  );
}

function duration(ms: number | null): string {
  if (ms === null) return '—';
  const min = Math.round(ms / 60_000);
  return min < 1 ? `${Math.max(1, Math.round(ms / 1000))} s` : min < 120 ? `${min} min` : `${Math.round(min / 60)} h`;
}

function waited(since: string | null, now: number): string {
  return since === null ? '—' : duration(Math.max(0, now - Date.parse(since)));
}
