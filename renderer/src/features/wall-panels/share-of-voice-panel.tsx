import { useContext, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ShareOfVoice } from '../../../../shared/topics';
import { useMethod } from '../../lib/use-method';
import { KioskContext } from '../wall/kiosk-context';

type Bucket = ShareOfVoice['bucket'];
type Shape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'bar';

/**
 * One look per series: colour, and a line pattern and a marker shape as well, so a series is told
 * apart on a washed-out TV or by someone who does not see the colours (and its name is written).
 */
export const SERIES_LOOKS: ReadonlyArray<{ colour: string; dash: string; shape: Shape }> = [
  { colour: 'var(--accent)', dash: '', shape: 'circle' },
  { colour: 'var(--warn)', dash: '8 4', shape: 'square' },
  { colour: 'var(--ok)', dash: '2 4', shape: 'triangle' },
  { colour: '#c792ff', dash: '10 4 2 4', shape: 'diamond' },
  { colour: '#ff8fb1', dash: '4 4', shape: 'cross' },
  { colour: 'var(--muted)', dash: '12 3 3 3 3 3', shape: 'bar' },
];

/** Points per chart: a day of hours, a month of days. */
export const SOV_POINTS: Record<Bucket, number> = { hour: 24, day: 30 };

export interface SovSeries {
  id: string;
  name: string;
  isBrand: boolean;
  look: (typeof SERIES_LOOKS)[number];
}

export interface SovView {
  series: SovSeries[];
  /** Competitors beyond the looks there are (not drawn; the panel says how many). */
  hidden: number;
  /** One row per bucket: `label`, then each series' share in % (null for a bucket nobody posted in: a gap, not a 0 %). */
  rows: Array<Record<string, string | number | null>>;
  /** The newest bucket anyone posted in: each series' share (%) and posts. */
  latest: { label: string; share: Record<string, number>; posts: Record<string, number> } | null;
}

const labelOf = (at: string, bucket: Bucket) => (bucket === 'hour' ? `${at.slice(11, 13)}:00` : at.slice(5, 10));

/** Shapes the method's answer for the chart: bounded points, brand first, one look each. */
export function shareOfVoiceView(sov: ShareOfVoice): SovView {
  const all = [...(sov.brand ? [{ ...sov.brand, isBrand: true }] : []), ...sov.competitors.map((c) => ({ ...c, isBrand: false }))];
  const shown = all.slice(0, SERIES_LOOKS.length);
  const series = shown.map((s, i) => ({ id: s.id, name: s.name, isBrand: s.isBrand, look: SERIES_LOOKS[i]! }));
  const buckets = sov.buckets.slice(-SOV_POINTS[sov.bucket]);
  let latest: SovView['latest'] = null;
  const rows = buckets.map((b) => {
    const total = series.reduce((n, s) => n + (b.posts[s.id] ?? 0), 0);
    const row: Record<string, string | number | null> = { label: labelOf(b.at, sov.bucket) };
    for (const s of series) row[s.id] = total > 0 ? Math.round((b.share[s.id] ?? 0) * 1000) / 10 : null;
    if (total > 0) {
      latest = {
        label: labelOf(b.at, sov.bucket),
        share: Object.fromEntries(series.map((s) => [s.id, row[s.id] as number])),
        posts: Object.fromEntries(series.map((s) => [s.id, b.posts[s.id] ?? 0])),
      };
    }
    return row;
  });
  return { series, hidden: all.length - shown.length, rows, latest };
}

/** The series' marker, the same in the chart and in the key. */
export function Marker({ shape, cx, cy, colour, size = 5 }: { shape: Shape; cx: number; cy: number; colour: string; size?: number }) {
  const s = size;
  switch (shape) {
    case 'circle':
      return <circle cx={cx} cy={cy} r={s} fill={colour} />;
    case 'square':
      return <rect x={cx - s} y={cy - s} width={2 * s} height={2 * s} fill={colour} />;
    case 'triangle':
      return <polygon points={`${cx},${cy - s - 1} ${cx + s + 1},${cy + s} ${cx - s - 1},${cy + s}`} fill={colour} />;
    case 'diamond':
      return <polygon points={`${cx},${cy - s - 1} ${cx + s + 1},${cy} ${cx},${cy + s + 1} ${cx - s - 1},${cy}`} fill={colour} />;
    case 'cross':
      return <path d={`M${cx - s},${cy - s}L${cx + s},${cy + s}M${cx + s},${cy - s}L${cx - s},${cy + s}`} stroke={colour} strokeWidth={2.5} />;
    case 'bar':
      return <rect x={cx - 1.5} y={cy - s - 1} width={3} height={2 * s + 2} fill={colour} />;
  }
}

