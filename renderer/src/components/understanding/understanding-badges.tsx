import type { Item } from '../../../../shared/domain';
import type { Topic } from '../../../../shared/topics';
import type { Reason, Sentiment } from '../../../../shared/understanding';
import './understanding.css';

/** Shape and colour both carry sentiment, so it reads without colour (colour-blind viewers, a washed-out wall). */
const SENTIMENT_MARK: Record<Sentiment, string> = { positive: '▲', neutral: '●', negative: '▼' };

/** The reasons a label was given, one a line, for the badge's hover text. */
export function reasonsText(label: string, reasons: readonly Reason[]): string {
  if (reasons.length === 0) return `${label}: no rule fired (the default)`;
  return [`${label}, because:`, ...reasons.map((r) => `• ${r.rule}${r.evidence ? `: “${r.evidence}”` : ''}`)].join('\n');
}

/** Topic chips and sentiment, intent, stage (and urgency) badges, each with its reasons on hover. */
export function UnderstandingBadges({ item, topics }: { item: Item; topics: readonly Topic[] }) {
  const e = item.enrichment;
  const names = item.topics.map((id) => topics.find((t) => t.id === id)?.name ?? id);
  if (!e && names.length === 0) return null;
  return (
    <div className="understanding" data-testid="understanding">
      {names.map((name, i) => (
        <span key={item.topics[i]} className="topic-chip" data-testid="topic-chip" title={`Topic: ${name} (its query matched this post)`}>
          {name}
        </span>
      ))}
      {e ? (
        <>
          <span
            className={`badge sentiment sentiment-${e.sentiment.label}`}
            data-testid="sentiment-badge"
            data-sentiment={e.sentiment.label}
            title={reasonsText(`Sentiment ${e.sentiment.label} (score ${e.sentiment.score.toFixed(2)})`, e.sentiment.reasons)}
          >
            <span className="sentiment-mark" aria-hidden="true">
              {SENTIMENT_MARK[e.sentiment.label]}
            </span>
            {e.sentiment.label}
          </span>
          <span className={`badge intent intent-${e.intent.label}`} data-testid="intent-badge" title={reasonsText(`Intent ${e.intent.label}`, e.intent.reasons)}>
            {e.intent.label}
          </span>
          {e.stage.label !== 'none' ? (
            <span className="badge stage" data-testid="stage-badge" title={reasonsText(`Buying stage ${e.stage.label}`, e.stage.reasons)}>
              {e.stage.label}
            </span>
          ) : null}
          {e.urgency.urgent ? (
            <span className="badge urgent" data-testid="urgent-badge" title={['Needs a person now:', ...e.urgency.cues.map((c) => `• ${c.cue}: “${c.evidence}”`)].join('\n')}>
              urgent
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
