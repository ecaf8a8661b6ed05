import { Bar, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMethod } from '../../lib/use-method';

/** Epochs the chart shows at most (an hour of one-minute epochs). */
const POINTS = 60;

const hhmm = (iso: string) => iso.slice(11, 16);

/** Every public post per epoch (bars) and their mean sentiment (line, −1 … 1). */
export function VolumePanel() {
  const series = useMethod('trends.series', { key: 'all', limit: POINTS }, ['trends.epoch'], 30_000);
  const data = (series.data?.points ?? []).slice(-POINTS).map((p) => ({ at: hhmm(p.at), volume: p.volume, sentiment: p.sentiment === null ? null : Math.round(p.sentiment * 100) / 100 }));
  return (
    <section className="wall-panel volume-panel" data-testid="volume-panel" aria-label="Volume and sentiment">
      <h2>Volume &amp; sentiment</h2>
      {data.length === 0 ? (
        <p className="wall-panel-empty">The first minute is still being counted.</p>
      ) : (
        <div className="volume-chart">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
              <XAxis dataKey="at" tick={{ fill: 'var(--muted)', fontSize: '0.7em' }} minTickGap={24} />
              <YAxis yAxisId="v" tick={{ fill: 'var(--muted)', fontSize: '0.7em' }} width={36} allowDecimals={false} />
              <YAxis yAxisId="s" orientation="right" domain={[-1, 1]} tick={{ fill: 'var(--muted)', fontSize: '0.7em' }} width={30} />
              <Tooltip isAnimationActive={false} contentStyle={{ background: 'var(--panel-2)', border: '1px solid var(--line)' }} />
              <Bar yAxisId="v" dataKey="volume" name="posts" fill="var(--accent)" isAnimationActive={false} />
              <Line yAxisId="s" dataKey="sentiment" name="sentiment" stroke="var(--warn)" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
