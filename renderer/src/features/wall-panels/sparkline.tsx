import { memo } from 'react';
import { Line, LineChart, YAxis } from 'recharts';
import type { SeriesPoint } from '../../../../shared/alerts';

/** Points a sparkline draws at most: a wall left alone for days keeps the same DOM. */
export const SPARK_POINTS = 30;

/** Volume per epoch, no axes, no animation; redrawn only when its points change (once an epoch). */
export const Sparkline = memo(SparklineChart, (a, b) => a.label === b.label && signature(a.points) === signature(b.points));

function signature(points: readonly SeriesPoint[]): string {
  return points
    .slice(-SPARK_POINTS)
    .map((p) => `${p.at}:${p.volume}`)
    .join(',');
}

function SparklineChart({ points, label }: { points: readonly SeriesPoint[]; label: string }) {
  const data = points.slice(-SPARK_POINTS).map((p) => ({ at: p.at, v: p.volume }));
  if (data.length < 2) return <span className="sparkline sparkline-empty" aria-hidden="true" />;
  return (
    <span className="sparkline" role="img" aria-label={`${label}: ${data.map((d) => Math.round(d.v)).join(', ')} posts per epoch`}>
      <LineChart width={120} height={32} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis hide domain={[0, 'dataMax']} />
        <Line type="monotone" dataKey="v" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </span>
  );
}