function Swatch({ look }: { look: SovSeries['look'] }) {
  return (
    <svg className="sov-swatch" viewBox="0 0 44 14" width="44" height="14" aria-hidden="true">
      <line x1="2" y1="7" x2="42" y2="7" stroke={look.colour} strokeWidth="2.5" strokeDasharray={look.dash || undefined} />
      <Marker shape={look.shape} cx={22} cy={7} colour={look.colour} size={4} />
    </svg>
  );
}

/** Brand vs each competitor (topics of those kinds), per hour over the last day or per day over the last month. */
export function ShareOfVoicePanel() {
  const kiosk = useContext(KioskContext);
  const [bucket, setBucket] = useState<Bucket>('hour');
  const answer = useMethod('topics.shareOfVoice', { bucket }, ['topic.saved', 'topic.removed', 'topic.retag'], 60_000);
  const sov = answer.data;
  const view = sov && sov.bucket === bucket ? shareOfVoiceView(sov) : null;
  const span = bucket === 'hour' ? 'the last 24 hours' : 'the last 30 days';
  return (
    <section className="wall-panel sov-panel" data-testid="sov-panel" aria-label="Share of voice">
      <h2>Share of voice</h2>
      {kiosk ? null : (
        <div className="sov-buckets" role="group" aria-label="Count per">
          {(['hour', 'day'] as const).map((b) => (
            <button key={b} type="button" className="link-button" aria-pressed={bucket === b} onClick={() => setBucket(b)}>
              per {b}
            </button>
          ))}
        </div>
      )}
      {!view ? (
        <p className="wall-panel-empty">{answer.error ? `Share of voice could not load: ${answer.error}` : 'Loading share of voice…'}</p>
      ) : !sov?.brand ? (
        <p className="wall-panel-empty">Share of voice compares a brand topic with competitor topics: add them in Settings → Topics.</p>
      ) : view.series.length < 2 ? (
        <p className="wall-panel-empty">No competitor topics yet: add them in Settings → Topics to compare {sov.brand.name} with them.</p>
      ) : !view.latest ? (
        <p className="wall-panel-empty">
          No posts about {sov.brand.name} or its competitors in {span}.
        </p>
      ) : (
        <>
          <div className="sov-chart" data-testid="sov-chart" data-points={view.rows.length}>
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 160 }}>
              <LineChart data={view.rows} margin={{ top: 8, right: 26, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--line)" vertical={false} />
                <XAxis dataKey="label" tick={{ fill: 'var(--muted)', fontSize: '0.7em' }} minTickGap={24} />
                <YAxis domain={[0, 100]} ticks={[0, 50, 100]} unit="%" tick={{ fill: 'var(--muted)', fontSize: '0.7em' }} width={52} />
                <Tooltip isAnimationActive={false} formatter={(v) => (typeof v === 'number' ? `${v}%` : String(v))} contentStyle={{ background: 'var(--panel-2)', border: '1px solid var(--line)' }} />
                {view.series.map((s) => (
                  <Line
                    key={s.id}
                    dataKey={s.id}
                    name={s.name}
                    stroke={s.look.colour}
                    strokeWidth={s.isBrand ? 3 : 2}
                    strokeDasharray={s.look.dash || undefined}
                    dot={(p: { cx?: number; cy?: number; value?: unknown; index?: number }) =>
                      typeof p.cx === 'number' && typeof p.cy === 'number' && typeof p.value === 'number' ? (
                        <Marker key={`${s.id}-${p.index ?? 0}`} shape={s.look.shape} cx={p.cx} cy={p.cy} colour={s.look.colour} />
                      ) : (
                        <g key={`${s.id}-${p.index ?? 0}`} />
                      )
                    }
                    activeDot={false}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <ul className="sov-key" aria-label={`Share of voice, ${bucket === 'hour' ? 'hour' : 'day'} of ${view.latest.label}`}>
            {view.series.map((s) => (
              <li key={s.id} className={s.isBrand ? 'sov-brand' : undefined} data-testid="sov-series" data-topic={s.id} data-shape={s.look.shape} data-dash={s.look.dash || 'solid'}>
                <Swatch look={s.look} />
                <span className="sov-name">{s.name}</span>
                <span className="sov-share">{view.latest!.share[s.id]}%</span>
                <span className="sov-posts">
                  {view.latest!.posts[s.id]} {view.latest!.posts[s.id] === 1 ? 'post' : 'posts'}
                </span>
              </li>
            ))}
          </ul>
          <p className="sov-note">
            {bucket === 'hour' ? `Hour of ${view.latest.label} UTC` : `${view.latest.label} (UTC day)`}; the chart shows {span}.
            {view.hidden > 0 ? ` ${view.hidden} more competitor${view.hidden === 1 ? '' : 's'} not shown.` : ''}
          </p>
        </>
      )}
    </section>
  );
}
