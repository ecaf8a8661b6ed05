import type { TrendTerm, TrendTopic } from '../../../../shared/alerts';
import { useMethod } from '../../lib/use-method';
import { Sparkline } from './sparkline';
import { trendWhy } from './trend-why';

const SHOWN = 8;

/** Terms trending right now (mid-epoch, the earliest signal) and the stories they form, with why. */
export function TrendingPanel() {
  const top = useMethod('trends.top', { limit: SHOWN }, ['trends.onset', 'trends.epoch'], 10_000);
  const terms = top.data?.terms ?? [];
  const topics = (top.data?.topics ?? []).filter((t) => t.trending);
  const epochMs = top.data?.epochMs ?? 60_000;
  return (
    <section className="wall-panel trending-panel" data-testid="trending-panel" aria-label="Trending now">
      <h2>Trending now</h2>
      {terms.length === 0 && topics.length === 0 ? <p className="wall-panel-empty">{top.data ? 'Nothing unusual right now.' : 'Loading trends…'}</p> : null}
      <ol className="trend-list">
        {terms.slice(0, SHOWN).map((t) => (
          <TermRow key={`term:${t.term}`} term={t} epochMs={epochMs} />
        ))}
        {topics.slice(0, SHOWN).map((t) => (
          <TopicRow key={`topic:${t.id}`} topic={t} epochMs={epochMs} />
        ))}
      </ol>
    </section>
  );
}

function TermRow({ term: t, epochMs }: { term: TrendTerm; epochMs: number }) {
  return (
    <li className="trend-row" data-testid="trend-term" data-term={t.term}>
      <span className="trend-label">{t.kind === 'hashtag' ? `#${t.term.replace(/^#/, '')}` : t.term}</span>
      <span className="trend-why">{trendWhy(t.count, t.expected, t.sd, epochMs)}</span>
    </li>
  );
}

function TopicRow({ topic: t, epochMs }: { topic: TrendTopic; epochMs: number }) {
  const series = useMethod('trends.series', { key: `topic:${t.id}`, limit: 30 }, ['trends.epoch'], 60_000);
  return (
    <li className="trend-row" data-testid="trend-topic" data-term={t.label}>
      <span className="trend-label">{t.label}</span>
      <Sparkline points={series.data?.points ?? []} label={`${t.label} over time`} />
      <span className="trend-why">
        {trendWhy(t.volume, t.expected, t.sd, epochMs)}
        {t.terms.length > 1 ? ` · with ${t.terms.filter((x) => x !== t.label).slice(0, 3).join(', ')}` : ''}
      </span>
    </li>
  );
}
